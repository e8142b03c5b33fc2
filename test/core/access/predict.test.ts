import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NEEDS_USER,
  PREDICTION_DISCLAIMER,
  predictAccess,
  specSecurityOf,
  type AccessPrediction,
  type PredictOptions,
} from '../../../src/core/access/index.js';
import { loadSpec, type CatalogOperation } from '../../../src/core/catalog/index.js';
import { tempCacheDir } from '../catalog/temp-dir.js';
import { API_KEY, PAT, identity } from '../../support/identities.js';

let operations: CatalogOperation[];
/** The fixture is SailPoint-shaped: read under the SailPoint preset, with its declared schemes. */
let SAILPOINT: PredictOptions;
beforeAll(async () => {
  const spec = await loadSpec(path.resolve('test/fixtures/specs/quirks-3.0.yaml'), {
    cacheDir: tempCacheDir(),
  });
  operations = spec.operations;
  SAILPOINT = { preset: 'sailpoint', specs: specSecurityOf([spec]) };
});

const op = (operationId: string) => {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no ${operationId}`);
  return found;
};
const verdict = (prediction: AccessPrediction) => prediction.verdict;

describe('predictAccess', () => {
  it('denies a token without a user an operation that only takes userAuth', () => {
    const prediction = predictAccess(op('createAccessRequest'), API_KEY, SAILPOINT);
    expect(prediction).toEqual({ verdict: 'denied', reasons: [NEEDS_USER] });
    expect(NEEDS_USER).toBe('needs a user: use a PAT or log in');
    expect(verdict(predictAccess(op('createAccessRequest'), PAT, SAILPOINT))).toBe('allowed');
  });

  it('lets an app token through when applicationAuth is listed, whatever the user levels', () => {
    const prediction = predictAccess(op('getIdentity'), API_KEY, SAILPOINT);
    expect(prediction.verdict).toBe('allowed');
    expect(prediction.reasons).toContain('accepts tokens without a user (applicationAuth)');
    expect(prediction.reasons).toContain('user levels apply to user tokens only');
  });

  it('names the missing scopes; sp:scopes:all grants them all; one of a list is enough', () => {
    const narrow = identity({ ...PAT, scopes: ['idn:identity:write'] });
    expect(predictAccess(op('getIdentity'), narrow, SAILPOINT)).toEqual({
      verdict: 'denied',
      reasons: ['missing scope: needs one of idn:identity:read (token has idn:identity:write)'],
    });
    expect(verdict(predictAccess(op('getIdentity'), PAT, SAILPOINT))).toBe('allowed');
    const selfOnly = identity({ ...PAT, scopes: ['idn:access-request-self:manage'] });
    // With several scopes listed the reason names the rule it read them by.
    expect(predictAccess(op('createAccessRequest'), selfOnly, SAILPOINT).reasons).toContain(
      'has scope idn:access-request-self:manage — any one listed scope (SailPoint)',
    );
  });

  it('checks user levels for user tokens: names the levels, unknown without authorities', () => {
    const helpdesk = identity({ ...PAT, authorities: ['HELPDESK'] });
    expect(verdict(predictAccess(op('getIdentity'), helpdesk, SAILPOINT))).toBe('allowed');
    expect(predictAccess(op('disableAccount'), helpdesk, SAILPOINT)).toEqual({
      verdict: 'denied',
      reasons: ['needs user level ORG_ADMIN or SOURCE_ADMIN (token has HELPDESK)'],
    });
    // USER is every user's level.
    expect(verdict(predictAccess(op('createAccessRequest'), helpdesk, SAILPOINT))).toBe('allowed');
    const silent = identity({ ...PAT, authorities: [] });
    expect(predictAccess(op('disableAccount'), silent, SAILPOINT)).toEqual({
      verdict: 'unknown',
      reasons: ['needs user level ORG_ADMIN or SOURCE_ADMIN; the token lists no authorities'],
    });
  });

  it('treats Any as anyone and ignores a level that is a scope, saying so', () => {
    expect(
      verdict(
        predictAccess(op('getInherited'), identity({ ...PAT, authorities: ['X'] }), SAILPOINT),
      ),
    ).toBe('allowed');
    const prediction = predictAccess(op('getUserContext'), PAT, SAILPOINT);
    expect(prediction.verdict).toBe('allowed');
    expect(prediction.reasons).toContain(
      'ignored user level "idn:user-context:read": it looks like a scope',
    );
    // The undeclared UserContextAuth scheme is a user scheme too.
    expect(predictAccess(op('getUserContext'), API_KEY, SAILPOINT)).toEqual({
      verdict: 'denied',
      reasons: [NEEDS_USER],
    });
  });

  it('public operations are allowed; missing security or an unknown token is unknown', () => {
    const stranger = identity({ provider: 'unknown' });
    expect(predictAccess(op('getPublicInfo'), stranger, SAILPOINT)).toEqual({
      verdict: 'allowed',
      reasons: ['public: the spec says it needs no token'],
    });
    expect(
      predictAccess({ id: 'GET /x', security: null, userLevels: null }, PAT, SAILPOINT),
    ).toEqual({
      verdict: 'unknown',
      reasons: ['the spec says nothing about security here'],
    });
    const unknownToken = predictAccess(op('getIdentity'), stranger, SAILPOINT);
    expect(unknownToken.verdict).toBe('unknown');
    expect(unknownToken.reasons).toContain('keyhole could not tell what kind of token this is');
    // The inherited top-level security applies to operations that state none.
    expect(verdict(predictAccess(op('getInherited'), API_KEY, SAILPOINT))).toBe('denied');
  });

  it('reads the subject kind when the user context is not stated', () => {
    const app = identity({ subjectKind: 'app', scopes: ['sp:scopes:all'] });
    expect(verdict(predictAccess(op('createAccessRequest'), app, SAILPOINT))).toBe('denied');
    const user = identity({
      subjectKind: 'user',
      scopes: ['sp:scopes:all'],
      authorities: ['USER'],
    });
    expect(verdict(predictAccess(op('createAccessRequest'), user, SAILPOINT))).toBe('allowed');
  });

  it('says it is a prediction', () => {
    expect(PREDICTION_DISCLAIMER).toMatch(/^Predicted .* not guaranteed/);
    expect(PREDICTION_DISCLAIMER).toContain('SailPoint publishes no list');
  });
});
