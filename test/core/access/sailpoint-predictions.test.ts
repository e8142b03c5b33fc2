import { beforeAll, describe, expect, it } from 'vitest';
import {
  predictAccess,
  specSecurityOf,
  type PredictOptions,
  type Verdict,
} from '../../../src/core/access/index.js';
import { loadSpec, type LoadedSpec } from '../../../src/core/catalog/index.js';
import { BETA_SPEC, SPECS_DIR, V3_SPEC, skipRealSpecs } from '../catalog/sailpoint-specs.js';
import { tempCacheDir } from '../catalog/temp-dir.js';
import { API_KEY, PAT } from '../../support/identities.js';

const IDENTITIES = { 'API key': API_KEY, PAT } as const;

describe.skipIf(skipRealSpecs)(`predictions over SailPoint's specs in ${SPECS_DIR}`, () => {
  const specs: Record<'v3' | 'beta', LoadedSpec> = {} as never;
  let SAILPOINT: PredictOptions;
  beforeAll(async () => {
    const cacheDir = tempCacheDir();
    specs.v3 = await loadSpec(V3_SPEC, { cacheDir });
    specs.beta = await loadSpec(BETA_SPEC, { cacheDir });
    SAILPOINT = { preset: 'sailpoint', specs: specSecurityOf([specs.v3, specs.beta]) };
  }, 60_000);

  it('every operation gets a verdict with reasons, for an API key and for a PAT', () => {
    const expected = { v3: 358, beta: 559 };
    const lines: string[] = [];
    for (const name of ['v3', 'beta'] as const) {
      expect(specs[name].operations).toHaveLength(expected[name]);
      for (const [label, token] of Object.entries(IDENTITIES)) {
        const counts: Record<Verdict, number> = { allowed: 0, denied: 0, unknown: 0 };
        for (const operation of specs[name].operations) {
          const prediction = predictAccess(operation, token, SAILPOINT);
          expect(['allowed', 'denied', 'unknown']).toContain(prediction.verdict);
          expect(prediction.reasons.length, operation.id).toBeGreaterThan(0);
          counts[prediction.verdict]++;
        }
        expect(counts.allowed + counts.denied + counts.unknown).toBe(expected[name]);
        lines.push(
          `${name} ${label}: ${counts.allowed} allowed, ${counts.denied} denied, ` +
            `${counts.unknown} unknown`,
        );
      }
    }
    console.info(`predicted access over SailPoint's specs:\n  ${lines.join('\n  ')}`);
  });

  it('an API key tells userAuth-only from applicationAuth operations (README counts)', () => {
    // The specs' README: v3 has 217 userAuth-only operations, 140 with applicationAuth and one
    // public; beta 306 and 253.
    const denied = (spec: LoadedSpec) =>
      spec.operations.filter((op) => predictAccess(op, API_KEY, SAILPOINT).verdict === 'denied')
        .length;
    expect(denied(specs.v3)).toBe(217);
    expect(denied(specs.beta)).toBe(306);
  });

  it('createAccessRequest: denied for an API key, allowed for a PAT', () => {
    const op = specs.v3.operations.find((o) => o.id === 'POST /v3/access-requests');
    expect(op?.operationId).toBe('createAccessRequest');
    expect(predictAccess(op!, API_KEY, SAILPOINT)).toEqual({
      verdict: 'denied',
      reasons: ['needs a user: use a PAT or log in'],
    });
    expect(predictAccess(op!, PAT, SAILPOINT).verdict).toBe('allowed');
  });

  it('GET /v3/identity-profiles: allowed for both', () => {
    const op = specs.v3.operations.find((o) => o.id === 'GET /v3/identity-profiles');
    expect(op?.userLevels).toEqual(['ORG_ADMIN', 'API']);
    const api = predictAccess(op!, API_KEY, SAILPOINT);
    expect(api.verdict).toBe('allowed');
    expect(api.reasons).toContain('user levels list API: API clients may call it');
    expect(predictAccess(op!, PAT, SAILPOINT).verdict).toBe('allowed');
  });

  it('the scope-shaped level in beta is ignored with a reason', () => {
    const op = specs.beta.operations.find(
      (o) => o.id === 'GET /beta/access-request-administration',
    );
    const prediction = predictAccess(op!, PAT, SAILPOINT);
    expect(prediction.verdict).toBe('allowed');
    expect(prediction.reasons).toContain(
      'ignored user level "idn:access-request-administration:read": it looks like a scope',
    );
  });
});
