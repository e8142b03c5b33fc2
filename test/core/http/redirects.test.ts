import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyholeError } from '../../../src/core/errors.js';
import { closeDispatchers, sendRequest, type SendOptions } from '../../../src/core/http/index.js';
import { startServer, type TestServer } from '../../support/http-servers.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.profile-token';
let home: TestServer;
let elsewhere: TestServer;
let auth: SendOptions['authorization'];

beforeAll(async () => {
  elsewhere = await startServer((req, res) => {
    if (req.url === '/back-home') {
      res.writeHead(302, { location: `${home.origin}/landing` }).end();
      return;
    }
    res.end('elsewhere');
  });
  home = await startServer((req, res, body) => {
    const go = (status: number, location: string) => res.writeHead(status, { location }).end();
    switch (req.url) {
      case '/same':
        return go(302, '/landing');
      case '/away':
        return go(302, `${elsewhere.origin}/landing`);
      case '/away-and-back':
        return go(302, `${elsewhere.origin}/back-home`);
      case '/see-other':
        return go(303, '/landing');
      case '/temporary':
        return go(307, '/landing');
      case '/permanent':
        return go(308, '/landing');
      case '/loop':
        return go(302, '/loop');
      default:
        res.end(`${req.method} ${body}`);
    }
  });
  auth = { origin: home.origin, getToken: async () => TOKEN };
});
afterAll(async () => {
  await closeDispatchers();
  await Promise.all([home.close(), elsewhere.close()]);
});

const lastAt = (server: TestServer, path: string) =>
  server.received.filter((request) => request.url === path).at(-1);

describe('redirects', () => {
  it('keep the token on the same origin', async () => {
    const response = await sendRequest(
      { method: 'GET', url: `${home.origin}/same`, headers: {} },
      { authorization: auth },
    );
    expect(response.status).toBe(200);
    expect(response.redirects).toEqual([{ status: 302, location: `${home.origin}/landing` }]);
    expect(lastAt(home, '/same')?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(lastAt(home, '/landing')?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('drop the token and cookies on a cross-origin hop, keeping other headers', async () => {
    const response = await sendRequest(
      {
        method: 'GET',
        url: `${home.origin}/away`,
        headers: { Cookie: 'session=abc', 'X-Trace': 't-1' },
      },
      { authorization: auth },
    );
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('elsewhere');
    expect(lastAt(home, '/away')?.headers.cookie).toBe('session=abc');
    const landed = lastAt(elsewhere, '/landing');
    expect(landed?.headers.authorization).toBeUndefined();
    expect(landed?.headers.cookie).toBeUndefined();
    expect(landed?.headers['x-trace']).toBe('t-1');
    expect(response.request.headers).not.toHaveProperty('authorization');
  });

  it('drop a caller-supplied Authorization too on a cross-origin hop', async () => {
    await sendRequest({
      method: 'GET',
      url: `${home.origin}/away`,
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(lastAt(home, '/away')?.headers.authorization).toBe('Basic dXNlcjpwYXNz');
    expect(lastAt(elsewhere, '/landing')?.headers.authorization).toBeUndefined();
  });

  it('never send the token again once the chain has left the origin', async () => {
    let calls = 0;
    const response = await sendRequest(
      { method: 'GET', url: `${home.origin}/away-and-back`, headers: {} },
      { authorization: { origin: home.origin, getToken: async () => (calls++, TOKEN) } },
    );
    expect(response.status).toBe(200);
    expect(response.redirects).toHaveLength(2);
    expect(lastAt(home, '/landing')?.headers.authorization).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('turn a POST into a GET without body on 303', async () => {
    const response = await sendRequest({
      method: 'POST',
      url: `${home.origin}/see-other`,
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.body.toString()).toBe('GET ');
    expect(response.request.method).toBe('GET');
    expect(lastAt(home, '/landing')?.headers['content-type']).toBeUndefined();
  });

  it.each([
    ['/temporary', 307],
    ['/permanent', 308],
  ])('keep method and body on %s (%i)', async (path, status) => {
    const response = await sendRequest({
      method: 'POST',
      url: `${home.origin}${path}`,
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.redirects[0]?.status).toBe(status);
    expect(response.body.toString()).toBe('POST {"a":1}');
  });

  it('return the 3xx itself when following is off', async () => {
    const response = await sendRequest(
      { method: 'GET', url: `${home.origin}/same`, headers: {} },
      { followRedirects: 0 },
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/landing');
    expect(response.redirects).toEqual([]);
  });

  it('stop a loop after the limit with a plain error', async () => {
    const error = await sendRequest(
      { method: 'GET', url: `${home.origin}/loop`, headers: {} },
      { followRedirects: 3 },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeyholeError);
    expect((error as KeyholeError).message).toBe(
      `stopped after 3 redirects; the last one pointed to ${home.origin}/loop`,
    );
    expect(home.received.filter((request) => request.url === '/loop')).toHaveLength(4);
  });
});
