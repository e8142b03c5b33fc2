import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationCode, discover } from '../../src/core/auth/index.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { signInOverHttp } from '../support/oidc-browser.js';
import { startServer } from '../support/http-servers.js';
import { type OidcPeer, startOidcPeer } from '../support/oidc-peer.js';
import { type ResourceServer, startResourceServer } from '../support/resource-server.js';

/*
 * keyhole as a user runs it against servers that are not the demo tenant: oidc-provider (JWT
 * and opaque access tokens) and a resource server that trusts it and answers RFC 6750.
 */
let jwtPeer: OidcPeer;
let opaquePeer: OidcPeer;
let api: ResourceServer;
let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

const keyhole = (args: string[]) => runKeyhole(args, { env });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  jwtPeer = await startOidcPeer();
  opaquePeer = await startOidcPeer({ opaqueAccessTokens: true, hideIntrospection: true });
  api = await startResourceServer(jwtPeer);
  env = {
    KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
    JWT_SECRET: jwtPeer.service.clientSecret,
    OPAQUE_SECRET: opaquePeer.service.clientSecret,
  };
});
afterAll(async () => {
  await api?.close();
  await jwtPeer?.close();
  await opaquePeer?.close();
  cleanup();
});

async function add(name: string, flags: string[]): Promise<void> {
  const added = await keyhole(['profiles', 'add', name, '--preset', 'oidc', ...flags]);
  expect(added.code, added.stderr).toBe(0);
}

describe('call: a scope 403 from an API that is not the demo tenant', () => {
  it('names the missing scope and the scopes the token has', async () => {
    await add('app', [
      '--base-url',
      api.origin,
      '--issuer',
      jwtPeer.issuer,
      '--client-id',
      jwtPeer.service.clientId,
      '--secret',
      'env:JWT_SECRET',
      '--scope',
      'read',
    ]);
    const denied = await keyhole(['call', 'app', 'GET', '/rfc6750/hello']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('403: missing scope hello (token has read)');
    expect(denied.stderr).toContain('keyhole profiles edit app --scope read --scope hello');
    expect(denied.stderr).not.toMatch(/user context|use a PAT/);

    const json = await keyhole(['call', 'app', 'GET', '/okta/hello', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 403,
      explanation: { reason: 'missing_scope', summary: 'missing scope hello (token has read)' },
    });
  });
});

describe('compare: nobody is named as the way out when all fail for a scope', () => {
  it('the app token is missing a scope; the user token that also lacks it is not offered', async () => {
    let browsing: Promise<unknown> | undefined;
    const login = await authorizationCode(await discover(jwtPeer.issuer), {
      clientId: jwtPeer.native.clientId,
      scopes: ['openid', 'read'],
      openBrowser: (url) => {
        browsing = signInOverHttp(url, { login: 'jane.doe', password: 'jane-password' });
      },
    });
    await browsing;
    env['JANE_TOKEN'] = login.accessToken;
    await add('jane', [
      '--preset',
      'generic',
      '--base-url',
      api.origin,
      '--grant',
      'static',
      '--secret',
      'env:JANE_TOKEN',
      '--kind',
      'user',
    ]);
    const compared = await keyhole(['compare', 'app,jane', 'GET', '/rfc6750/hello', '--json']);
    const [app, jane] = (JSON.parse(compared.stdout) as { results: unknown[] }).results;
    expect(jane).toMatchObject({
      status: 403,
      identity: { userContext: true },
      explanation: {
        reason: 'missing_scope',
        summary: 'missing scope hello (token has read)',
      },
    });
    expect(app).toMatchObject({
      status: 403,
      explanation: { reason: 'missing_scope', summary: 'missing scope hello (token has read)' },
    });
    expect(compared.stdout).not.toContain('has one');
  });
});

describe('whoami: an opaque token', () => {
  it("shows the token response's scope and expiry and where they came from", async () => {
    await add('opaque', [
      '--base-url',
      opaquePeer.issuer,
      '--client-id',
      opaquePeer.service.clientId,
      '--secret',
      'env:OPAQUE_SECRET',
      '--scope',
      'read',
    ]);
    const who = await keyhole(['whoami', 'opaque']);
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/^Scopes: +read$/m);
    expect(who.stdout).toMatch(/^Expires: +in \d+m/m);
    expect(who.stdout).toMatch(/^Claims: +from the token response \(scope, expires_in\)/m);
    const json = JSON.parse((await keyhole(['whoami', 'opaque', '--json'])).stdout);
    expect(json).toMatchObject({ scopes: ['read'], claimsSource: 'token_response' });
    expect(json.expiresInSeconds).toBeGreaterThan(0);
  });

  it('is introspected at the --introspection-url the profile names', async () => {
    const edited = await keyhole([
      'profiles',
      'edit',
      'opaque',
      '--introspection-url',
      opaquePeer.introspectionUrl,
    ]);
    expect(edited.code, edited.stderr).toBe(0);
    const who = await keyhole(['whoami', 'opaque']);
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/^Kind: +OpenID Connect opaque token \(introspected\), no user/m);
    expect(who.stdout).toMatch(/^Scopes: +read$/m);
    expect(who.stdout).toMatch(/^Claims: +from the server's introspection endpoint/m);
    expect(opaquePeer.introspectionRequests.length).toBeGreaterThan(0);
  });
});

/** WHATWG fetch refuses these ports outright; one of them that nothing listens on. */
async function closedBadPort(): Promise<number> {
  for (const port of [6000, 6665, 6666, 6667, 6668, 6669, 10080, 4190, 6697]) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!open) return port;
  }
  throw new Error('every candidate port is taken');
}

describe('failures before the API is reached', () => {
  it('an unreachable token endpoint is explained like an unreachable API host', async () => {
    const port = await closedBadPort();
    await add('dead-token', [
      '--preset',
      'generic',
      '--base-url',
      api.origin,
      '--token-url',
      `http://127.0.0.1:${port}/token`,
      '--client-id',
      'c',
      '--secret',
      'env:JWT_SECRET',
    ]);
    const who = await keyhole(['whoami', 'dead-token']);
    expect(who.code).toBe(1);
    expect(who.stderr).toContain(`could not connect to 127.0.0.1:${port}: connection refused`);
    expect(who.stderr).not.toContain('fetch failed');
  });

  it('an issuer mismatch names the configured issuer exactly as given', async () => {
    // A reverse proxy that serves oidc-provider's own document under a realm path.
    const proxy = await startServer((_req, res) => {
      void fetch(`${jwtPeer.issuer}/.well-known/openid-configuration`)
        .then((answer) => answer.text())
        .then((text) => res.writeHead(200, { 'content-type': 'application/json' }).end(text));
    });
    try {
      const given = `${proxy.origin}/realms/acme`;
      await add('realm', [
        '--base-url',
        api.origin,
        '--issuer',
        given,
        '--client-id',
        jwtPeer.service.clientId,
        '--secret',
        'env:JWT_SECRET',
      ]);
      const who = await keyhole(['whoami', 'realm']);
      expect(who.code).toBe(1);
      expect(proxy.received[0]?.url).toBe('/realms/acme/.well-known/openid-configuration');
      expect(who.stderr).toContain(`says its issuer is ${jwtPeer.issuer}, not ${given}\n`);
    } finally {
      await proxy.close();
    }
  });
});
