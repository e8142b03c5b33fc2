import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/core/config/lock.js';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { type CliResult, runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { sampleProfile } from '../support/profiles.js';

/**
 * Config folders in states a person (or another tool) can leave them in: each gets a clear
 * message and exit 1 or 2, never "internal error", and nothing of the user's is lost or changed.
 */
let tenant: DemoTenant;
let dir: string;
let cleanup: () => void;
let configDir: string;
let configFile: string;
let env: Record<string, string>;

const keyhole = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> =>
  runKeyhole(args, { env: { ...env, ...extra } });

function expectClear(result: CliResult, code: 1 | 2): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr).not.toMatch(/internal error|this is a bug/i);
}

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

function writeConfig(profiles: unknown[]): Buffer {
  const bytes = Buffer.from(JSON.stringify({ version: 1, profiles }, undefined, '\t'));
  writeFileSync(configFile, bytes, { mode: 0o600 });
  return bytes;
}

const addDemoApi = (extra: string[] = []) =>
  addDemoProfiles(
    keyhole,
    tenant.baseUrl,
    [['demo-api', 'demo-api-client', 'API_SECRET', 'api-key']],
    extra,
  );

beforeAll(async () => {
  tenant = await startDemoTenant();
});
afterAll(() => tenant.close());
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  configDir = path.join(dir, 'config');
  configFile = path.join(configDir, 'config.json');
  mkdirSync(configDir, { mode: 0o700 });
  env = { KEYHOLE_CONFIG_DIR: configDir, ...DEMO_SECRET_ENV };
});
afterEach(() => cleanup());

describe('KEYHOLE_CONFIG_DIR naming a file', () => {
  it('every command exits 2 saying it is not a folder, and the file is left as it was', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'not a folder\n');
    env.KEYHOLE_CONFIG_DIR = file;
    for (const args of [
      ['profiles', 'list'],
      ['profiles', 'add', 'new', '--base-url', 'https://b.example.com'],
      ['history'],
      ['config', 'repair'],
    ]) {
      const result = await keyhole(args);
      expectClear(result, 2);
      expect(result.stderr, args.join(' ')).toContain(`${file} is not a folder`);
    }
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });
});

describe('a history that is a file, not a folder', () => {
  it('history exits 2 naming it; a call still prints its response and then exits 1', async () => {
    await addDemoApi();
    const history = path.join(configDir, 'history');
    writeFileSync(history, 'in the way\n');

    for (const args of [['history'], ['history', 'demo-api']]) {
      const result = await keyhole(args);
      expectClear(result, 2);
      expect(result.stderr).toContain(`${history} is not a folder`);
    }
    const call = await keyhole(['call', 'demo-api', 'GET', '/v3/identity-profiles']);
    expectClear(call, 1);
    expect(call.stderr).toContain('the history was not saved');
    expect(call.stderr).toContain(`${history} is not a folder`);
    expect(() => JSON.parse(call.stdout) as unknown).not.toThrow();
    expect(readFileSync(history, 'utf8')).toBe('in the way\n');
  });
});

describe('a lock another process holds for longer than the wait', () => {
  it('exit 1 naming the lock, the holder and what to do; config.json is untouched', async () => {
    const before = writeConfig([sampleProfile({ name: 'kept' })]);
    // This test process is the other process: it holds the lock while the CLI waits for it.
    const add = await withFileLock(configFile, () =>
      keyhole(['profiles', 'add', 'new', '--base-url', 'https://b.example.com'], {
        KEYHOLE_LOCK_WAIT: '0.5',
      }),
    );
    expectClear(add, 1);
    expect(add.stderr).toContain(`${configFile}.lock`);
    expect(add.stderr).toContain(`pid ${process.pid}`);
    expect(add.stderr).toContain('gave up after waiting 0.5 s');
    expect(add.stderr).toContain('KEYHOLE_LOCK_WAIT');
    expect(readFileSync(configFile).equals(before)).toBe(true);

    // Released, the same command goes through.
    const again = await keyhole(['profiles', 'add', 'new', '--base-url', 'https://b.example.com']);
    expect(again.code, again.stderr).toBe(0);
  });
});

