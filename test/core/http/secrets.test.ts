import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDispatchers,
  paginate,
  redactHeaders,
  sendRequest,
  type OutgoingRequest,
  type ResponseRecord,
  type SendOptions,
} from '../../../src/core/http/index.js';
import { type EchoServer, startEchoServer } from '../../support/echo-server.js';
import { leaksIn } from '../../support/leaks.js';

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
/** A JWT-shaped token of 425 characters, as in the report. */
const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${random(300)}`.slice(0, 425);
const API_KEY = `key-${random(24)}`;
const CLIENT_SECRET = `cs-${random(24)}`;
const PASSWORD = `pw-${random(18)}`;
const USER_BEARER = `ub-${random(30)}`;
const SECRETS = [TOKEN, API_KEY, CLIENT_SECRET, PASSWORD, USER_BEARER];

/**
 * Every header a credential travels in, by standard name or by a name that says so. None may
 * reach an origin other than the profile's.
 */
const CREDENTIAL_HEADERS: Record<string, string> = {
  Authorization: `Bearer ${USER_BEARER}`,
  'Proxy-Authorization': `Basic ${random(12)}`,
  Cookie: `session=${random(12)}`,
  'X-API-Key': API_KEY,
  'Api-Key': random(12),
  'X-Auth-Token': random(12),
  'X-Client-Secret': random(12),
  'X-Session-Id': random(12),
  'X-Password': random(12),
  'Ocp-Apim-Subscription-Key': random(12),
  'X-Amz-Security-Token': random(12),
  'X-CSRF-Token': random(12),
};

let home: EchoServer;
let other: EchoServer;
let auth: SendOptions['authorization'];

beforeAll(async () => {
  other = await startEchoServer();
  home = await startEchoServer({ other: () => other.origin });
  auth = { origin: home.origin, getToken: async () => TOKEN };
});
afterAll(async () => {
  await closeDispatchers();
  await Promise.all([home.close(), other.close()]);
});

/** Everything a view of the response can show: headers raw and redacted, body, the request. */
function shown(response: ResponseRecord): string {
  return [
    JSON.stringify(response.headers),
    JSON.stringify(redactHeaders(response.headers)),
    response.body.toString('latin1'),
    JSON.stringify(response.request),
    JSON.stringify(response.redirects),
  ].join('\n');
}

function credentialHeadersAt(server: EchoServer, path: string): string[] {
  const names = Object.keys(CREDENTIAL_HEADERS).map((name) => name.toLowerCase());
  return server.received
    .filter((request) => request.url.startsWith(path))
    .flatMap((request) => Object.keys(request.headers).filter((name) => names.includes(name)));
}

describe('secrets a server echoes', () => {
  it('are cut out of every header and the body: the token, keys, and sent secret values', async () => {
    const cases: OutgoingRequest[] = [
      { method: 'GET', url: `${home.origin}/echo?client_secret=${CLIENT_SECRET}`, headers: {} },
      {
        method: 'POST',
        url: `${home.origin}/echo`,
        headers: { 'content-type': 'application/json', 'X-API-Key': API_KEY },
        body: JSON.stringify({ user: { name: 'jane', password: PASSWORD } }),
      },
      {
        method: 'POST',
        url: `${home.origin}/echo`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant=x&token=${PASSWORD}&client_secret=${CLIENT_SECRET}`,
      },
      {
        method: 'GET',
        url: `${home.origin}/fail`,
        headers: { Authorization: `Bearer ${USER_BEARER}` },
      },
    ];
    for (const request of cases) {
      const response = await sendRequest(request, { authorization: auth });
      const text = shown(response);
      expect(leaksIn(`${request.method} ${request.url}`, text, SECRETS)).toEqual([]);
      expect(response.headers['x-echo']).toMatch(/^Bearer \(redacted\)$/);
      expect(response.headers['x-debug']).not.toMatch(/first=Bearer [A-Za-z0-9]/);
      expect(response.warnings.join('\n')).toMatch(/repeated a credential keyhole sent/);
      // Still JSON after the cut: views that parse the body keep working.
      expect(() => JSON.parse(response.body.toString())).not.toThrow();
    }
    // The server really did get (and echo) what was sent: the redaction is keyhole's.
    expect(home.received.some((r) => r.url.includes(CLIENT_SECRET))).toBe(true);
  });

  it('leave a body without any known secret byte for byte as it came', async () => {
    const response = await sendRequest(
      { method: 'GET', url: `${other.origin}/echo?x=1`, headers: {} },
      {},
    );
    expect(response.warnings).toEqual([]);
    expect(JSON.parse(response.body.toString())).toMatchObject({ query: { x: '1' } });
  });
});

describe('credential headers', () => {
  it('of any kind never follow a redirect to another origin, the caller’s own included', async () => {
    const response = await sendRequest(
      {
        method: 'GET',
        url: `${home.origin}/away`,
        headers: { ...CREDENTIAL_HEADERS, 'X-Trace': 't-1' },
      },
      { authorization: auth },
    );
    expect(response.status).toBe(200);
    const landed = other.received.filter((r) => r.url === '/landing').at(-1);
    expect(landed?.headers['x-trace']).toBe('t-1');
    expect(credentialHeadersAt(other, '/landing')).toEqual([]);
    expect(landed?.headers.authorization).toBeUndefined();
    // The first hop, on the caller's origin, had them all.
    const first = home.received.filter((r) => r.url === '/away').at(-1);
    expect(first?.headers['x-api-key']).toBe(API_KEY);
    expect(response.warnings.join('\n')).toContain('X-API-Key');
  });

  it("are not sent to an origin other than the profile's even when addressed directly", async () => {
    const response = await sendRequest(
      {
        method: 'GET',
        url: `${other.origin}/direct`,
        headers: { ...CREDENTIAL_HEADERS, 'X-Trace': 't-2' },
      },
      { authorization: auth },
    );
    expect(response.status).toBe(200);
    expect(credentialHeadersAt(other, '/direct')).toEqual([]);
    expect(other.received.at(-1)?.headers['x-trace']).toBe('t-2');
    expect(response.warnings.join('\n')).toMatch(/not sent to http:\/\/127\.0\.0\.1:\d+/);
  });

  it.each([
    ['with the profile’s authorization', true],
    ['without one', false],
  ])('are not re-sent to a Link rel="next" on another origin (%s)', async (_label, withAuth) => {
    const first: OutgoingRequest = {
      method: 'GET',
      url: `${home.origin}/pages`,
      headers: { ...CREDENTIAL_HEADERS },
    };
    const options = withAuth ? { authorization: auth } : {};
    const pages = [];
    for await (const page of paginate(first, (r) => sendRequest(r, options))) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(other.received.some((r) => r.url === '/page2')).toBe(true);
    expect(credentialHeadersAt(other, '/page2')).toEqual([]);
    expect(home.received.at(-1)?.headers['x-api-key']).toBe(API_KEY);
  });
});
