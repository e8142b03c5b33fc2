import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { type TestServer, startServer } from '../support/http-servers.js';
import { BETA_SPEC, V3_SPEC, skipRealSpecs } from '../support/sailpoint-specs.js';

let tenant: DemoTenant;
/**
 * An API that rate-limits by count, not by clock: the first GET of a path gets a 429 with
 * Retry-After: 1 and every later one a 200; every POST gets a 429. A time window (the demo
 * tenant's 2 requests a second) lapses between slow processes on a busy machine, and then no
 * 429 ever comes; a count cannot lapse.
 */
let limited: TestServer;
let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

const keyhole = (args: string[], input?: string) => runKeyhole(args, { env, input });

/** The example of the demo spec: ids of a real demo identity and access profile. */
const ACCESS_REQUEST = JSON.stringify({
  requestedFor: ['fa6c72594323708c2d5ae26793e95c15'],
  requestedItems: [{ type: 'ACCESS_PROFILE', id: 'a9272c5e0542fb0d83c5b41eb51013c7' }],
});

beforeAll(async () => {
  const seen = new Set<string>();
  [tenant, limited] = await Promise.all([
    startDemoTenant(),
    startServer((req, res) => {
      const first = req.method === 'GET' && !seen.has(req.url ?? '');
      seen.add(req.url ?? '');
      const status = req.method === 'POST' || first ? 429 : 200;
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(status === 429 ? { 'retry-after': '1' } : {}),
      });
      res.end(status === 429 ? '{"message":" Rate Limit Exceeded "}' : '[]');
    }),
  ]);
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV };
  const spec = ['--spec', `${tenant.baseUrl}/demo/openapi.json`];
  const demo = [
    ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
    ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
  ] as const;
  await addDemoProfiles(keyhole, tenant.baseUrl, demo, spec);
  await addDemoProfiles(
    keyhole,
    limited.origin,
    [['limited', 'demo-pat-client', 'PAT_SECRET', 'pat']],
    [...spec, '--token-url', `${tenant.baseUrl}/oauth/token`],
  );
});
afterAll(async () => {
  await Promise.all([tenant.close(), limited.close()]);
  cleanup();
});

describe('predicting and calling createAccessRequest', () => {
  it('is predicted denied for the API key and allowed for the PAT', async () => {
    const rows = async (profile: string) => {
      const result = await keyhole(['endpoints', profile, '--json']);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as {
        operationId: string;
        prediction: { verdict: string; reasons: string[] };
      }[];
    };
    const verdict = (list: Awaited<ReturnType<typeof rows>>, id: string) =>
      list.find((row) => row.operationId === id)?.prediction.verdict;
    const [api, pat] = await Promise.all([rows('demo-api'), rows('demo-pat')]);
    expect(verdict(api, 'createAccessRequest')).toBe('denied');
    expect(verdict(pat, 'createAccessRequest')).toBe('allowed');
    expect(verdict(api, 'listIdentityProfiles')).toBe('allowed');
    expect(verdict(pat, 'listIdentityProfiles')).toBe('allowed');
    expect(
      api.find((r) => r.operationId === 'createAccessRequest')?.prediction.reasons.join(' '),
    ).toMatch(/needs a user/);
  });

  it('and the real calls agree: 2xx for the PAT, 403 explained for the API key', async () => {
    const pat = await keyhole([
      'call',
      'demo-pat',
      'POST',
      '/v3/access-requests',
      '-d',
      ACCESS_REQUEST,
    ]);
    expect(pat.code, pat.stderr).toBe(0);
    expect(JSON.parse(pat.stdout)).toHaveProperty('newRequests');

    const api = await keyhole([
      'call',
      'demo-api',
      'POST',
      '/v3/access-requests',
      '-d',
      ACCESS_REQUEST,
      '--json',
    ]);
    expect(api.code).toBe(1);
    const result = JSON.parse(api.stdout);
    expect(result).toMatchObject({
      status: 403,
      prediction: { verdict: 'denied', operationId: 'createAccessRequest' },
      explanation: { reason: 'no_user_context' },
      body: { detailCode: '403 Forbidden' },
    });
    expect(api.stderr).toContain('403: this token has no user context; demo-pat has one');
    expect(api.stderr).toContain('use a PAT or log in');

    for (const profile of ['demo-api', 'demo-pat']) {
      const profiles = await keyhole(['call', profile, 'GET', '/v3/identity-profiles']);
      expect(profiles.code, profiles.stderr).toBe(0);
    }
  });

  it('remembers what it observed beside the prediction', async () => {
    const rows = JSON.parse((await keyhole(['endpoints', 'demo-api', '--json'])).stdout) as {
      operationId: string;
      observed: { status: number } | null;
    }[];
    expect(rows.find((r) => r.operationId === 'createAccessRequest')?.observed?.status).toBe(403);
    const human = await keyhole(['endpoints', 'demo-api', '--search', 'access request']);
    expect(human.stdout).toMatch(
      /✗ POST\s+\/v3\/access-requests\s+createAccessRequest.*observed 403 on \d{4}-\d\d-\d\d/,
    );
  });
});

