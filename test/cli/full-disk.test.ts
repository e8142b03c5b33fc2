import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  createReadStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { type CliResult, runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { sampleProfile } from '../support/profiles.js';
import { SmallDisk, tmpfsUnavailable } from '../support/tmpfs.js';

/**
 * A real full disk: a small tmpfs holds the config folder and is filled up before the command
 * runs. Every write keyhole makes (profiles, the token cache, history, observations, the spec
 * cache) must then fail with exit 1 naming "disk full" and the file, and leave the old file
 * byte for byte. Mounting needs root (CI runs as root); elsewhere the suite is skipped, visibly.
 */
const unavailable = tmpfsUnavailable();
if (unavailable) console.warn(`[full-disk] skipped: ${unavailable}`);

let tenant: DemoTenant;
let disk: SmallDisk | undefined;
let configDir: string;
let env: Record<string, string>;

const keyhole = (args: string[]): Promise<CliResult> => runKeyhole(args, { env });

/** A config.json of `count` profiles, written as keyhole writes it (about 250 bytes each). */
function bigConfig(count: number): Buffer {
  const profiles = Array.from({ length: count }, (_, i) => sampleProfile({ name: `p-${i}` }));
  return Buffer.from(JSON.stringify({ version: 1, profiles }, undefined, '\t'));
}

/** Nothing a failed write left behind: no temporary files beside the real ones. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
}

function expectDiskFull(result: CliResult, file: string): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain('disk full');
  expect(result.stderr).toContain(file);
  expect(result.stderr).not.toMatch(/internal error|this is a bug/i);
}

describe.skipIf(unavailable !== undefined)('a full disk never replaces a good file', () => {
  beforeAll(async () => {
    tenant = await startDemoTenant();
  });
  afterAll(async () => {
    disk?.unmount();
    await tenant?.close();
  });
  beforeEach(() => {
    disk = new SmallDisk(512);
    configDir = path.join(disk.dir, 'config');
    env = { KEYHOLE_CONFIG_DIR: configDir, ...DEMO_SECRET_ENV };
  });
  afterEach(() => {
    disk?.unmount();
    disk = undefined;
  });

  for (const [label, spare] of [
    ['with a few KB left (a short write)', 8 * 1024],
    ['with nothing left', 0],
  ] as const) {
    it(`profiles add ${label}: exit 1, "disk full", config.json as it was`, async () => {
      mkdirSync(configDir, { mode: 0o700 });
      const configFile = path.join(configDir, 'config.json');
      const before = bigConfig(160);
      writeFileSync(configFile, before, { mode: 0o600 });
      disk?.fill(spare);

      const add = await keyhole(['profiles', 'add', 'new', '--base-url', 'https://b.example.com']);
      expectDiskFull(add, configFile);
      expect(add.stdout).not.toContain('Saved');
      expect(readFileSync(configFile).equals(before)).toBe(true);
      expect(leftovers(configDir)).toEqual([]);

      // Once there is room again, the same command works and keeps every profile.
      disk?.free();
      expect(
        (await keyhole(['profiles', 'add', 'new', '--base-url', 'https://b.example.com'])).code,
      ).toBe(0);
      const list = JSON.parse((await keyhole(['profiles', 'list', '--json'])).stdout) as unknown[];
      expect(list).toHaveLength(161);
    });
  }

  it('the token cache: exit 1, "disk full", tokens.json as it was', async () => {
    await addDemoProfiles(keyhole, tenant.baseUrl, [
      ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
      ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
    ]);
    expect((await keyhole(['token', 'demo-api'])).code).toBe(0);
    const tokensFile = path.join(configDir, 'tokens.json');
    const before = readFileSync(tokensFile);
    disk?.fill();

    expectDiskFull(await keyhole(['token', 'demo-pat']), tokensFile);
    expect(readFileSync(tokensFile).equals(before)).toBe(true);
    expect(leftovers(configDir)).toEqual([]);
  });

  it('history: the response is printed, then exit 1 naming "disk full" and the history file', async () => {
    await addDemoProfiles(keyhole, tenant.baseUrl, [
      ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
    ]);
    expect((await keyhole(['call', 'demo-api', 'GET', '/v3/identity-profiles'])).code).toBe(0);
    const historyFile = path.join(configDir, 'history', 'demo-api.jsonl');
    // A damaged line (readers skip it) brings the file to 100 bytes short of a 4 KB page, so the
    // next entry fits only in part: the append must take back what it wrote.
    const entry = readFileSync(historyFile);
    const pad = (2 * 4096 - 100 - 1 - (entry.length % 4096)) % 4096;
    writeFileSync(historyFile, Buffer.concat([entry, Buffer.from(`${'x'.repeat(pad)}\n`)]));
    const before = readFileSync(historyFile);
    expect(before.length % 4096).toBe(4096 - 100);
    disk?.fill();

    const call = await keyhole(['call', 'demo-api', 'GET', '/v3/identity-profiles']);
    expectDiskFull(call, historyFile);
    expect(call.stderr).toContain('the history was not saved');
    expect(() => JSON.parse(call.stdout) as unknown).not.toThrow();
    expect(readFileSync(historyFile).equals(before)).toBe(true);
  });

  it('observations: exit 1 naming "disk full" and observations.json, which stays as it was', async () => {
    await addDemoProfiles(
      keyhole,
      tenant.baseUrl,
      [['demo-api', 'demo-api-client', 'API_SECRET', 'api-key']],
      ['--no-history', '--spec', `${tenant.baseUrl}/demo/openapi.json`],
    );
    expect((await keyhole(['call', 'demo-api', 'GET', '/v3/identity-profiles'])).code).toBe(0);
    const observationsFile = path.join(configDir, 'observations.json');
    const before = readFileSync(observationsFile);
    disk?.fill();

    const call = await keyhole(['call', 'demo-api', 'GET', '/v3/identity-profiles']);
    expectDiskFull(call, observationsFile);
    expect(call.stderr).toContain('the observation was not saved');
    expect(readFileSync(observationsFile).equals(before)).toBe(true);
  });

  it('the spec cache: the operations are listed, then exit 1 naming "disk full" and the cache file', async () => {
    const spec = path.resolve('test/fixtures/specs/quirks-3.1.json');
    const hash = createHash('sha256').update(readFileSync(spec)).digest('hex');
    const cacheDir = path.join(configDir, 'cache', 'specs');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const cacheFile = path.join(cacheDir, `${hash}.json`);
    // An index from an older keyhole: it is rebuilt and rewritten, which the full disk refuses.
    const before = Buffer.from(JSON.stringify({ format: 0, index: {} }));
    writeFileSync(cacheFile, before, { mode: 0o600 });
    disk?.fill();

    const endpoints = await keyhole(['endpoints', '--spec', spec, '--json']);
    expectDiskFull(endpoints, cacheFile);
    expect((JSON.parse(endpoints.stdout) as unknown[]).length).toBeGreaterThan(0);
    expect(readFileSync(cacheFile).equals(before)).toBe(true);
    expect(leftovers(configDir)).toEqual([]);
  });

  it('a spec download that meets the full disk part-way: listed from memory, exit 1 naming the copy', async () => {
    const spec = path.resolve('node_modules/@octokit/openapi/generated/api.github.com.json');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      createReadStream(spec).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/github.json`;
      const downloads = path.join(configDir, 'cache', 'specs', 'downloads');
      mkdirSync(downloads, { recursive: true, mode: 0o700 });
      const copy = path.join(downloads, `${createHash('sha256').update(url).digest('hex')}.spec`);
      // Room for the first few chunks of the 12 MB download, not for the rest.
      disk?.fill(256 * 1024);

      const endpoints = await keyhole(['endpoints', '--spec', url, '--json']);
      expectDiskFull(endpoints, copy);
      expect(endpoints.stderr).toContain('could not keep the download');
      expect((JSON.parse(endpoints.stdout) as unknown[]).length).toBe(1223);
      expect(readdirSync(downloads).filter((name) => name.endsWith('.part'))).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a read-only file system: exit 1 naming it, for profiles and tokens; reading still works', async () => {
    await addDemoProfiles(keyhole, tenant.baseUrl, [
      ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
    ]);
    const configFile = path.join(configDir, 'config.json');
    const before = readFileSync(configFile);
    disk?.readOnly();

    const add = await keyhole(['profiles', 'add', 'new', '--base-url', 'https://b.example.com']);
    expect(add.code, add.stderr).toBe(1);
    expect(add.stderr).toContain('read-only file system');
    expect(add.stderr).toContain(configFile);
    expect(add.stderr).not.toMatch(/internal error|this is a bug/i);
    expect(readFileSync(configFile).equals(before)).toBe(true);

    const token = await keyhole(['token', 'demo-api']);
    expect(token.code, token.stderr).toBe(1);
    expect(token.stderr).toContain('read-only file system');
    expect(token.stderr).toContain(configDir);
    expect(token.stderr).not.toMatch(/internal error|this is a bug/i);

    const list = await keyhole(['profiles', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });
});

/**
 * Root passes every permission check, so the CLI runs as the unprivileged `nobody` (65534) here,
 * in a config folder it owns but may not write (0500).
 */
describe.skipIf(process.getuid?.() !== 0)('a config folder without write permission', () => {
  let cleanup: () => void;
  afterEach(() => cleanup?.());

  it('profiles add: exit 1, "permission denied", config.json as it was', async () => {
    let dir: string;
    ({ dir, cleanup } = tempDir());
    chmodSync(dir, 0o755);
    const folder = path.join(dir, 'config');
    const configFile = path.join(folder, 'config.json');
    mkdirSync(folder, { mode: 0o700 });
    const before = bigConfig(3);
    writeFileSync(configFile, before, { mode: 0o600 });
    chownSync(folder, 65534, 65534);
    chownSync(configFile, 65534, 65534);
    // The owner made it read-only: keyhole must not grant itself write to get past that.
    chmodSync(folder, 0o500);

    const add = await runKeyhole(
      ['profiles', 'add', 'new', '--base-url', 'https://b.example.com'],
      {
        env: { KEYHOLE_CONFIG_DIR: folder, HOME: dir },
        uid: 65534,
        gid: 65534,
      },
    );
    expect(add.code, add.stderr).toBe(1);
    expect(add.stderr).toContain('permission denied');
    expect(add.stderr).toContain(configFile);
    expect(add.stderr).not.toMatch(/internal error|this is a bug/i);
    expect(readFileSync(configFile).equals(before)).toBe(true);
  });
});
