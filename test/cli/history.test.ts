import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { type CliResult, runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';

let tenant: DemoTenant;
let cleanup: () => void;
let env: Record<string, string>;
let configDir: string;

const canary = (label: string) => `canary-${label}-${randomBytes(12).toString('hex')}`;
const CANARIES = {
  secret: canary('secret'),
  bearer: canary('bearer'),
  body: canary('body'),
  query: canary('query'),
  header: canary('header'),
};
const outputs: CliResult[] = [];
const keyhole = async (args: string[]) => {
  const result = await runKeyhole(args, { env });
  outputs.push(result);
  return result;
};

interface EntryJson {
  profile: string;
  method: string;
  url: string;
  status: number | null;
  error: string | null;
  request: { headers: Record<string, string> };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(dir, entry))
    .filter((file) => statSync(file).isFile());
}

beforeAll(async () => {
  tenant = await startDemoTenant();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  configDir = path.join(dir, 'config');
  env = { KEYHOLE_CONFIG_DIR: configDir, ...DEMO_SECRET_ENV, CANARY_SECRET: CANARIES.secret };
  await addDemoProfiles(keyhole, tenant.baseUrl, [
    ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
    ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
  ]);
  // A real client id with the canary as its secret: the token request fails with it.
  await addDemoProfiles(keyhole, tenant.baseUrl, [
    ['canary', 'demo-pat-client', 'CANARY_SECRET' as keyof typeof DEMO_SECRET_ENV, 'pat'],
  ]);
  await addDemoProfiles(
    keyhole,
    tenant.baseUrl,
    [['quiet', 'demo-pat-client', 'PAT_SECRET', 'pat']],
    ['--no-history'],
  );
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe('the history of call and compare', () => {
  it('holds no secret: canaries and the real tokens are never stored', async () => {
    expect((await keyhole(['call', 'canary', 'GET', '/v3/identities'])).code).toBe(1);
    const own = await keyhole([
      'call',
      'demo-pat',
      'GET',
      '/v3/identities',
      '-H',
      `Authorization: Bearer ${CANARIES.bearer}`,
      '-H',
      `X-API-Key: ${CANARIES.header}`,
    ]);
    expect(own.code).toBe(1);
    const search = await keyhole([
      'call',
      'demo-pat',
      'POST',
      '/v3/search',
      '-d',
      JSON.stringify({ indices: ['identities'], query: { query: '*' }, password: CANARIES.body }),
    ]);
    expect(search.code, search.stderr).toBe(0);
    const ok = await keyhole([
      'call',
      'demo-pat',
      'GET',
      '/v3/identities',
      '-q',
      'limit=1',
      '-q',
      `api_key=${CANARIES.query}`,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const compared = await keyhole([
      'compare',
      'demo-api,demo-pat',
      'GET',
      '/v3/identity-profiles',
    ]);
    expect(compared.code, compared.stderr).toBe(0);

    const tokens = await Promise.all(
      ['demo-api', 'demo-pat'].map(async (p) =>
        (await keyhole(['token', p, '--raw'])).stdout.trim(),
      ),
    );
    expect(tokens.every((t) => t.split('.').length === 3)).toBe(true);

    const historyFiles = filesUnder(path.join(configDir, 'history'));
    expect(historyFiles.map((f) => path.basename(f)).sort()).toEqual([
      'canary.jsonl',
      'demo-api.jsonl',
      'demo-pat.jsonl',
    ]);
    const history = historyFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
    // Positive control: the search below looks at the right text.
    expect(history).toContain(`${tenant.baseUrl}/v3/identities?limit=1&api_key=`);
    expect(history).toContain('/v3/search');
    expect(history).toContain('"X-API-Key":"(redacted)"');
    expect(history).toMatch(/"authorization":"Bearer …\(redacted, \d+ chars\)"/);
    // The stored length is the token's own, as `call -v` and the TUI show it.
    for (const token of tokens) expect(history).toContain(`(redacted, ${token.length} chars)`);
    for (const token of tokens) expect(history).not.toContain(token);
    for (const file of filesUnder(configDir)) {
      const text = readFileSync(file, 'utf8');
      for (const value of Object.values(CANARIES)) expect(text, file).not.toContain(value);
    }
    for (const { stdout, stderr } of outputs) {
      for (const value of Object.values(CANARIES)) expect(stdout + stderr).not.toContain(value);
    }
    for (const file of historyFiles) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(configDir, 'history')).mode & 0o777).toBe(0o700);
  });

  it('lists entries newest first, per profile or all, as a table or JSON', async () => {
    const all = await keyhole(['history', '--json']);
    expect(all.code, all.stderr).toBe(0);
    const entries = JSON.parse(all.stdout) as EntryJson[];
    expect(entries).toHaveLength(6);
    expect(entries.slice(0, 2).map((e) => e.url)).toEqual([
      `${tenant.baseUrl}/v3/identity-profiles`,
      `${tenant.baseUrl}/v3/identity-profiles`,
    ]);
    expect(entries.at(-1)).toMatchObject({
      profile: 'canary',
      status: null,
      error: expect.stringMatching(/client/i),
    });
    const pat = JSON.parse(
      (await keyhole(['history', 'demo-pat', '--limit', '2', '--json'])).stdout,
    );
    expect(pat.map((e: EntryJson) => [e.method, e.status])).toEqual([
      ['GET', 200],
      ['GET', 200],
    ]);
    const human = await keyhole(['history']);
    expect(human.stdout).toMatch(/^TIME\s+PROFILE\s+METHOD\s+URL\s+STATUS\s+MS$/m);
    expect(human.stdout).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+demo-pat\s+POST\s+http:\S+\/v3\/search\s+200\s+\d+$/m,
    );
    expect(human.stdout).toMatch(/^\S+ \S+\s+canary\s+GET\s+\S+\s+ERR\s+-$/m);
    expect((await keyhole(['history', 'nobody'])).stderr).toContain('No history for "nobody"');
    expect((await keyhole(['history', '--limit', '0'])).code).toBe(2);
    expect((await keyhole(['history', '../etc'])).code).toBe(2);
  });

  it('keeps nothing for a profile added with --no-history, and says so', async () => {
    const show = await keyhole(['profiles', 'show', 'quiet']);
    expect(show.stdout).toMatch(/^history\s+off$/m);
    expect(
      JSON.parse((await keyhole(['profiles', 'show', 'quiet', '--json'])).stdout),
    ).toMatchObject({ history: false });
    expect((await keyhole(['profiles', 'show', 'demo-pat'])).stdout).toMatch(/^history\s+on$/m);
    expect((await keyhole(['call', 'quiet', 'GET', '/v3/identities'])).code).toBe(0);
    expect(existsSync(path.join(configDir, 'history', 'quiet.jsonl'))).toBe(false);
  });
});
