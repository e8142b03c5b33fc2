import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentials, discover, refresh } from '../../../src/core/auth/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { type TestServer, startServer } from '../../support/http-servers.js';
import { type OidcPeer, startOidcPeer } from '../../support/oidc-peer.js';
import { rejectionOf } from '../../support/wait-for.js';

/**
 * Discovery behind a redirect, against oidc-provider fronted by its own redirect (as a proxy or
 * a framework's trailing-slash rule does), and redirects of token requests from a raw server.
 */
const peers: OidcPeer[] = [];
let raw: TestServer;
let rawAnswer: (path: string) => { status: number; location: string };

async function peerWith(options: Parameters<typeof startOidcPeer>[0]): Promise<OidcPeer> {
  const peer = await startOidcPeer(options);
  peers.push(peer);
  return peer;
}

beforeAll(async () => {
  raw = await startServer((req, res) => {
    const { status, location } = rawAnswer(req.url ?? '/');
    res.writeHead(status, { location, 'content-type': 'text/plain' });
    res.end('moved');
  });
});
afterAll(async () => {
  await Promise.all([...peers.map((peer) => peer.close()), raw?.close()]);
});

async function keyholeError(promise: Promise<unknown>): Promise<KeyholeError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(KeyholeError);
  return error as KeyholeError;
}

describe('discovery follows a redirect within the same origin', () => {
  for (const status of [301, 302, 307, 308] as const) {
    it(`${status} to the trailing-slash path: the endpoints are read from where it points`, async () => {
      const peer = await peerWith({ discoveryRedirect: { status, to: 'slash' } });
      const before = await fetch(`${peer.issuer}/.well-known/openid-configuration`, {
        redirect: 'manual',
      });
      // The peer really redirects: without following, there is no document.
      expect(before.status).toBe(status);
      await before.body?.cancel();

      const server = await discover(peer.issuer);
      expect(server).toMatchObject({
        issuer: peer.issuer,
        tokenUrl: `${peer.origin}/token`,
        authorizeUrl: `${peer.origin}/auth`,
        jwksUri: `${peer.origin}/jwks`,
      });
      // And the endpoints it found work: a token for the service client.
      const tokens = await clientCredentials(server, peer.service);
      expect(tokens.accessToken).toBeTruthy();
    });
  }

  it('a redirect to another origin is not followed, and the message names the Location', async () => {
    const port = new URL(raw.origin).port;
    const elsewhere = `http://localhost:${port}/tenant/.well-known/openid-configuration`;
    const peer = await peerWith({ discoveryRedirect: { status: 301, to: elsewhere } });
    rawAnswer = () => ({ status: 500, location: '' });
    const before = raw.received.length;
    const error = await keyholeError(discover(peer.issuer));
    expect(error.message).toBe(
      `reading the OpenID configuration failed: ${new URL(peer.origin).host} answered HTTP 301, a redirect to ${elsewhere}`,
    );
    expect(error.hint).toContain('only within the same origin');
    expect(raw.received.length).toBe(before);
  });

  it('a redirect loop ends with the last Location named', async () => {
    rawAnswer = (path) => ({ status: 302, location: `${path}x` });
    const error = await keyholeError(discover(`${raw.origin}/loop`));
    expect(error.message).toMatch(
      /answered HTTP 302, a redirect to http:\/\/127\.0\.0\.1:\d+\/loop/,
    );
    // 1 request and 5 followed hops, then it stops.
    expect(raw.received.filter((r) => r.url.startsWith('/loop')).length).toBe(6);
  });
});

describe('a token request that is redirected names the Location and is not followed', () => {
  it('client_credentials: a 302 to a login page', async () => {
    rawAnswer = () => ({ status: 302, location: 'https://login.example.com/sso?next=%2F' });
    const before = raw.received.length;
    const error = await keyholeError(
      clientCredentials(
        { tokenUrl: `${raw.origin}/oauth/token` },
        { clientId: 'c', clientSecret: 'secret-value-1234' },
      ),
    );
    expect(error.message).toBe(
      `getting a token with the client credentials failed: ${new URL(raw.origin).host} answered HTTP 302, a redirect to https://login.example.com/sso?next=%2F`,
    );
    expect(error.hint).toContain('does not send credentials on to a redirect');
    expect(raw.received.length).toBe(before + 1);
  });

  it('refresh: a 308 with a relative Location is shown as a full URL', async () => {
    rawAnswer = () => ({ status: 308, location: '/v2/token' });
    const error = await keyholeError(
      refresh({ tokenUrl: `${raw.origin}/token` }, { clientId: 'c', refreshToken: 'rt-1234' }),
    );
    expect(error.message).toContain(`answered HTTP 308, a redirect to ${raw.origin}/v2/token`);
  });

  it('a Location with terminal control bytes reaches the message escaped', async () => {
    // \x9b is CSI in 8-bit terminals; Node sends it as the byte 0x9b, undici reads it as latin1.
    rawAnswer = () => ({ status: 301, location: '/a\x9b2Jb' });
    const error = await keyholeError(
      clientCredentials({ tokenUrl: `${raw.origin}/t` }, { clientId: 'c', clientSecret: 's-1234' }),
    );
    expect(error.message).toContain('a redirect to');
    // eslint-disable-next-line no-control-regex -- the point is that none is left
    expect(error.message).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});
