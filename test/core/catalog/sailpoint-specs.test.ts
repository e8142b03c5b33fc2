import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadCatalog,
  loadSpec,
  matchOperation,
  searchOperations,
  type Catalog,
} from '../../../src/core/catalog/index.js';
import { BETA_SPEC, SPECS_DIR, V3_SPEC, skipRealSpecs } from './sailpoint-specs.js';
import { tempCacheDir } from './temp-dir.js';

describe.skipIf(skipRealSpecs)(`SailPoint's specs in ${SPECS_DIR}`, () => {
  let catalog: Catalog;
  const cacheDir = tempCacheDir();
  beforeAll(async () => {
    catalog = await loadCatalog([V3_SPEC, BETA_SPEC], { cacheDir });
  }, 60_000);

  it('loads all 358 v3 and 559 beta operations, tolerating their quirks', () => {
    const [v3, beta] = catalog.specs;
    expect(v3?.operations).toHaveLength(358);
    expect(beta?.operations).toHaveLength(559);
    expect(catalog.operations).toHaveLength(358 + 559);
    expect(new Set(catalog.operations.map((op) => op.id)).size).toBe(358 + 559);
    expect(v3?.title).toBe('Identity Security Cloud V3 API');
    expect(v3?.servers[0]?.url).toBe('https://{tenant}.api.identitynow.com/v3');
    // The misspelt extension on disableAccount, and beta's reference to a file not in the bundle.
    const disable = catalog.operations.find((op) => op.id === 'POST /v3/accounts/{id}/disable');
    expect(disable?.userLevels).toEqual([
      'ORG_ADMIN',
      'SOURCE_ADMIN',
      'SOURCE_SUBADMIN',
      'HELPDESK',
    ]);
    expect(beta?.warnings).toContainEqual(expect.stringContaining('unresolved $ref'));
    expect(catalog.operations.filter((op) => op.security?.length === 0)).toHaveLength(1);
  });

  it('puts the server path in front: POST /v3/access-requests is createAccessRequest', () => {
    const op = catalog.operations.find((o) => o.id === 'POST /v3/access-requests');
    expect(op).toMatchObject({
      operationId: 'createAccessRequest',
      specPath: '/access-requests',
      summary: 'Submit access request',
      security: [{ userAuth: ['idn:access-request:manage', 'idn:access-request-self:manage'] }],
      userLevels: ['ORG_ADMIN', 'USER'],
      requestBodyType: 'application/json',
    });
    expect(JSON.parse(op!.requestBodyExample!)).toHaveProperty('requestType', 'GRANT_ACCESS');
    expect(
      matchOperation(catalog.operations, 'GET', '/beta/identities/2c9180857182305e')?.path,
    ).toBe('/beta/identities/{id}');
  });

  it('a second load of both specs comes from the cache', async () => {
    const timings: string[] = [];
    for (const source of [V3_SPEC, BETA_SPEC]) {
      const cached = await loadSpec(source, { cacheDir });
      const first = catalog.specs.find((spec) => spec.source === cached.source);
      expect(cached.fromCache).toBe(true);
      expect(cached.operations).toEqual(first?.operations);
      timings.push(`${cached.title}: first ${first?.elapsedMs} ms, cached ${cached.elapsedMs} ms`);
    }
    console.info(`spec load times — ${timings.join('; ')}`);
  });

  it('fuzzy search ranks what a person types', () => {
    const top = (text: string, n = 3) =>
      searchOperations(catalog.operations, text, n).map((op) => op.operationId);
    expect(top('access req')).toContain('createAccessRequest');
    expect(top('createAccessRequest', 2)).toEqual(['createAccessRequest', 'createAccessRequest']);
    expect(searchOperations(catalog.operations, 'post /v3/access-requests', 1)[0]?.id).toBe(
      'POST /v3/access-requests',
    );
    expect(searchOperations(catalog.operations, 'get /beta/identity-profiles', 1)[0]?.id).toBe(
      'GET /beta/identity-profiles',
    );
    expect(top('Identity Profiles', 10)).toContain('listIdentityProfiles');
    expect(searchOperations(catalog.operations, '')).toHaveLength(358 + 559);

    // Typing letter by letter after the first search: each keystroke stays cheap.
    searchOperations(catalog.operations, 'warm up');
    const started = performance.now();
    const text = 'list identity profiles';
    for (let i = 1; i <= text.length; i++)
      searchOperations(catalog.operations, text.slice(0, i), 50);
    const perKey = (performance.now() - started) / text.length;
    console.info(
      `fuzzy search over ${catalog.operations.length} operations: ${perKey.toFixed(2)} ms a keystroke`,
    );
  });
});
