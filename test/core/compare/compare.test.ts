import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog, matchOperation } from '../../../src/core/catalog/index.js';
import { compareProfiles, isMutating } from '../../../src/core/compare/index.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { deadPort } from '../../support/http-servers.js';
import { ACCESS_REQUEST, type DemoSession, NO_PERSON, startDemoSession } from './demo-session.js';

let demo: DemoSession;
let catalog: Catalog;
beforeAll(async () => {
  demo = await startDemoSession();
  catalog = await loadCatalog([`${demo.tenant.baseUrl}/demo/openapi.json`], {
    cacheDir: path.join(demo.dir, 'cache'),
  });
});
afterAll(() => demo.close());

describe('compareProfiles against the demo tenant', () => {
  it('POST /v3/access-requests: 403 without a user, 2xx with one, and why', async () => {
    const operation = matchOperation(catalog.operations, 'POST', '/v3/access-requests');
    const result = await compareProfiles(
      [demo.profiles.api, demo.profiles.pat],
      { method: 'POST', path: '/v3/access-requests', body: ACCESS_REQUEST },
      demo.tokens,
      NO_PERSON,
      { operation },
    );
    const [api, pat] = result.results;
    expect(api).toMatchObject({
      profile: 'demo-api',
      status: 403,
      error: null,
      identity: { userContext: false, userName: null, authorities: ['API'] },
      explanation: {
        reason: 'no_user_context',
        summary: 'this token has no user context; demo-pat has one',
      },
    });
    expect(pat).toMatchObject({
      profile: 'demo-pat',
      error: null,
      explanation: null,
      identity: { userContext: true, userName: 'jane.doe', authorities: ['ORG_ADMIN'] },
    });
    expect(pat?.status).toBeGreaterThanOrEqual(200);
    expect(pat?.status).toBeLessThan(300);
    expect(api?.timing?.totalMs).toBeGreaterThan(0);
    // The SailPoint error body on one side, the created requests on the other.
    expect(result.diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          base: 'demo-api',
          profile: 'demo-pat',
          path: '$.detailCode',
          kind: 'removed',
        }),
        expect.objectContaining({ path: '$.newRequests', kind: 'added' }),
      ]),
    );
  });

  it('two GETs with the same answer have no diff; different answers differ structurally', async () => {
    const same = await compareProfiles(
      [demo.profiles.api, demo.profiles.pat, demo.profiles.helpdesk],
      { method: 'GET', path: '/v3/identities/5b2e3993ff1a2674ba8d9881c6e5192d' },
      demo.tokens,
      NO_PERSON,
    );
    expect(same.results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(same.diff).toEqual([]);

    const different = await compareProfiles(
      [demo.profiles.pat, demo.profiles.helpdesk],
      { method: 'GET', path: '/v3/identity-profiles' },
      demo.tokens,
      NO_PERSON,
      { operation: matchOperation(catalog.operations, 'GET', '/v3/identity-profiles') },
    );
    expect(different.results.map((r) => r.status)).toEqual([200, 403]);
    expect(different.diff).toHaveLength(1);
    expect(different.diff[0]).toMatchObject({
      path: '$',
      kind: 'changed',
      profile: 'demo-helpdesk',
    });
    expect(different.results[1]?.explanation?.reason).toBe('user_level');
  });

  it('a profile whose request cannot be sent is an entry with an error, not a failure', async () => {
    const dead: Profile = {
      ...demo.profiles.pat,
      name: 'dead',
      baseUrl: `http://127.0.0.1:${await deadPort()}`,
      tokenUrl: `${demo.tenant.baseUrl}/oauth/token`,
    };
    const result = await compareProfiles(
      [dead, demo.profiles.pat, demo.profiles.api],
      { method: 'GET', path: '/v3/identities/5b2e3993ff1a2674ba8d9881c6e5192d' },
      demo.tokens,
      NO_PERSON,
    );
    expect(result.results[0]).toMatchObject({
      profile: 'dead',
      status: null,
      call: null,
      error: { message: expect.stringMatching(/nothing is listening/) },
    });
    expect(result.results.slice(1).map((r) => r.status)).toEqual([200, 200]);
    // The base of the diff is the first profile that got a response.
    expect(result.diff).toEqual([]);
  });

  it('knows which methods change data', () => {
    expect(['POST', 'put', 'PATCH', 'DELETE'].every(isMutating)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isMutating)).toBe(false);
  });
});
