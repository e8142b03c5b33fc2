import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ITEMS } from '../../src/demo/data/catalog.js';
import { SAM_HELPDESK } from '../../src/demo/data/identities.js';
import type { DemoTenant } from '../../src/demo/server.js';
import { api, clientToken, expectErrorShape, startTestTenant } from '../support/demo-http.js';

let tenant: DemoTenant;
const tokens = { api: '', pat: '', helpdesk: '' };
beforeAll(async () => {
  tenant = await startTestTenant();
  tokens.api = await clientToken(tenant, 'demo-api-client');
  tokens.pat = await clientToken(tenant, 'demo-pat-client');
  tokens.helpdesk = await clientToken(tenant, 'demo-helpdesk-client');
});
afterAll(() => tenant.close());

type Named = { id: string; name: string };
const names = (body: unknown) => (body as Named[]).map((item) => item.name);

describe('POST /v3/access-requests', () => {
  const valid = {
    requestedFor: [SAM_HELPDESK.id],
    requestedItems: [{ type: 'ROLE', id: ACCESS_ITEMS.find((i) => i.type === 'ROLE')!.id }],
  };

  it('refuses a token without a user with the SailPoint 403 body', async () => {
    const response = await api(tenant, '/v3/access-requests', tokens.api, { json: valid });
    expect(response.status).toBe(403);
    const body = expectErrorShape(response.json);
    expect(Object.keys(body).sort()).toEqual(['detailCode', 'messages', 'trackingId']);
    expect(body).toMatchObject({
      detailCode: '403 Forbidden',
      messages: [
        {
          locale: 'en-US',
          localeOrigin: 'DEFAULT',
          text: 'The server understood the request but refuses to authorize it.',
        },
      ],
    });
  });

  it('accepts a PAT request with 202, and a repeat lands in existingRequests', async () => {
    const first = await api(tenant, '/v3/access-requests', tokens.pat, { json: valid });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({
      newRequests: [
        {
          requestedFor: SAM_HELPDESK.id,
          requestedItemsDetails: valid.requestedItems,
          accessRequestIds: [expect.stringMatching(/^[0-9a-f]{32}$/)],
        },
      ],
      existingRequests: [],
    });
    const again = await api(tenant, '/v3/access-requests', tokens.helpdesk, { json: valid });
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({
      newRequests: [],
      existingRequests: [{ requestedFor: SAM_HELPDESK.id }],
    });
  });

  const item = valid.requestedItems[0]!;
  it.each([
    ['no requestedFor', { requestedItems: [item] }, /^requestedFor/],
    [
      'an unknown identity',
      { ...valid, requestedFor: ['nope'] },
      /^requestedFor\[0\]: no identity/,
    ],
    ['no items', { ...valid, requestedItems: [] }, /^requestedItems: must be a non-empty/],
    [
      'a bad type',
      { ...valid, requestedItems: [{ ...item, type: 'APP' }] },
      /^requestedItems\[0\]\.type/,
    ],
    [
      'an unknown item',
      { ...valid, requestedItems: [{ ...item, id: 'x' }] },
      /^requestedItems\[0\]\.id/,
    ],
    ['a bad requestType', { ...valid, requestType: 'MAYBE' }, /^requestType/],
    ['an array body', [valid], /JSON object/],
  ])('%s is a 400 naming the problem', async (_name, body, message) => {
    const response = await api(tenant, '/v3/access-requests', tokens.pat, { json: body });
    expect(response.status).toBe(400);
    const error = expectErrorShape(response.json);
    expect(error.detailCode).toBe('400.0 Bad request syntax');
    expect(error.messages[0]?.text).toMatch(message);
  });

  it('a body that is not JSON is a 400', async () => {
    const response = await fetch(`${tenant.baseUrl}/v3/access-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.pat}`, 'content-type': 'application/json' },
      body: '{"requestedFor": [',
    });
    expect(response.status).toBe(400);
  });
});

describe('other operations', () => {
  it.each([
    ['/beta/workflows', { api: 403, pat: 200, helpdesk: 403 }],
    ['/v3/identity-profiles', { api: 200, pat: 200, helpdesk: 403 }],
  ])('%s', async (path, expected) => {
    const actual = {
      api: (await api(tenant, path, tokens.api)).status,
      pat: (await api(tenant, path, tokens.pat)).status,
      helpdesk: (await api(tenant, path, tokens.helpdesk)).status,
    };
    expect(actual).toEqual(expected);
  });

  it('workflows and identity profiles return lists', async () => {
    const workflows = await api(tenant, '/beta/workflows?count=true', tokens.pat);
    expect((workflows.json as unknown[]).length).toBeGreaterThan(0);
    expect(workflows.headers['x-total-count']).toBe(`${(workflows.json as unknown[]).length}`);
    const profiles = await api(tenant, '/v3/identity-profiles', tokens.api);
    expect(names(profiles.json)).toContain('Employees');
  });

  it.each([
    ['name:jane*', ['Jane Doe']],
    ['"Sam Helpdesk"', ['Sam Helpdesk']],
    ['email:ada.chen@demo.example.com', ['Ada Chen']],
  ])('POST /v3/search %s', async (query, expected) => {
    const response = await api(tenant, '/v3/search', tokens.api, {
      json: { indices: ['identities'], query: { query } },
    });
    expect(response.status).toBe(200);
    expect(names(response.json)).toEqual(expected);
  });

  it('search by department returns only that department', async () => {
    const response = await api(tenant, '/v3/search?count=true', tokens.pat, {
      json: { indices: ['identities'], query: { query: 'department:Engineering' } },
    });
    const docs = response.json as { attributes: { department: string }; _type: string }[];
    expect(docs.length).toBeGreaterThan(1);
    expect(docs.length).toBeLessThan(62);
    expect(new Set(docs.map((d) => d.attributes.department))).toEqual(new Set(['Engineering']));
    expect(response.headers['x-total-count']).toBe(`${docs.length}`);
  });

  it('search outside the identities index is a 400', async () => {
    const response = await api(tenant, '/v3/search', tokens.pat, {
      json: { indices: ['accessprofiles'], query: { query: '*' } },
    });
    expect(response.status).toBe(400);
  });

  it('streams a large JSON array of the requested size', async () => {
    const response = await api(tenant, '/demo/large?mb=2', tokens.pat);
    expect(response.status).toBe(200);
    const bytes = Buffer.byteLength(response.text);
    expect(bytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(bytes).toBeLessThan(2 * 1024 * 1024 + 1024);
    expect((response.json as unknown[]).length).toBeGreaterThan(1000);
    expect((await api(tenant, '/demo/large?mb=51', tokens.pat)).status).toBe(400);
  });
});
