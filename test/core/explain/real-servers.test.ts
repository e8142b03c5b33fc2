import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCall } from '../../../src/core/call/execute.js';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { TokenService } from '../../../src/core/tokens/service.js';
import { tempDir } from '../../support/cli.js';
import { type OidcPeer, startOidcPeer } from '../../support/oidc-peer.js';
import { sampleProfile } from '../../support/profiles.js';
import { type ResourceServer, startResourceServer } from '../../support/resource-server.js';

/*
 * An API that is not the demo tenant: a resource server that trusts oidc-provider's tokens and
 * refuses in the shapes of RFC 6750, Entra, Okta and SailPoint. The explanation must repeat
 * what the server said, and claim "no user context" only where there is evidence for it.
 */
let peer: OidcPeer;
let api: ResourceServer;
let dir: string;
let cleanup: () => void;
let repository: ProfileRepository;
let tokens: TokenService;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  peer = await startOidcPeer();
  api = await startResourceServer(peer);
  repository = new ProfileRepository(path.join(dir, 'config'));
  tokens = new TokenService(repository.dir, repository.vault, {
    PEER_SECRET: peer.service.clientSecret,
    PASTED: 'not-a-token-the-peer-issued',
  });
});
afterAll(async () => {
  await api?.close();
  await peer?.close();
  cleanup();
});

async function profile(change: Partial<Profile>): Promise<Profile> {
  return repository.add(
    sampleProfile({
      baseUrl: api.origin,
      tokenUrl: `${peer.issuer}/token`,
      clientId: peer.service.clientId,
      secret: { store: 'env', var: 'PEER_SECRET' },
      scopes: ['read'],
      ...change,
    }),
  );
}

const call = (p: Profile, path: string) =>
  executeCall(p, { method: 'GET', path }, tokens, { interactive: false });

describe('a scope 403 from a server that is not the demo tenant', () => {
  let app: Profile;
  beforeAll(async () => {
    app = await profile({ name: 'app' });
  });

  it('the token is good for what it has', async () => {
    const ok = await call(app, '/rfc6750/read');
    expect(ok.response.status, ok.response.body.toString()).toBe(200);
    expect(ok.explanation).toBeNull();
  });

  it.each(['rfc6750', 'oauth-body', 'okta'])(
    '%s: names the missing scope and what the token has, not "no user context"',
    async (style) => {
      const result = await call(app, `/${style}/hello`);
      expect(result.response.status).toBe(403);
      expect(result.explanation).toMatchObject({
        reason: 'missing_scope',
        summary: 'missing scope hello (token has read)',
        nextStep: expect.stringContaining('keyhole profiles edit app --scope read --scope hello'),
      });
    },
  );

  it.each([
    ['entra', '"Insufficient privileges to complete the operation." (Authorization_RequestDenied)'],
    [
      'sailpoint',
      '"The server understood the request but refuses to authorize it." (403 Forbidden)',
    ],
  ])('%s: a 403 without a scope says what the server said', async (style, said) => {
    const result = await call(app, `/${style}/hello`);
    expect(result.explanation).toMatchObject({
      reason: 'forbidden',
      summary: `the server refused this token for this request: ${said}`,
    });
  });

  it('"no user context" needs evidence: SailPoint saying so to a SailPoint profile', async () => {
    const generic = await call(app, '/sailpoint/user');
    expect(generic.explanation?.reason).toBe('forbidden');
    expect(generic.explanation?.summary).toContain('requires a user context');
    const sailpoint = await profile({ name: 'sp-app', preset: 'sailpoint' });
    const said = await call(sailpoint, '/sailpoint/user');
    expect(said.explanation).toMatchObject({
      reason: 'no_user_context',
      summary: 'this token has no user context',
    });
    // A SailPoint profile refused for a scope is still refused for a scope.
    expect((await call(sailpoint, '/sailpoint/hello')).explanation?.reason).toBe('forbidden');
  });

  it('or a spec that declares the operation user-only', async () => {
    const result = await executeCall(
      app,
      { method: 'GET', path: '/rfc6750/user' },
      tokens,
      { interactive: false },
      { operation: { security: [{ userAuth: [] }], userLevels: null } },
    );
    expect(result.explanation?.reason).toBe('no_user_context');
  });
});

describe('a 401', () => {
  it('on a static profile is not retried with the same token; it asks for a new one', async () => {
    const pasted = await profile({
      name: 'pasted',
      grant: 'static',
      secret: { store: 'env', var: 'PASTED' },
      scopes: [],
    });
    const before = api.server.received.length;
    const result = await call(pasted, '/rfc6750/read');
    expect(result.response.status).toBe(401);
    expect(api.server.received.length - before).toBe(1);
    expect(result.response.retries).toBe(0);
    expect(result.explanation).toMatchObject({
      reason: 'unauthorized',
      summary:
        'the server did not accept the token: "The access token is invalid: the token is not active" (invalid_token)',
      nextStep: expect.stringContaining(
        'Paste a new token: `keyhole profiles set-secret pasted --secret-stdin`',
      ),
    });
    expect(result.explanation?.nextStep).not.toMatch(/keyhole gets a new token/);
  });

  it("quotes the server's invalid_token description (Okta's shape)", async () => {
    const app = await profile({ name: 'app-401', scopes: ['read'] });
    const result = await executeCall(
      app,
      { method: 'GET', path: '/okta/read', headers: { authorization: 'Bearer junk' } },
      tokens,
      { interactive: false },
    );
    expect(result.response.status).toBe(401);
    expect(result.explanation?.summary).toBe(
      'the server did not accept the token: "The access token is invalid: the token is not active" (invalid_token)',
    );
  });
});
