import { readdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCall } from '../../../src/core/call/execute.js';
import {
  appendHistory,
  clearHistory,
  historyEntry,
  historyFile,
  historyToCallRequest,
  HISTORY_LIMIT,
  readHistory,
  recordCallHistory,
  type HistoryEntry,
} from '../../../src/core/history/index.js';
import {
  ACCESS_REQUEST,
  type DemoSession,
  NO_PERSON,
  startDemoSession,
} from '../compare/demo-session.js';

let demo: DemoSession;
beforeAll(async () => {
  demo = await startDemoSession();
});
afterAll(() => demo.close());

const entry = (profile: string, n: number, at = new Date(Date.UTC(2026, 0, 1, 0, 0, n))) =>
  ({
    version: 1,
    id: `id-${n}`,
    at: at.toISOString(),
    profile,
    method: 'GET',
    url: `http://127.0.0.1/${n}`,
    status: 200,
    error: null,
    timing: null,
    identity: null,
    explanation: null,
    request: { headers: {}, body: null, bodyTruncated: false },
    response: null,
  }) satisfies HistoryEntry;

describe('the history store', () => {
  it('shows the newest HISTORY_LIMIT entries per profile, trimming the 0600 file now and then', async () => {
    const dir = path.join(demo.dir, 'bounded');
    for (let n = 0; n < HISTORY_LIMIT + 5; n += 1) await appendHistory(entry('p', n), { dir });
    const entries = readHistory('p', undefined, { dir });
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]?.id).toBe(`id-${HISTORY_LIMIT + 4}`);
    expect(entries.at(-1)?.id).toBe('id-5');
    const file = historyFile('p', { dir });
    const lines = () => readFileSync(file, 'utf8').trimEnd().split('\n').length;
    expect(lines()).toBe(HISTORY_LIMIT + 5);
    // Past the limit by a quarter, the file is cut back to the newest HISTORY_LIMIT at once.
    const trimAt = HISTORY_LIMIT + HISTORY_LIMIT / 4;
    for (let n = HISTORY_LIMIT + 5; n < trimAt; n += 1) await appendHistory(entry('p', n), { dir });
    expect(lines()).toBe(trimAt);
    await appendHistory(entry('p', trimAt), { dir });
    expect(lines()).toBe(HISTORY_LIMIT);
    expect(readHistory('p', undefined, { dir })[0]?.id).toBe(`id-${trimAt}`);
    expect(readHistory('p', undefined, { dir }).at(-1)?.id).toBe(
      `id-${trimAt - HISTORY_LIMIT + 1}`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('merges profiles newest first, honours the limit, and skips unreadable lines', async () => {
    const dir = path.join(demo.dir, 'merged');
    await appendHistory(entry('a', 1), { dir });
    await appendHistory(entry('b', 2), { dir });
    appendFileSync(historyFile('a', { dir }), 'not json\n{"version":1}\n{"half":');
    await appendHistory(entry('a', 3), { dir });
    expect(readHistory(undefined, undefined, { dir }).map((e) => e.id)).toEqual([
      'id-3',
      'id-2',
      'id-1',
    ]);
    expect(readHistory('a', 1, { dir }).map((e) => e.id)).toEqual(['id-3']);
    expect(readHistory('nobody', undefined, { dir })).toEqual([]);
    writeFileSync(path.join(path.dirname(historyFile('a', { dir })), 'notes.txt'), 'x');
    await clearHistory('a', { dir });
    expect(readHistory(undefined, undefined, { dir }).map((e) => e.id)).toEqual(['id-2']);
  });

  it('loses nothing when many appends race', async () => {
    const dir = path.join(demo.dir, 'race');
    await Promise.all(Array.from({ length: 40 }, (_, n) => appendHistory(entry('r', n), { dir })));
    expect(new Set(readHistory('r', undefined, { dir }).map((e) => e.id)).size).toBe(40);
  });

  it('refuses a profile name that could leave the folder', () => {
    expect(() => historyFile('../evil')).toThrow(/not a profile name/);
  });
});

describe('recording a call', () => {
  it('stores what was sent and received, with no credential and no token', async () => {
    const dir = path.join(demo.dir, 'record');
    const canary = `canary-${Math.random().toString(36).slice(2)}-value`;
    const request = {
      method: 'POST',
      path: '/v3/search',
      query: [['api_key', canary]] as [string, string][],
      headers: { 'X-Api-Key': canary, 'X-Trace': 'visible' },
      body: JSON.stringify({
        indices: ['identities'],
        query: { query: 'jane' },
        client_secret: canary,
      }),
    };
    const result = await executeCall(demo.profiles.pat, request, demo.tokens, NO_PERSON);
    expect(result.response.status).toBe(200);
    const stored = await recordCallHistory(demo.profiles.pat, request, { result }, { dir });
    expect(stored).toMatchObject({
      profile: 'demo-pat',
      method: 'POST',
      status: 200,
      identity: { userName: 'jane.doe', userContext: true },
      request: { headers: { 'X-Api-Key': '(redacted)', 'X-Trace': 'visible' } },
    });
    // Only the scheme and the token's length, the same length every live view shows.
    const sent = (await demo.tokens.getToken(demo.profiles.pat, NO_PERSON)).token.accessToken;
    expect(stored?.request.headers.authorization).toBe(`Bearer …(redacted, ${sent.length} chars)`);
    expect(stored?.request.body).toContain('"client_secret":"(redacted)"');
    expect(stored?.response?.body).toContain('Jane Doe');

    // An Authorization the user wrote wins in the engine; it is never stored either.
    const own = {
      method: 'GET',
      path: '/v3/identities',
      headers: { Authorization: `Bearer ${canary}` },
    };
    const rejected = await executeCall(demo.profiles.pat, own, demo.tokens, NO_PERSON);
    expect(rejected.response.status).toBe(401);
    await recordCallHistory(demo.profiles.pat, own, { result: rejected }, { dir });

    const text = readFileSync(historyFile('demo-pat', { dir }), 'utf8');
    const token = (await demo.tokens.getToken(demo.profiles.pat, NO_PERSON)).token.accessToken;
    expect(text).toContain('/v3/search');
    expect(text).not.toContain(canary);
    expect(text).not.toContain(token);
  });

  it('keeps nothing for a profile with history turned off', async () => {
    const dir = path.join(demo.dir, 'off');
    const profile = { ...demo.profiles.api, history: false };
    const request = { method: 'GET', path: '/v3/identity-profiles' };
    const result = await executeCall(profile, request, demo.tokens, NO_PERSON);
    expect(await recordCallHistory(profile, request, { result }, { dir })).toBeNull();
    expect(() => readdirSync(path.join(dir, 'history'))).toThrow();
  });

  it('records a request that got no response, with the reason', () => {
    const stored = historyEntry(
      demo.profiles.api,
      { method: 'get', path: '/v3/identities', query: [['limit', '1']] },
      { error: new Error('nothing is listening at 127.0.0.1:9') },
    );
    expect(stored).toMatchObject({
      method: 'GET',
      url: `${demo.tenant.baseUrl}/v3/identities?limit=1`,
      status: null,
      error: 'nothing is listening at 127.0.0.1:9',
      response: null,
    });
  });

  it('cuts bodies at 64 KiB and marks them', () => {
    const body = JSON.stringify({ data: 'x'.repeat(100_000) });
    const stored = historyEntry(demo.profiles.api, { method: 'POST', path: '/x', body }, {});
    expect(stored.request.bodyTruncated).toBe(true);
    expect(Buffer.byteLength(stored.request.body ?? '')).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('replaying an entry', () => {
  it('turns it back into a request that gets the same answer', async () => {
    const request = {
      method: 'POST',
      path: '/v3/access-requests',
      query: [['trace', 'yes']] as [string, string][],
      headers: { 'X-Trace': '1' },
      body: ACCESS_REQUEST,
    };
    const first = await executeCall(demo.profiles.pat, request, demo.tokens, NO_PERSON);
    const stored = historyEntry(demo.profiles.pat, request, { result: first });
    const { request: again, warnings } = historyToCallRequest(stored, demo.profiles.pat.baseUrl);
    expect(warnings).toEqual([]);
    expect(again).toEqual({
      method: 'POST',
      path: '/v3/access-requests',
      query: [['trace', 'yes']],
      headers: { accept: 'application/json', 'X-Trace': '1', 'content-type': 'application/json' },
      body: ACCESS_REQUEST,
    });
    const second = await executeCall(demo.profiles.pat, again, demo.tokens, NO_PERSON);
    expect(second.response.status).toBe(first.response.status);
  });

  it('keeps a foreign URL absolute and says what it cannot replay', () => {
    const stored = historyEntry(
      demo.profiles.pat,
      {
        method: 'GET',
        path: 'https://example.com/api?token=abcdefghijkl',
        headers: { 'X-Api-Key': 'secret-value-1234' },
      },
      {},
    );
    const { request, warnings } = historyToCallRequest(stored, demo.profiles.pat.baseUrl);
    expect(request.path).toMatch(/^https:\/\/example\.com\/api\?token=/);
    expect(request.headers).toEqual({});
    expect(warnings.join('\n')).toMatch(/query parameter was redacted/);
    expect(warnings.join('\n')).toMatch(/X-Api-Key header was redacted/);
  });
});