describe('a corrupt token cache is disposable', () => {
  it('is moved aside with a warning, and the token is fetched again (exit 0)', async () => {
    await addDemoApi();
    const tokensFile = path.join(configDir, 'tokens.json');
    const garbage = Buffer.from('{"version": 1, "secrets": {"demo-api": ');
    writeFileSync(tokensFile, garbage, { mode: 0o600 });

    const token = await keyhole(['token', 'demo-api', '--json']);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stderr).toContain(`the token cache ${tokensFile} could not be read`);
    const backups = readdirSync(configDir).filter((f) => f.startsWith('tokens.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(configDir, backups[0] as string)).equals(garbage)).toBe(true);
    expect(modeOf(path.join(configDir, backups[0] as string))).toBe('600');

    // The new cache is good: the next command reuses the token without a warning.
    const again = await keyhole(['token', 'demo-api', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('config repair moves a corrupt secrets.json and tokens.json aside too', async () => {
    writeConfig([sampleProfile({ name: 'kept' })]);
    writeFileSync(path.join(configDir, 'secrets.json'), '{"version": 1', { mode: 0o600 });
    writeFileSync(path.join(configDir, 'tokens.json'), '[]', { mode: 0o600 });
    const list = await keyhole(['profiles', 'list', '--json']);
    expect(list.code).toBe(0);

    const repair = await keyhole(['config', 'repair', '--json']);
    expect(repair.code, repair.stderr).toBe(0);
    const outcome = JSON.parse(repair.stdout) as { repaired: boolean; others: { file: string }[] };
    expect(outcome.repaired).toBe(false);
    expect(outcome.others.map((o) => path.basename(o.file)).sort()).toEqual([
      'secrets.json',
      'tokens.json',
    ]);
    expect(JSON.parse((await keyhole(['profiles', 'list', '--json'])).stdout)).toHaveLength(1);
  });
});

describe('two profiles with the same name', () => {
  it('are reported (exit 2) by every command, rm deletes neither, and nothing is rewritten', async () => {
    const before = writeConfig([
      sampleProfile({ name: 'dup', baseUrl: 'https://one.example.com' }),
      sampleProfile({ name: 'other' }),
      sampleProfile({ name: 'dup', baseUrl: 'https://two.example.com' }),
    ]);
    for (const args of [
      ['profiles', 'list'],
      ['profiles', 'show', 'dup'],
      ['profiles', 'rm', 'dup'],
      ['profiles', 'rename', 'dup', 'dup2'],
      ['profiles', 'add', 'new', '--base-url', 'https://b.example.com'],
      // Repair would throw away every profile to fix one name: it refuses too.
      ['config', 'repair'],
    ]) {
      const result = await keyhole(args);
      expectClear(result, 2);
      expect(result.stderr, args.join(' ')).toContain(
        `${configFile} has two profiles named "dup" (profiles.0 and profiles.2)`,
      );
      expect(readFileSync(configFile).equals(before)).toBe(true);
    }
    expect(readdirSync(configDir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
  });
});

describe('symbolic links that lead out of the config folder', () => {
  let outside: string;
  beforeEach(() => {
    outside = path.join(dir, 'outside');
    mkdirSync(outside, { mode: 0o755 });
  });

  it('config repair moves a config.json link aside without touching its target', async () => {
    const target = path.join(outside, 'shared.json');
    writeFileSync(target, '{"version": 1, "profiles": [', { mode: 0o644 });
    symlinkSync(target, configFile);

    const repair = await keyhole(['config', 'repair', '--json']);
    expect(repair.code, repair.stderr).toBe(0);
    expect((JSON.parse(repair.stdout) as { repaired: boolean }).repaired).toBe(true);
    expect(modeOf(target)).toBe('644');
    expect(readFileSync(target, 'utf8')).toBe('{"version": 1, "profiles": [');
    expect(modeOf(configFile)).toBe('600');
  });

  it('a write replaces a config.json link with a file of its own; the target is unchanged', async () => {
    const target = path.join(outside, 'shared.json');
    const bytes = Buffer.from(
      JSON.stringify({ version: 1, profiles: [sampleProfile({ name: 'kept' })] }),
    );
    writeFileSync(target, bytes, { mode: 0o644 });
    symlinkSync(target, configFile);

    const add = await keyhole(['profiles', 'add', 'new', '--base-url', 'https://b.example.com']);
    expect(add.code, add.stderr).toBe(0);
    expect(readFileSync(target).equals(bytes)).toBe(true);
    expect(modeOf(target)).toBe('644');
    const names = (
      JSON.parse((await keyhole(['profiles', 'list', '--json'])).stdout) as { name: string }[]
    ).map((p) => p.name);
    expect(names).toEqual(['kept', 'new']);
  });

  it('a linked history folder keeps its mode; a linked history file is never written through', async () => {
    await addDemoApi();
    symlinkSync(outside, path.join(configDir, 'history'));
    const call = await keyhole(['call', 'demo-api', 'GET', '/v3/identity-profiles']);
    expect(call.code, call.stderr).toBe(0);
    expect(modeOf(outside)).toBe('755');
    expect(existsSync(path.join(outside, 'demo-api.jsonl'))).toBe(true);

    const target = path.join(dir, 'notes.txt');
    writeFileSync(target, 'my own notes\n', { mode: 0o644 });
    const configDir2 = path.join(dir, 'config2');
    mkdirSync(path.join(configDir2, 'history'), { recursive: true, mode: 0o700 });
    symlinkSync(target, path.join(configDir2, 'history', 'demo-api.jsonl'));
    env.KEYHOLE_CONFIG_DIR = configDir2;
    await addDemoApi();
    const linked = await keyhole(['call', 'demo-api', 'GET', '/v3/identity-profiles']);
    expectClear(linked, 1);
    expect(linked.stderr).toContain('the history was not saved');
    expect(linked.stderr).toContain(path.join(configDir2, 'history', 'demo-api.jsonl'));
    expect(readFileSync(target, 'utf8')).toBe('my own notes\n');
    expect(modeOf(target)).toBe('644');
  });
});
