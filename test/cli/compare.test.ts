import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { deadPort } from '../support/http-servers.js';

let tenant: DemoTenant;
let cleanup: () => void;
let env: Record<string, string>;

const keyhole = (args: string[]) => runKeyhole(args, { env });

/** The demo spec's example: a real demo identity and access profile. */
const ACCESS_REQUEST = JSON.stringify({
  requestedFor: ['fa6c72594323708c2d5ae26793e95c15'],
  requestedItems: [{ type: 'ACCESS_PROFILE', id: 'a9272c5e0542fb0d83c5b41eb51013c7' }],
});

interface CompareJson {
  results: {
    profile: string;
    status: number | null;
    timing: { totalMs: number } | null;
    identity: { userContext: boolean | null; userName: string | null } | null;
    explanation: { reason: string; summary: string } | null;
    error: { message: string } | null;
  }[];
  diff: { base: string; profile: string; path: string; kind: string }[];
}

beforeAll(async () => {
  tenant = await startDemoTenant();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV };
  await addDemoProfiles(
    keyhole,
    tenant.baseUrl,
    [
      ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
      ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
      ['demo-helpdesk', 'demo-helpdesk-client', 'HELPDESK_SECRET', 'pat'],
    ],
    ['--spec', `${tenant.baseUrl}/demo/openapi.json`],
  );
  await addDemoProfiles(keyhole, `http://127.0.0.1:${await deadPort()}`, [
    ['dead', 'demo-pat-client', 'PAT_SECRET', 'pat'],
  ]);
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe('keyhole compare', () => {
  it('POST /v3/access-requests: 403 for the API key, 2xx for the PAT, "no user context"', async () => {
    const args = ['compare', 'demo-api,demo-pat', 'POST', '/v3/access-requests'];
    const json = await keyhole([...args, '-d', ACCESS_REQUEST, '--yes', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as CompareJson;
    const [api, pat] = result.results;
    expect(api).toMatchObject({
      profile: 'demo-api',
      status: 403,
      identity: { userContext: false },
      explanation: {
        reason: 'no_user_context',
        summary: 'this token has no user context; demo-pat has one',
      },
      error: null,
    });
    expect(pat).toMatchObject({
      profile: 'demo-pat',
      identity: { userContext: true, userName: 'jane.doe' },
      explanation: null,
      error: null,
    });
    expect(pat?.status).toBeGreaterThanOrEqual(200);
    expect(pat?.status).toBeLessThan(300);
    expect(result.diff).toContainEqual(
      expect.objectContaining({ base: 'demo-api', profile: 'demo-pat', path: '$.newRequests' }),
    );

    const human = await keyhole([...args, '-d', ACCESS_REQUEST, '--yes']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^\s+demo-api\s+demo-pat$/m);
    expect(human.stdout).toMatch(/^status\s+403 Forbidden\s+202 Accepted$/m);
    expect(human.stdout).toMatch(/^who\s+app demo-api-client \(no user\)\s+user jane\.doe$/m);
    expect(human.stdout).toMatch(/^authorities\s+API\s+ORG_ADMIN$/m);
    // The column wraps: "…; demo-pat has" then "one" on the next line.
    expect(human.stdout).toMatch(
      /^explanation\s+this token has no user context; demo-pat has\s+-\n\s+one$/m,
    );
    expect(human.stdout).toMatch(/^time\s+\d+ ms\s+\d+ ms$/m);
    expect(human.stdout).toContain('demo-pat vs demo-api:');
    expect(human.stdout).toMatch(/^ {2}\+ \$\.newRequests: \[/m);
    expect(human.stdout).toMatch(/^ {2}- \$\.detailCode: "403 Forbidden"$/m);
  });

  it('refuses a mutating method without --yes, and sends nothing', async () => {
    const before = await keyhole(['history', '--json', '--limit', '200']);
    for (const method of ['POST', 'put', 'PATCH', 'DELETE']) {
      const result = await keyhole([
        'compare',
        'demo-api,demo-pat',
        method,
        '/v3/access-requests',
        '-d',
        ACCESS_REQUEST,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('compare sends it once per profile (2 times)');
      expect(result.stderr).toContain('Pass --yes');
      expect(result.stdout).toBe('');
    }
    const after = await keyhole(['history', '--json', '--limit', '200']);
    expect(JSON.parse(after.stdout)).toHaveLength(JSON.parse(before.stdout).length);
  });

  it('diffs two GETs: equal bodies have no diff, different ones differ by path', async () => {
    const same = await keyhole([
      'compare',
      'demo-api,demo-pat,demo-helpdesk',
      'GET',
      '/v3/identities',
      '-q',
      'limit=3',
      '--json',
    ]);
    expect(same.code, same.stderr).toBe(0);
    const sameJson = JSON.parse(same.stdout) as CompareJson;
    expect(sameJson.results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(sameJson.diff).toEqual([]);

    const different = await keyhole([
      'compare',
      'demo-pat,demo-helpdesk',
      'GET',
      '/v3/identity-profiles',
      '--json',
    ]);
    expect(different.code, different.stderr).toBe(0);
    const json = JSON.parse(different.stdout) as CompareJson;
    expect(json.results.map((r) => [r.profile, r.status])).toEqual([
      ['demo-pat', 200],
      ['demo-helpdesk', 403],
    ]);
    expect(json.results[1]?.explanation?.reason).toBe('user_level');
    expect(json.diff).toEqual([
      expect.objectContaining({
        base: 'demo-pat',
        profile: 'demo-helpdesk',
        path: '$',
        kind: 'changed',
      }),
    ]);
    const human = await keyhole(['compare', 'demo-api,demo-pat', 'GET', '/v3/identities']);
    expect(human.stdout).toContain('demo-pat vs demo-api: the bodies are the same');
  });

  it('exits 1 when a request could not be sent, and 2 on usage errors', async () => {
    const result = await keyhole(['compare', 'dead,demo-pat', 'GET', '/v3/identities', '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as CompareJson;
    expect(json.results[0]).toMatchObject({
      profile: 'dead',
      status: null,
      error: { message: expect.stringMatching(/127\.0\.0\.1:\d+/) },
    });
    expect(json.results[1]?.status).toBe(200);
    const human = await keyhole(['compare', 'dead,demo-pat', 'GET', '/v3/identities']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^status\s+not sent\s+200 OK$/m);

    for (const args of [
      ['compare', 'demo-pat', 'GET', '/x'],
      ['compare', 'demo-pat,demo-pat', 'GET', '/x'],
      ['compare', 'demo-pat,nobody', 'GET', '/x'],
      ['compare', 'demo-pat,demo-api', 'FETCH', '/x'],
      ['compare', 'demo-pat,demo-api', 'GET', '/x', '-q', 'novalue'],
    ]) {
      expect((await keyhole(args)).code, args.join(' ')).toBe(2);
    }
  });
});
