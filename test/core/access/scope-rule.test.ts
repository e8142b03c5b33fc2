import { describe, expect, it } from 'vitest';
import { pathOf, recordedCalls } from '../../../src/core/access/recorded-calls.js';
import { auditRuleOf, credentialKindOf, planRuleOf } from '../../../src/core/access/scope-rule.js';

const openapi = { security: [{ oauth: ['read', 'write'] }], userLevels: null };
const sailpointShaped = { security: [{ userAuth: ['idn:identity:read'] }], userLevels: null };
const withLevels = { security: null, userLevels: ['ORG_ADMIN'] };

describe('the scope rule of a profile and its specs', () => {
  it('any one for the SailPoint preset or SailPoint-shaped specs, all of them otherwise', () => {
    expect(planRuleOf({ preset: 'sailpoint' }, [openapi])).toBe('any');
    expect(planRuleOf({ preset: 'generic' }, [openapi, sailpointShaped])).toBe('any');
    expect(planRuleOf(undefined, [withLevels])).toBe('any');
    expect(planRuleOf({ preset: 'generic' }, [openapi])).toBe('all');
    expect(planRuleOf(undefined, [])).toBe('all');
  });

  it("an audit of a SailPoint token reads SailPoint's rule whatever the spec", () => {
    expect(auditRuleOf('sailpoint', { preset: 'generic' }, [openapi])).toBe('any');
    expect(auditRuleOf('okta', { preset: 'generic' }, [openapi])).toBe('all');
  });

  it('a PAT or a login acts as a user, an API key does not, other kinds do not say', () => {
    expect(credentialKindOf({ kind: 'pat' })).toBe('user');
    expect(credentialKindOf({ kind: 'user' })).toBe('user');
    expect(credentialKindOf({ kind: 'api-key' })).toBe('app');
    expect(credentialKindOf({ kind: 'other' })).toBeUndefined();
    expect(credentialKindOf(undefined)).toBeUndefined();
  });
});

describe('history entries as recorded calls', () => {
  const entry = (at: string, url: string) => ({ method: 'GET', url, status: 200, at });

  it('keeps the path of each URL, and only entries within --since', () => {
    const now = Date.parse('2026-05-02T12:00:00Z');
    const calls = recordedCalls(
      [
        entry('2026-05-02T11:30:00Z', 'https://t.example/v3/identities?limit=1'),
        entry('2026-04-01T00:00:00Z', 'https://t.example/beta/workflows'),
      ],
      3_600_000,
      now,
    );
    expect(calls).toEqual([
      { method: 'GET', path: '/v3/identities', status: 200, at: '2026-05-02T11:30:00Z' },
    ]);
    expect(recordedCalls([entry('2026-04-01T00:00:00Z', '/x')], undefined, now)).toHaveLength(1);
  });

  it('a URL that does not parse is kept as it is', () => {
    expect(pathOf('not a url')).toBe('not a url');
  });
});
