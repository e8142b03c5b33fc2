import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  predictAccess,
  specSecurityOf,
  type PredictOptions,
} from '../../../src/core/access/index.js';
import { loadSpec, type LoadedSpec } from '../../../src/core/catalog/index.js';
import { buildDemoOpenApi } from '../../../src/demo/openapi/document.js';
import { OPERATIONS, isAllowed } from '../../../src/demo/policy.js';
import type { Principal } from '../../../src/demo/tokens.js';
import { tempSubdir } from '../catalog/temp-dir.js';
import { API_KEY, PAT, identity } from '../../support/identities.js';

const BASE_URL = 'http://127.0.0.1:8080';

// The same tokens twice: as the demo server sees them and as keyhole describes them.
const TOKENS = [
  {
    label: 'API key',
    principal: { clientId: 'api', authorities: ['API'], scope: ['sp:scopes:all'], jti: 'a' },
    identity: API_KEY,
  },
  {
    label: 'PAT',
    principal: {
      clientId: 'pat',
      identityId: 'jane',
      authorities: ['ORG_ADMIN'],
      scope: ['sp:scopes:all'],
      jti: 'p',
    },
    identity: PAT,
  },
  {
    label: 'helpdesk PAT',
    principal: {
      clientId: 'helpdesk',
      identityId: 'sam',
      authorities: ['HELPDESK'],
      scope: ['sp:scopes:all'],
      jti: 'h',
    },
    identity: identity({ ...PAT, authorities: ['HELPDESK'] }),
  },
] satisfies { label: string; principal: Principal; identity: unknown }[];

let spec: LoadedSpec;
/** The demo tenant's profiles have the SailPoint preset. */
let SAILPOINT: PredictOptions;
beforeAll(async () => {
  const dir = tempSubdir();
  const file = path.join(dir, 'demo-openapi.json');
  writeFileSync(file, JSON.stringify(buildDemoOpenApi(BASE_URL)));
  spec = await loadSpec(file, { cacheDir: path.join(dir, 'cache') });
  SAILPOINT = { preset: 'sailpoint', specs: specSecurityOf([spec]) };
});

describe("the demo tenant's OpenAPI document", () => {
  it('loads with every operation of the policy table', () => {
    expect(spec.operations.map((op) => op.id).sort()).toEqual(
      OPERATIONS.map((policy) => `${policy.method} ${policy.path}`).sort(),
    );
    for (const op of spec.operations) expect(op.baseUrl).toBe(BASE_URL);
    expect(spec.warnings).toEqual([]);
  });

  it('predictions match the policy table for an API key, a PAT and a helpdesk PAT', () => {
    let compared = 0;
    for (const policy of OPERATIONS) {
      const op = spec.operations.find((o) => o.id === `${policy.method} ${policy.path}`)!;
      for (const token of TOKENS) {
        const expected = isAllowed(policy, token.principal) ? 'allowed' : 'denied';
        const prediction = predictAccess(op, token.identity, SAILPOINT);
        expect(
          prediction.verdict,
          `${policy.operationId} / ${token.label}: ${prediction.reasons}`,
        ).toBe(expected);
        compared++;
      }
    }
    expect(compared).toBe(OPERATIONS.length * TOKENS.length);
    // Both verdicts occur, so the comparison is not trivially one-sided.
    const verdicts = new Set(
      OPERATIONS.map((policy) => (isAllowed(policy, TOKENS[0]!.principal) ? 'allowed' : 'denied')),
    );
    expect([...verdicts].sort()).toEqual(['allowed', 'denied']);
  });
});