describe('what keyhole call shows', () => {
  it('-v shows the request with Authorization redacted, and no output holds the token', async () => {
    const token = (await keyhole(['token', 'demo-pat', '--raw'])).stdout.trim();
    const verbose = await keyhole([
      'call',
      'demo-pat',
      'GET',
      '/v3/identities',
      '-q',
      'limit=1',
      '-v',
    ]);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/> authorization: Bearer eyJhbGci…\(redacted, \d+ chars\)/);
    // The redaction states the token's own length, as every other view does.
    expect(verbose.stderr).toContain(`(redacted, ${token.length} chars)`);
    expect(verbose.stderr).toMatch(/< 200 OK/);
    // The request line once, right before its headers; the size in keyhole's one size style.
    const requestLines = verbose.stderr.split('\n').filter((line) => line.startsWith('> GET '));
    expect(requestLines).toEqual([`> GET ${tenant.baseUrl}/v3/identities?limit=1`]);
    expect(verbose.stderr).toMatch(/> GET \S+\n> accept: /);
    expect(verbose.stderr).toMatch(
      /first byte [\d.]+ · download [\d.]+ · total [\d.]+ ms; \d+(\.\d)? (B|KB)\n/,
    );
    const json = await keyhole([
      'call',
      'demo-pat',
      'GET',
      '/v3/identities',
      '-q',
      'limit=1',
      '--json',
    ]);
    for (const output of [verbose.stdout, verbose.stderr, json.stdout, json.stderr])
      expect(output).not.toContain(token);
  });

  it('writes the raw body to a pipe', async () => {
    const piped = await keyhole([
      'call',
      'demo-pat',
      'GET',
      '/v3/identities/5b2e3993ff1a2674ba8d9881c6e5192d',
    ]);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ name: 'Jane Doe' });
    expect(piped.stdout).not.toMatch(/\n {2}"/);
  });

  it('--all-pages follows X-Total-Count and returns every identity once', async () => {
    const result = await keyhole([
      'call',
      'demo-pat',
      'GET',
      '/v3/identities',
      '-q',
      'limit=25',
      '-q',
      'count=true',
      '--all-pages',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const ids = (JSON.parse(result.stdout) as { id: string }[]).map((i) => i.id);
    expect(ids).toHaveLength(62);
    expect(new Set(ids).size).toBe(62);
    expect(result.stderr).toContain('page 3/3');
    expect(result.stderr).toContain('62 items in 3 pages');
  });

  it('waits out a 429 for GET, saying how long, and never retries a POST', async () => {
    const requests = (method: string, url: string) =>
      limited.received.filter((r) => r.method === method && r.url === url).length;
    const got = await keyhole(['call', 'limited', 'GET', '/v3/identity-profiles', '--json']);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ status: 200, body: [] });
    expect(got.stderr).toContain(
      '429 Too Many Requests: waiting 1 s as Retry-After asks; retrying in 1 s',
    );
    expect(requests('GET', '/v3/identity-profiles')).toBe(2);

    const posted = await keyhole([
      'call',
      'limited',
      'POST',
      '/v3/search',
      '-d',
      '{"indices":["identities"],"query":{"query":"*"}}',
      '--json',
    ]);
    expect(posted.code).toBe(1);
    expect(posted.stderr).not.toMatch(/retrying/);
    expect(JSON.parse(posted.stdout)).toMatchObject({
      status: 429,
      explanation: { reason: 'rate_limited' },
    });
    expect(requests('POST', '/v3/search')).toBe(1);
  });

  it('exits 2 on usage errors and 1 on a dead server', async () => {
    expect((await keyhole(['call', 'demo-pat', 'FETCH', '/x'])).code).toBe(2);
    expect((await keyhole(['call', 'demo-pat', 'GET', '/x', '-q', 'novalue'])).code).toBe(2);
    expect((await keyhole(['call', 'demo-pat', 'GET', '/x', '-H', 'nocolon'])).code).toBe(2);
    expect((await keyhole(['call', 'demo-pat', 'GET', '/x', '--timeout', 'soon'])).code).toBe(2);
    expect((await keyhole(['call', 'nobody', 'GET', '/x'])).code).toBe(2);
  });

  it('-d with a body that is not JSON: exit 2 before sending, with where; --send-invalid-json sends it', async () => {
    const broken = '{\n  "requestedFor": ["x"],\n  "requestedItems": [}\n';
    const call = ['call', 'demo-pat', 'POST', '/v3/access-requests', '-d', broken];
    const refused = await keyhole(call);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(
      'the body is not valid JSON: a value expected at line 3, column 22',
    );
    expect(refused.stderr).toContain('--send-invalid-json');
    expect(refused.stdout).toBe('');
    // A body of another content type is not checked.
    const typed = await keyhole([...call, '-H', 'Content-Type: text/plain']);
    expect(typed.stderr).not.toContain('not valid JSON: a value');
    expect(typed.code).toBe(1);
    expect(typed.stdout).toContain('The request body must be application/json.');
    const sent = await keyhole([...call, '--send-invalid-json']);
    expect(sent.stderr).toContain(
      'warning: the body is not valid JSON: a value expected at line 3',
    );
    // It went out: the demo tenant answers 400 to a body it cannot parse.
    expect(sent.code).toBe(1);
    expect(sent.stderr + sent.stdout).toContain('The request body is not valid JSON.');
  });
});

