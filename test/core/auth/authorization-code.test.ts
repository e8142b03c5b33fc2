import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationCode, discover, refresh } from '../../../src/core/auth/index.js';
import type { AuthServer, AuthorizationCodeOptions } from '../../../src/core/auth/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { describeToken } from '../../../src/core/identity/index.js';
import { signInOverHttp } from '../../support/oidc-browser.js';
import type { Page } from '../../support/oidc-browser.js';
import { DEMO_ACCOUNTS, startOidcPeer } from '../../support/oidc-peer.js';
import type { OidcPeer } from '../../support/oidc-peer.js';
import { rejectionOf, waitFor } from '../../support/wait-for.js';

const jane = { login: 'jane.doe', password: 'jane-password' };
const WEB_CLIENT = { clientId: 'keyhole-web', clientSecret: 'web-client-secret-0123456789' };

let peer: OidcPeer;
let server: AuthServer;
let fixedPort: number;

/** A port that was free a moment ago, for the client registered with an exact redirect URI. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  fixedPort = await freePort();
  peer = await startOidcPeer({
    extraClients: [
      {
        client_id: WEB_CLIENT.clientId,
        client_secret: WEB_CLIENT.clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`http://localhost:${fixedPort}/callback`],
      },
    ],
  });
  server = await discover(peer.issuer);
});
afterAll(() => peer?.close());

/** Runs a login where the "browser" signs in over HTTP as soon as keyhole opens the URL. */
async function login(
  options: Partial<AuthorizationCodeOptions> = {},
  credentials = jane,
): Promise<{ tokens: Awaited<ReturnType<typeof authorizationCode>>; page: Page; url: URL }> {
  let browsing: Promise<Page> | undefined;
  let opened: URL | undefined;
  const tokens = await authorizationCode(server, {
    clientId: peer.native.clientId,
    scopes: ['openid', 'read'],
    openBrowser: (url) => {
      opened = new URL(url);
      browsing = signInOverHttp(url, credentials);
    },
    ...options,
  });
  if (browsing === undefined || opened === undefined) throw new Error('the browser never opened');
  return { tokens, page: await browsing, url: opened };
}

