import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JANE_DOE, SAM_HELPDESK } from '../../src/demo/data/identities.js';
import type { DemoTenant } from '../../src/demo/server.js';
import {
  api,
  clientToken,
  expectErrorShape,
  manualClock,
  startTestTenant,
} from '../support/demo-http.js';

let tenant: DemoTenant;
const clock = manualClock();
const tokens = { api: '', pat: '', helpdesk: '' };
beforeAll(async () => {
  tenant = await startTestTenant({ now: clock.now });
  tokens.api = await clientToken(tenant, 'demo-api-client');
  tokens.pat = await clientToken(tenant, 'demo-pat-client');
  tokens.helpdesk = await clientToken(tenant, 'demo-helpdesk-client');
});
afterAll(() => tenant.close());

type Named = { id: string; name: string };
const names = (body: unknown) => (body as Named[]).map((item) => item.name);

describe('GET /v3/identities', () => {
  it('returns every identity by default, sorted by name', async () => {
    const response = await api(tenant, '/v3/identities', tokens.pat);
    expect(response.status).toBe(200);
    const all = response.json as Named[];
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(names(all)).toEqual([...names(all)].sort((a, b) => a.localeCompare(b)));
    expect(response.headers['x-total-count']).toBeUndefined();
  });

  it('pages with limit and offset, and counts with count=true', async () => {
    const seen = new Set<string>();
    const sizes: number[] = [];
    let total = 0;
    for (let offset = 0; ; offset += 25) {
      const response = await api(
        tenant,
        `/v3/identities?limit=25&offset=${offset}&count=true`,
        tokens.api,
      );
      expect(response.status).toBe(200);
      total = Number(response.headers['x-total-count']);
      const page = response.json as Named[];
      sizes.push(page.length);
      for (const identity of page) seen.add(identity.id);
      if (page.length < 25) break;
    }
    expect(total).toBe(62);
    expect(sizes).toEqual([25, 25, 12]);
    expect(seen.size).toBe(62);
  });

  it.each([['limit=251'], ['limit=-1'], ['offset=x'], ['count=yes']])(
    '%s is a 400',
    async (query) => {
      const response = await api(tenant, `/v3/identities?${query}`, tokens.pat);
      expect(response.status).toBe(400);
      expect(expectErrorShape(response.json).detailCode).toBe('400.0 Bad request syntax');
    },
  );

  it.each([
    ['name eq "Jane Doe"', ['Jane Doe']],
    ['name eq "jane doe"', ['Jane Doe']],
    ['name sw "Sam"', ['Sam Helpdesk']],
    [`id eq "${SAM_HELPDESK.id}"`, ['Sam Helpdesk']],
    [`id in ("${JANE_DOE.id}", "${SAM_HELPDESK.id}")`, ['Jane Doe', 'Sam Helpdesk']],
    ['name sw "Ada" and email co "chen"', ['Ada Chen']],
    ['name eq "Nobody"', []],
  ])('filters=%s', async (filter, expected) => {
    const response = await api(
      tenant,
      `/v3/identities?count=true&filters=${encodeURIComponent(filter)}`,
      tokens.pat,
    );
    expect(response.status).toBe(200);
    expect(names(response.json)).toEqual(expected);
    expect(response.headers['x-total-count']).toBe(`${expected.length}`);
  });

  it.each([
    ['name eq'],
    ['department eq "Sales"'],
    ['name like "x"'],
    ['name eq "a" or name eq "b"'],
  ])('bad filter %s is a 400 naming the problem', async (filter) => {
    const response = await api(
      tenant,
      `/v3/identities?filters=${encodeURIComponent(filter)}`,
      tokens.pat,
    );
    expect(response.status).toBe(400);
    expect(expectErrorShape(response.json).messages[0]?.text).toMatch(/^Invalid filters: /);
  });

  it('GET /v3/identities/{id} returns one, or a SailPoint 404', async () => {
    const found = await api(tenant, `/v3/identities/${JANE_DOE.id}`, tokens.helpdesk);
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ id: JANE_DOE.id, name: 'Jane Doe', alias: 'jane.doe' });

    const missing = await api(
      tenant,
      '/v3/identities/0123456789abcdef0123456789abcdef',
      tokens.pat,
    );
    expect(missing.status).toBe(404);
    expect(expectErrorShape(missing.json)).toMatchObject({
      detailCode: '404 Not found',
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: expect.any(String) }],
    });
  });
});

describe('authentication and routing errors', () => {
  it('no token is a 401', async () => {
    const response = await api(tenant, '/v3/identities', undefined);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'JWT validation failed: JWT is missing' });
  });

  it('a token that is not a JWT is a 401', async () => {
    const response = await api(tenant, '/v3/identities', 'not-a-jwt');
    expect(response.status).toBe(401);
    expect((response.json as { error: string }).error).toMatch(/^JWT validation failed: /);
  });

  it('an expired token is a 401 "JWT is expired"', async () => {
    const token = await clientToken(tenant, 'demo-pat-client');
    expect((await api(tenant, '/v3/identities?limit=1', token)).status).toBe(200);
    clock.advance(750_000);
    const response = await api(tenant, '/v3/identities?limit=1', token);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'JWT validation failed: JWT is expired' });
    tokens.pat = await clientToken(tenant, 'demo-pat-client');
    tokens.api = await clientToken(tenant, 'demo-api-client');
    tokens.helpdesk = await clientToken(tenant, 'demo-helpdesk-client');
  });

  it('an unknown path is a SailPoint 404, even without a token', async () => {
    const response = await api(tenant, '/v3/nothing-here', undefined);
    expect(response.status).toBe(404);
    expect(expectErrorShape(response.json).detailCode).toBe('404 Not found');
  });

  it('a known path with the wrong method is a 405 with Allow', async () => {
    const response = await api(tenant, '/v3/identities', tokens.pat, { method: 'PUT', json: {} });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET');
  });
});
