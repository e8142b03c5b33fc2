import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../src/core/call/execute.js';
import { HISTORY_BODY_LIMIT, historyEntry } from '../../../src/core/history/index.js';
import type { ResponseRecord } from '../../../src/core/http/index.js';
import { leaksIn } from '../../support/leaks.js';

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
/** 425 characters, the length in the report. */
const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${random(400)}`.slice(0, 425);
const profile = { name: 'p', baseUrl: 'https://api.example.com' };

/** A response as a server that echoes the Authorization would send it, untouched by the engine. */
function answered(body: string, headers: Record<string, string> = {}): CallResult {
  const response: ResponseRecord = {
    status: 200,
    headers: { 'content-type': 'text/plain', ...headers },
    body: Buffer.from(body),
    truncated: false,
    bodyLimitBytes: Infinity,
    streamed: false,
    receivedBytes: Buffer.byteLength(body),
    timing: { firstByteMs: 1, downloadMs: 1, totalMs: 2 },
    redirects: [],
    retries: 0,
    request: { method: 'GET', url: 'https://api.example.com/echo', headers: {} },
    warnings: [],
  };
  return {
    url: 'https://api.example.com/echo',
    response,
    identity: null,
    token: {
      token: { accessToken: TOKEN, tokenType: 'bearer', obtainedAt: 0, response: {} },
      origin: 'cache',
      server: { tokenUrl: 'https://api.example.com/oauth/token' },
    } as unknown as CallResult['token'],
    explanation: null,
  };
}

describe('history of an echoed secret', () => {
  it.each([422, 425, 200, 13, 12])(
    'keeps no part of a token the 64 KiB cut goes through (%i of 425 characters before it)',
    (keep) => {
      const prefix = 'x'.repeat(HISTORY_BODY_LIMIT - keep - 'Bearer '.length);
      const body = `${prefix}Bearer ${TOKEN}${'y'.repeat(4000)}`;
      const entry = historyEntry(
        profile,
        { method: 'GET', path: '/echo' },
        {
          result: answered(body),
        },
      );
      expect(entry.response?.bodyTruncated).toBe(true);
      expect(Buffer.byteLength(entry.response?.body ?? '')).toBeLessThanOrEqual(HISTORY_BODY_LIMIT);
      expect(leaksIn('history', JSON.stringify(entry), [TOKEN])).toEqual([]);
    },
  );

  it('scrubs client_secret, password and token values the user sent when the server echoes them', () => {
    const secret = `cs-${random(20)}`;
    const password = `pw-${random(20)}`;
    const token = `tk-${random(20)}`;
    const echoed = `client_secret=${secret} password=${password} token=${token}`;
    const request = {
      method: 'POST',
      path: '/login',
      query: [['client_secret', secret]] as [string, string][],
      body: JSON.stringify({ password, nested: { token } }),
    };
    const entry = historyEntry(profile, request, {
      result: answered(`you said: ${echoed}`, { 'x-debug': echoed }),
    });
    expect(leaksIn('history', JSON.stringify(entry), [secret, password, token])).toEqual([]);
    expect(entry.response?.body).toContain('you said:');
  });
});
