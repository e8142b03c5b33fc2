import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDispatchers,
  paginate,
  parseLinkHeader,
  sendRequest,
  type OutgoingRequest,
  type Page,
  type PageInfo,
  type SendOptions,
} from '../../../src/core/http/index.js';
import { startDemoTenant, type DemoTenant } from '../../../src/demo/server.js';
import { startServer, type TestServer } from '../../support/http-servers.js';

let tenant: DemoTenant;
let linked: TestServer;
let options: SendOptions;

beforeAll(async () => {
  tenant = await startDemoTenant();
  const tokenResponse = await request(`${tenant.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'demo-pat-client',
      client_secret: 'demo-pat-secret',
    }).toString(),
  });
  const { access_token } = (await tokenResponse.body.json()) as { access_token: string };
  options = { authorization: { origin: tenant.baseUrl, getToken: async () => access_token } };

  // Pages 1..4 of letters, linked with RFC 8288 headers; /loop links to itself.
  linked = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/loop') {
      res.writeHead(200, { link: '</loop>; rel="next"' }).end('[]');
      return;
    }
    const page = Number(url.searchParams.get('page') ?? 1);
    const links = [`<${linked.origin}/letters?page=4>; rel="last"`];
    if (page < 4) links.unshift(`</letters?page=${page + 1}>; rel="next"`);
    res.writeHead(200, { 'content-type': 'application/json', link: links.join(', ') });
    res.end(JSON.stringify([`${'abcd'[page - 1]}`]));
  });
});
afterAll(async () => {
  await closeDispatchers();
  await Promise.all([tenant.close(), linked.close()]);
});

async function collect(first: OutgoingRequest, extra: Parameters<typeof paginate>[2] = {}) {
  const pages: Page[] = [];
  for await (const page of paginate(first, (r) => sendRequest(r, options), extra)) pages.push(page);
  return pages;
}

describe('paginate', () => {
  it('walks every SailPoint identity with limit/offset and X-Total-Count', async () => {
    const infos: PageInfo[] = [];
    const pages = await collect(
      { method: 'GET', url: `${tenant.baseUrl}/v3/identities?limit=25&count=true`, headers: {} },
      { onPage: (info) => infos.push(info) },
    );
    expect(pages.map((page) => page.response.status)).toEqual([200, 200, 200]);
    expect(pages.map((page) => page.items?.length)).toEqual([25, 25, 12]);
    expect(infos).toEqual([1, 2, 3].map((page) => ({ page, totalPages: 3, totalItems: 62 })));
    const ids = pages.flatMap((page) => (page.items as { id: string }[]).map((item) => item.id));
    expect(ids).toHaveLength(62);
    expect(new Set(ids).size).toBe(62);
    expect(pages.at(-1)?.next).toBeNull();
    expect(new URL(pages[2]?.response.request.url ?? '').searchParams.get('offset')).toBe('50');
  });

  it('stops at maxPages and leaves the next request for the caller', async () => {
    const pages = await collect(
      { method: 'GET', url: `${tenant.baseUrl}/v3/identities?count=true`, headers: {} },
      { pageSize: 10, maxPages: 2 },
    );
    expect(pages).toHaveLength(2);
    expect(pages[1]?.next?.url).toBe(
      `${tenant.baseUrl}/v3/identities?count=true&limit=10&offset=20`,
    );
  });

  it('follows Link rel="next" and reads the page count from rel="last"', async () => {
    const pages = await collect({ method: 'GET', url: `${linked.origin}/letters`, headers: {} });
    expect(pages.map((page) => page.items)).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(pages.map((page) => page.totalPages)).toEqual([4, 4, 4, 4]);
  });

  it('does not loop on a Link that points back to itself', async () => {
    const pages = await collect({ method: 'GET', url: `${linked.origin}/loop`, headers: {} });
    expect(pages).toHaveLength(1);
  });

  it('yields a failed page and stops', async () => {
    const pages = await collect({
      method: 'GET',
      url: `${tenant.baseUrl}/v3/identities?limit=999`,
      headers: {},
    });
    expect(pages.map((page) => page.response.status)).toEqual([400]);
    expect(pages[0]?.next).toBeNull();
  });
});

describe('parseLinkHeader', () => {
  it('reads several links, quoted and bare rels, and rel lists', () => {
    expect(
      parseLinkHeader(
        '<https://a/x?page=2>; rel="next", <https://a/x?page=9>; rel=last, ' +
          '<https://a/y>; title="a, b"; rel="prev first"',
      ),
    ).toEqual([
      { url: 'https://a/x?page=2', rels: ['next'] },
      { url: 'https://a/x?page=9', rels: ['last'] },
      { url: 'https://a/y', rels: ['prev', 'first'] },
    ]);
  });
});