describe.skipIf(skipRealSpecs)("SailPoint's real specs (../shared/specs/sailpoint)", () => {
  it('keyhole endpoints predicts every v3 and beta operation for the demo API key and PAT', async () => {
    // Profiles without the demo spec, so the rows are SailPoint's operations only.
    await addDemoProfiles(keyhole, tenant.baseUrl, [
      ['bare-api', 'demo-api-client', 'API_SECRET', 'api-key'],
      ['bare-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
    ]);
    const counts: Record<string, Record<string, number>> = {};
    for (const spec of [V3_SPEC, BETA_SPEC]) {
      for (const profile of ['bare-api', 'bare-pat']) {
        const result = await keyhole(['endpoints', profile, '--spec', spec, '--json']);
        expect(result.code, result.stderr).toBe(0);
        const rows = JSON.parse(result.stdout) as { prediction: { verdict: string } | null }[];
        expect(rows).toHaveLength(spec === V3_SPEC ? 358 : 559);
        const tally = { allowed: 0, denied: 0, unknown: 0 };
        for (const row of rows) tally[row.prediction?.verdict as keyof typeof tally] += 1;
        counts[`${profile} ${path.basename(spec)}`] = tally;
        expect(rows.every((row) => row.prediction !== null)).toBe(true);
      }
    }
    console.info('[endpoints] predictions', JSON.stringify(counts));
    expect(counts['bare-api v3.yaml']?.denied).toBeGreaterThan(0);
    expect(counts['bare-pat v3.yaml']?.allowed).toBe(358);

    const search = await keyhole([
      'endpoints',
      '--spec',
      V3_SPEC,
      '--search',
      'access requests',
      '--json',
      '--limit',
      '5',
    ]);
    const ids = (JSON.parse(search.stdout) as { operationId: string }[]).map((r) => r.operationId);
    expect(ids).toContain('createAccessRequest');
  }, 120_000);
});

describe('the config folder after calls, tokens, observations and spec caches', () => {
  it('holds only 0600 files and 0700 folders', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const root = env.KEYHOLE_CONFIG_DIR as string;
    const entries = readdirSync(root, { recursive: true, encoding: 'utf8' }).map((entry) =>
      path.join(root, entry),
    );
    expect(entries.some((entry) => entry.endsWith('observations.json'))).toBe(true);
    expect(entries.some((entry) => entry.includes(`cache${path.sep}specs`))).toBe(true);
    for (const entry of [root, ...entries]) {
      const stat = statSync(entry);
      expect({ entry, mode: (stat.mode & 0o777).toString(8) }).toEqual({
        entry,
        mode: stat.isDirectory() ? '700' : '600',
      });
    }
  });
});
