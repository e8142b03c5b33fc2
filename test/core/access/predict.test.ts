import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NEEDS_USER,
  PREDICTION_DISCLAIMER,
  predictAccess,
  type AccessPrediction,
} from '../../../src/core/access/index.js';
import { loadSpec, type CatalogOperation } from '../../../src/core/catalog/index.js';
import { tempCacheDir } from '../catalog/temp-dir.js';
import { API_KEY, PAT, identity } from '../../support/identities.js';

let operations: CatalogOperation[];
beforeAll(async () => {
  const spec = await loadSpec(path.resolve('test/fixtures/specs/quirks-3.0.yaml'), {
    cacheDir: tempCacheDir(),
  });
  operations = spec.operations;
});

const op = (operationId: string) => {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no ${operationId}`);
  return found;
};
const verdict = (prediction: AccessPrediction) => prediction.verdict;

describe('predictAccess', () => {
  it('denies a token without a user an operation that only takes userAuth', () => {
    const prediction = predictAccess(op('createAccessRequest'), API_KEY);
    expect(prediction).toEqual({ verdict: 'denied', reasons: [NEEDS_USER] });
    expect(NEEDS_USER).toBe('needs a user: use a PAT or log in');
    expect(verdict(predictAccess(op('createAccessRequest'), PAT))).toBe('allowed');
  });

  it('lets an app token through when applicationAuth is listed, whatever the user levels', () => {
    const prediction = predictAccess(op('getIdentity'), API_KEY);
    expect(prediction.verdict).toBe('allowed');
    expect(prediction.reasons).toContain('accepts tokens without a user (applicationAuth)');
    expect(prediction.reasons).toContain('user levels apply to user tokens only');
  });

  it('names the missing scopes; sp:scopes:all grants them all; one of a list is enough', () => {
    const narrow = identity({ ...PAT, scopes: ['idn:identity:write'] });
    expect(predictAccess(op('getIdentity'), narrow)).toEqual({
      verdict: 'denied',
      reasons: ['missing scope: needs one of idn:identity:read (token has idn:identity:write)'],
    });
    expect(verdict(predictAccess(op('getIdentity'), PAT))).toBe('allowed');
    const selfOnly = identity({ ...PAT, scopes: ['idn:access-request-self:manage'] });
    expect(predictAccess(op('createAccessRequest'), selfOnly).reasons).toContain(
      'has scope idn:access-request-self:manage',
    );
  });

  it('checks user levels for user tokens: names the levels, unknown without authorities', () => {
    const helpdesk = identity({ ...PAT, authorities: ['HELPDESK'] });
    expect(verdict(predictAccess(op('getIdentity'), helpdesk))).toBe('allowed');
    expect(predictAccess(op('disableAccount'), helpdesk)).toEqual({
      verdict: 'denied',
      reasons: ['needs user level ORG_ADMIN or SOURCE_ADMIN (token has HELPDESK)'],
    });
    // USER is every user's level.
    expect(verdict(predictAccess(op('createAccessRequest'), helpdesk))).toBe('allowed');
    const silent = identity({ ...PAT, authorities: [] });
    expect(predictAccess(op('disableAccount'), silent)).toEqual({
      verdict: 'unknown',
      reasons: ['needs user level ORG_ADMIN or SOURCE_ADMIN; the token lists no authorities'],
    });
  });

  it('treats Any as anyone and ignores a level that is a scope, saying so', () => {
    expect(
      verdict(predictAccess(op('getInherited'), identity({ ...PAT, authorities: ['X'] }))),
    ).toBe('allowed');
    const prediction = predictAccess(op('getUserContext'), PAT);
    expect(prediction.verdict).toBe('allowed');
    expect(prediction.reasons).toContain(
      'ignored user level "idn:user-context:read": it looks like a scope',
    );
    // The undeclared UserContextAuth scheme is a user scheme too.
    expect(predictAccess(op('getUserContext'), API_KEY)).toEqual({
      verdict: 'denied',
      reasons: [NEEDS_USER],
    });
  });

  it('public operations are allowed; missing security or an unknown token is unknown', () => {
    const stranger = identity({ provider: 'unknown' });
    expect(predictAccess(op('getPublicInfo'), stranger)).toEqual({
      verdict: 'allowed',
      reasons: ['public: the spec says it needs no token'],
    });
    expect(predictAccess({ security: null, userLevels: null }, PAT)).toEqual({
      verdict: 'unknown',
      reasons: ['the spec says nothing about security here'],
    });
    const unknownToken = predictAccess(op('getIdentity'), stranger);
    expect(unknownToken.verdict).toBe('unknown');
    expect(unknownToken.reasons).toContain('keyhole could not tell what kind of token this is');
    // The inherited top-level security applies to operations that state none.
    expect(verdict(predictAccess(op('getInherited'), API_KEY))).toBe('denied');
  });

  it('reads the subject kind when the user context is not stated', () => {
    const app = identity({ subjectKind: 'app', scopes: ['sp:scopes:all'] });
    expect(verdict(predictAccess(op('createAccessRequest'), app))).toBe('denied');
    const user = identity({
      subjectKind: 'user',
      scopes: ['sp:scopes:all'],
      authorities: ['USER'],
    });
    expect(verdict(predictAccess(op('createAccessRequest'), user))).toBe('allowed');
  });

  it('says it is a prediction', () => {
    expect(PREDICTION_DISCLAIMER).toMatch(/^Predicted .* not guaranteed/);
    expect(PREDICTION_DISCLAIMER).toContain('SailPoint publishes no list');
  });
});
