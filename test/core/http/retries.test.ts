import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDispatchers,
  parseRetryAfter,
  sendRequest,
  type ProgressEvent,
} from '../../../src/core/http/index.js';
import { startServer, type TestServer } from '../../support/http-servers.js';

let server: TestServer;
let other: TestServer;
/** Rate-limited paths answer 429 this many more times before a 200. */
const limited = new Map<string, { left: number; retryAfter: string }>();

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/fresh-only') {
      const ok = req.headers.authorization === 'Bearer fresh';
      res.writeHead(ok ? 200 : 401, { 'www-authenticate': 'Bearer' }).end(ok ? 'ok' : 'no');
      return;
    }
    if (path === '/always-401') {
      res.writeHead(401).end('no');
      return;
    }
    const limit = limited.get(path);
    if (limit !== undefined && limit.left > 0) {
      limit.left -= 1;
      res.writeHead(429, { 'retry-after': limit.retryAfter }).end('slow down');
      return;
    }
    res.end('ok');
  });
  other = await startServer((_req, res) => res.end('other'));
});
afterAll(async () => {
  await closeDispatchers();
  await Promise.all([server.close(), other.close()]);
});

function tokenSource() {
  const calls: { force: boolean }[] = [];
  return {
    calls,
    authorization: {
      origin: server.origin,
      getToken: async (options: { force: boolean }) => {
        calls.push(options);
        return options.force ? 'fresh' : 'stale';
      },
    },
  };
}

const hits = (path: string) => server.received.filter((request) => request.url === path).length;

describe('401', () => {
  it('gets a new token once and retries', async () => {
    const tokens = tokenSource();
    const events: ProgressEvent[] = [];
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/fresh-only`, headers: {} },
      { authorization: tokens.authorization, onProgress: (event) => events.push(event) },
    );
    expect(response.status).toBe(200);
    expect(tokens.calls).toEqual([{ force: false }, { force: true }]);
    expect(response.retries).toBe(1);
    expect(hits('/fresh-only')).toBe(2);
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(1);
  });

  it('returns a second 401 instead of looping', async () => {
    const tokens = tokenSource();
    const response = await sendRequest(
      { method: 'POST', url: `${server.origin}/always-401`, headers: {}, body: 'x' },
      { authorization: tokens.authorization },
    );
    expect(response.status).toBe(401);
    expect(tokens.calls.filter((call) => call.force)).toHaveLength(1);
    expect(hits('/always-401')).toBe(2);
    expect(response.request.headers.authorization).toBe('Bearer f…(redacted, 5 chars)');
  });

  it('sends no token, and asks for none, outside the profile origin', async () => {
    const tokens = tokenSource();
    const response = await sendRequest(
      { method: 'GET', url: `${other.origin}/x`, headers: {} },
      { authorization: tokens.authorization },
    );
    expect(response.status).toBe(200);
    expect(tokens.calls).toEqual([]);
    expect(other.received.at(-1)?.headers.authorization).toBeUndefined();
  });
});

describe('429', () => {
  const retryOn429 = { maxWaitMs: 5000, maxRetries: 3 };

  it('waits Retry-After seconds for a GET, then succeeds', async () => {
    limited.set('/limited-get', { left: 1, retryAfter: '1' });
    const events: ProgressEvent[] = [];
    const started = Date.now();
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/limited-get`, headers: {} },
      { retryOn429, onProgress: (event) => events.push(event) },
    );
    expect(response.status).toBe(200);
    expect(response.retries).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits('/limited-get')).toBe(2);
    const retries = events.filter((event) => event.type === 'retry');
    expect(retries).toEqual([
      {
        type: 'retry',
        reason: '429 Too Many Requests: waiting 1 s as Retry-After asks',
        waitMs: 1000,
      },
    ]);
  });

  it('retries up to maxRetries and then returns the 429', async () => {
    limited.set('/limited-put', { left: 5, retryAfter: '0' });
    const response = await sendRequest(
      { method: 'PUT', url: `${server.origin}/limited-put`, headers: {}, body: '{}' },
      { retryOn429: { maxWaitMs: 1000, maxRetries: 2 } },
    );
    expect(response.status).toBe(429);
    expect(response.retries).toBe(2);
    expect(hits('/limited-put')).toBe(3);
  });

  it('does not wait longer than maxWaitMs', async () => {
    limited.set('/limited-long', { left: 1, retryAfter: '120' });
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/limited-long`, headers: {} },
      { retryOn429 },
    );
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('120');
    expect(response.retries).toBe(0);
  });

  it.each(['POST', 'PATCH'])('returns a %s 429 untouched', async (method) => {
    const path = `/limited-${method}`;
    limited.set(path, { left: 1, retryAfter: '0' });
    const events: ProgressEvent[] = [];
    const response = await sendRequest(
      { method, url: `${server.origin}${path}`, headers: {}, body: '{}' },
      { retryOn429, onProgress: (event) => events.push(event) },
    );
    expect(response.status).toBe(429);
    expect(response.body.toString()).toBe('slow down');
    expect(response.retries).toBe(0);
    expect(hits(path)).toBe(1);
    expect(events.some((event) => event.type === 'retry')).toBe(false);
  });

  it.each([
    ['as the wait starts', (abort: () => void) => abort()],
    ['during the wait', (abort: () => void) => setImmediate(abort)],
  ])('a cancel %s ends the call at once, without a second request', async (when, cancel) => {
    const path = `/limited-cancel-${when.split(' ').at(-1)}`;
    limited.set(path, { left: 1, retryAfter: '30' });
    const controller = new AbortController();
    const sending = sendRequest(
      { method: 'GET', url: `${server.origin}${path}`, headers: {} },
      {
        retryOn429: { maxWaitMs: 60_000, maxRetries: 1 },
        signal: controller.signal,
        onProgress: (event) => {
          if (event.type === 'retry') cancel(() => controller.abort());
        },
      },
    );
    await expect(sending).rejects.toThrow(/was cancelled/);
    expect(hits(path)).toBe(1);
  });

  it('is not retried at all without retryOn429', async () => {
    limited.set('/limited-off', { left: 1, retryAfter: '0' });
    const response = await sendRequest({
      method: 'GET',
      url: `${server.origin}/limited-off`,
      headers: {},
    });
    expect(response.status).toBe(429);
    expect(hits('/limited-off')).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['0', 0],
    ['3', 3000],
    [' 12 ', 12_000],
    ['Wed, 01 Jan 2025 00:00:05 GMT', 5000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['soon', null],
    ['-1', null],
    [undefined, null],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
