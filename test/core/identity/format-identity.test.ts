import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { describeToken, formatDuration, formatIdentity } from '../../../src/core/identity/index.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const now = Math.floor(NOW.getTime() / 1000);
const key = new TextEncoder().encode('a-test-only-hmac-key-of-32-bytes!');

const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [723, '12m 3s'],
    [3600, '1h'],
    [3661, '1h 1m'],
    [90_000, '1d 1h'],
    [-200, '3m 20s'],
  ])('%d s reads as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatIdentity', () => {
  it('gives aligned lines for a SailPoint PAT', async () => {
    const identity = await describeToken(
      await sign({
        tenant_id: 't-1',
        pod: 'stg03-useast1',
        org: 'acme',
        identity_id: 'id-1',
        user_name: 'jane.doe',
        client_id: 'pat-1',
        authorities: ['ORG_ADMIN'],
        scope: ['sp:scopes:all'],
        exp: now + 723,
      }),
      { kind: 'pat', now: NOW },
    );
    const lines = formatIdentity(identity);
    expect(lines).toEqual([
      'Who:          jane.doe (user, PAT)',
      'Kind:         SailPoint JWT, user context',
      'Client:       pat-1',
      'Tenant:       acme (pod stg03-useast1, id t-1)',
      'Authorities:  ORG_ADMIN',
      'Scopes:       sp:scopes:all',
      `Expires:      in 12m 3s (${new Date((now + 723) * 1000).toISOString()})`,
      'Signature:    not checked',
      'Claims:       read from the JWT',
      expect.stringMatching(/^Warning: +signature not checked/),
    ]);
  });

  it('names an app by its client id and shows an expired token', async () => {
    const identity = await describeToken(
      await sign({ iss: 'https://idp.example.com', sub: 'svc', client_id: 'svc', exp: now - 5 }),
      { kind: 'api-key', now: NOW },
    );
    const lines = formatIdentity(identity);
    expect(lines[0]).toBe('Who:        svc (app, API key)');
    expect(lines).toContain(
      `Expires:    expired 5s ago (${new Date((now - 5) * 1000).toISOString()})`,
    );
    expect(lines).toContain('Scopes:     (none)');
    expect(lines).toContain('Warning:    expired 5s ago');
  });

  it('keeps opaque tokens to what is known', async () => {
    const lines = formatIdentity(await describeToken('opaque-value', { clientId: 'c' }));
    expect(lines).toEqual([
      'Who:      c (opaque)',
      'Kind:     opaque token (claims not readable)',
      'Client:   c',
      'Claims:   none: the token is opaque and the server was not asked about it',
      'Warning:  opaque token: keyhole cannot read its claims',
    ]);
  });

  it("shows an opaque token's scopes and expiry from the token response, and says so", async () => {
    const lines = formatIdentity(
      await describeToken('opaque-value', {
        clientId: 'c',
        now: NOW,
        tokenResponse: { scope: 'read', expiresAt: NOW.getTime() + 3_600_000 },
      }),
    );
    expect(lines).toEqual([
      'Who:      c (opaque)',
      'Kind:     opaque token (claims not readable)',
      'Client:   c',
      'Scopes:   read',
      `Expires:  in 1h (${new Date(NOW.getTime() + 3_600_000).toISOString()})`,
      'Claims:   from the token response (scope, expires_in); the token itself is opaque',
      "Warning:  opaque token: keyhole cannot read its claims; scope and expiry are the token response's",
    ]);
  });

  it('reads an RFC 7662 answer with username and no sub as a user', async () => {
    const identity = await describeToken('opaque-value', {
      clientId: 'keyhole-cli',
      now: NOW,
      introspection: {
        active: true,
        username: 'jane.doe',
        client_id: 'keyhole-cli',
        scope: 'read',
      },
    });
    expect(identity).toMatchObject({
      subjectKind: 'user',
      userContext: true,
      userName: 'jane.doe',
      claimsSource: 'introspection',
    });
    const lines = formatIdentity(identity);
    expect(lines[0]).toBe('Who:     jane.doe (user)');
    expect(lines).toContain('Kind:    opaque token (introspected), user context');
    expect(lines).toContain('Scopes:  read');
  });
});