describe('authorizationCode against oidc-provider', () => {
  it('logs in with PKCE S256 through the loopback listener', async () => {
    const shown: string[] = [];
    const { tokens, page, url } = await login({ onUrl: (u) => shown.push(u) });

    expect(shown).toEqual([url.href]);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.has('code_verifier')).toBe(false);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('state')).toBeTruthy();

    // The browser's last stop is keyhole's listener, which says how it went.
    expect(page.url.pathname).toBe('/callback');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Logged in');

    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.idToken).toEqual(expect.any(String));
    const identity = await describeToken(tokens.accessToken, {
      kind: 'user',
      jwks: { url: server.jwksUri ?? '' },
    });
    expect(identity).toMatchObject({
      provider: 'oidc',
      subjectKind: 'user',
      userContext: true,
      identityId: DEMO_ACCOUNTS[0]?.accountId,
      userName: 'jane.doe',
      clientId: peer.native.clientId,
      signature: 'verified',
    });
    expect(identity.warnings).toEqual([]);
  });

  it('uses a fixed redirect port and sends the secret of a confidential client', async () => {
    const { tokens, url } = await login({
      clientId: WEB_CLIENT.clientId,
      clientSecret: WEB_CLIENT.clientSecret,
      redirectPort: fixedPort,
      redirectHost: 'localhost',
    });
    expect(url.searchParams.get('redirect_uri')).toBe(`http://localhost:${fixedPort}/callback`);
    const identity = await describeToken(tokens.accessToken);
    expect(identity.clientId).toBe(WEB_CLIENT.clientId);
    expect(identity.userName).toBe('jane.doe');
  });

  it('does not deadlock when the opener resolves only after the page has loaded', async () => {
    let page: Page | undefined;
    const tokens = await authorizationCode(server, {
      clientId: peer.native.clientId,
      // Plain OAuth this time: no openid scope, so no ID token to check.
      scopes: ['read'],
      openBrowser: async (url) => {
        page = await signInOverHttp(url, jane);
      },
    });
    expect(tokens.scope).toBe('read');
    expect(tokens.idToken).toBeUndefined();
    // keyhole answered the page before returning; the opener finishes reading it just after.
    expect((await waitFor(() => page, 'the page to load')).body).toContain('Logged in');
  });

  it('rotates the refresh token, and the old one is refused afterwards', async () => {
    const { tokens: first } = await login();
    const firstRefresh = first.refreshToken ?? '';

    const second = await refresh(server, {
      clientId: peer.native.clientId,
      refreshToken: firstRefresh,
    });
    expect(second.refreshToken).toEqual(expect.any(String));
    expect(second.refreshToken).not.toBe(firstRefresh);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await describeToken(second.accessToken)).userName).toBe('jane.doe');

    const reused = await rejectionOf(
      refresh(server, { clientId: peer.native.clientId, refreshToken: firstRefresh }),
    );
    expect(reused).toBeInstanceOf(KeyholeError);
    expect((reused as KeyholeError).message).toContain('the session has ended');
    expect((reused as KeyholeError).message).not.toContain(firstRefresh);

    // oidc-provider treats reuse as theft and revokes the whole grant: the new token dies too.
    const after = await rejectionOf(
      refresh(server, { clientId: peer.native.clientId, refreshToken: second.refreshToken ?? '' }),
    );
    expect((after as KeyholeError).message).toContain('the session has ended');
  });

  it('refuses a callback whose state does not match', async () => {
    let answer: Promise<Response> | undefined;
    const error = await rejectionOf(
      authorizationCode(server, {
        clientId: peer.native.clientId,
        openBrowser: (url) => {
          const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
          answer = fetch(`${redirect}?code=stolen&state=not-the-state`);
        },
      }),
    );
    expect(error).toBeInstanceOf(KeyholeError);
    expect((error as KeyholeError).message).toContain('state mismatch');
    expect((await answer)?.status).toBe(400);
  });

  it('explains a login declined at the server', async () => {
    const error = await rejectionOf(
      authorizationCode(server, {
        clientId: peer.native.clientId,
        openBrowser: (url) => {
          const params = new URL(url).searchParams;
          void fetch(
            `${params.get('redirect_uri')}?error=access_denied&state=${params.get('state')}`,
          );
        },
      }),
    );
    expect((error as KeyholeError).message).toBe(
      'the login was declined or cancelled in the browser',
    );
  });

  it('ignores stray requests to other paths and can be cancelled', async () => {
    const controller = new AbortController();
    let page: Page | undefined;
    const pending = authorizationCode(server, {
      clientId: peer.native.clientId,
      signal: controller.signal,
      openBrowser: async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
        expect((await fetch(new URL('/favicon.ico', redirect))).status).toBe(404);
        page = await signInOverHttp(url, { login: 'jane.doe', password: 'wrong' });
      },
    });
    const stopped = rejectionOf(pending);
    await waitFor(() => page, 'the failed sign-in');
    expect(page?.status).toBe(401);
    controller.abort();
    expect(((await stopped) as KeyholeError).message).toBe('the login was cancelled');
  });

  it('gives up after the timeout', async () => {
    const error = await rejectionOf(
      authorizationCode(server, {
        clientId: peer.native.clientId,
        timeoutMs: 50,
        openBrowser: () => undefined,
      }),
    );
    expect((error as KeyholeError).message).toContain('did not finish within');
  });

  it('reports a browser that cannot open, with the URL to open by hand', async () => {
    const error = await rejectionOf(
      authorizationCode(server, {
        clientId: peer.native.clientId,
        openBrowser: () => {
          throw new Error('no display');
        },
      }),
    );
    expect((error as KeyholeError).message).toBe('could not open a browser for the login');
    expect((error as KeyholeError).hint).toContain(`${peer.issuer}/auth?`);
  });
});
