import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/core/text/size.js';
import { runProcess, tempDir } from '../support/cli.js';
import { type LocalRegistry, startLocalRegistry } from '../support/local-registry.js';
import { installedPackages, type Packed, packCheckout, treeSize } from '../support/pack.js';
import { keyholeInTmux, type TmuxSession, tmuxAvailable } from '../support/tmux.js';

// keyhole as people meet it: `npm pack` (its prepack build included), then `npm install -g` of
// that tarball into a private prefix, then the installed `keyhole` run from PATH. npm fetches the
// tarball's dependencies from a registry on 127.0.0.1 serving what node_modules holds
// (support/local-registry.ts says why npm's cache cannot), so nothing reaches the network.

const HAVE_TMUX = tmuxAvailable();
const MUST_RUN = process.env.CI === 'true';
if (!HAVE_TMUX && !MUST_RUN) {
  console.warn('SKIPPED (TUI part of) test/ship/pack-install.test.ts: tmux is not installed');
}

/** npm pack and npm install take tens of seconds on a busy two-core machine. */
const SLOW_MS = 300_000;
const run = promisify(execFile);
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('the npm package, packed and installed globally', () => {
  const { dir, cleanup } = tempDir('keyhole-pack-');
  const prefix = path.join(dir, 'prefix');
  const installed = path.join(prefix, 'lib', 'node_modules', 'keyhole');
  const bin = path.join(prefix, 'bin', 'keyhole');
  // npm with nothing of the machine's own setup: an empty user config, a private cache, no
  // audit or update checks, and the local registry.
  const npmrc = path.join(dir, 'npmrc');
  const npmEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    npm_config_userconfig: npmrc,
    npm_config_cache: path.join(dir, 'npm-cache'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // The installed keyhole, found on PATH like any global npm command.
  const userEnv = {
    PATH: `${path.join(prefix, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
  };
  const keyhole = (args: string[], env: Record<string, string> = {}) =>
    runProcess(bin, args, { env: { ...userEnv, ...env } });

  let packed: Packed;
  let registry: LocalRegistry;
  let installMs: number;

  beforeAll(async () => {
    writeFileSync(npmrc, '');
    packed = await packCheckout(process.cwd(), dir, npmEnv);
    registry = await startLocalRegistry(path.resolve('node_modules'), dir);
    const started = Date.now();
    await run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--registry', registry.url, packed.tarball],
      { cwd: dir, env: npmEnv, maxBuffer: 16 * 1024 * 1024 },
    );
    installMs = Date.now() - started;
    // The figures the release notes quote; no test asserts on time.
    console.log(
      [
        `npm pack: ${formatBytes(packed.size)} tarball, ${packed.files.length} files, ` +
          `${formatBytes(packed.unpackedSize)} unpacked, ${packed.ms} ms (prepack build included)`,
        `npm install -g: ${installMs} ms, ${formatBytes(treeSize(installed))} installed, ` +
          `packages: keyhole ${installedPackages(installed).join(' ')}`,
        `files: ${packed.files.filter((file) => !file.startsWith('dist/chunks/')).join(' ')} ` +
          `and ${packed.files.filter((file) => file.startsWith('dist/chunks/')).length} in dist/chunks/`,
      ].join('\n'),
    );
  }, SLOW_MS);

  afterAll(async () => {
    await registry?.close();
    cleanup();
  });

  it('holds the bundle, its workers, README, LICENSE, CHANGELOG, SECURITY (README links it) and the bundled licenses; no maps, sources or build records', () => {
    expect(packed.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'SECURITY.md',
        'dist/keyhole.js',
        'dist/catalog-worker.js',
        'dist/body-worker.js',
        'dist/THIRD-PARTY-LICENSES.txt',
      ]),
    );
    expect(packed.files.some((file) => file.startsWith('dist/chunks/'))).toBe(true);
    const top = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'SECURITY.md']);
    expect(packed.files.filter((file) => !top.has(file) && !file.startsWith('dist/'))).toEqual([]);
    expect(
      packed.files.filter((file) => /\.map$|^dist\/(meta|build-stamp)\.json$/.test(file)),
    ).toEqual([]);
  });

  it('installs keyhole with the keychain binding alone beside it, and the binding loads', async () => {
    const others = installedPackages(installed).filter(
      (name) => !name.startsWith('@napi-rs/keyring'),
    );
    expect(others).toEqual([]);
    expect(registry.served).toContain('@napi-rs/keyring');
    const binding = path.join(installed, 'node_modules', '@napi-rs', 'keyring');
    const probe = await runProcess(process.execPath, [
      '-e',
      `process.stdout.write(typeof require(${JSON.stringify(binding)}).Entry)`,
    ]);
    expect(probe.stdout, probe.stderr).toBe('function');
  });

  it('keyhole --version and --help run from PATH', async () => {
    const version = await keyhole(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
    const help = await keyhole(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: keyhole');
    expect(help.stdout).toContain('completion');
  });

  it('keyhole demo-server --json gets ready, and whoami gets a token from it', async () => {
    const server = spawn(bin, ['demo-server', '--json'], {
      env: userEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes('\n')) resolve(buffer.split('\n')[0] ?? '');
        });
        void exited.then((code) => reject(new Error(`demo-server exited ${code}: ${buffer}`)));
      });
      const { baseUrl } = JSON.parse(line) as { baseUrl: string };
      const add = await keyhole([
        'profiles',
        'add',
        'demo-api',
        '--base-url',
        baseUrl,
        '--client-id',
        'demo-api-client',
        '--secret',
        'env:DEMO_API_SECRET',
        '--kind',
        'api-key',
        '--preset',
        'sailpoint',
      ]);
      expect(add.code, add.stderr).toBe(0);
      const whoami = await keyhole(['whoami', 'demo-api', '--json'], {
        DEMO_API_SECRET: 'demo-api-secret',
      });
      expect(whoami.code, whoami.stderr).toBe(0);
      expect(JSON.parse(whoami.stdout)).toMatchObject({ userContext: false });
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  describe.skipIf(!HAVE_TMUX && !MUST_RUN)('in a terminal (tmux)', () => {
    let tmux: TmuxSession | undefined;
    afterAll(() => tmux?.kill());

    it("keyhole --demo draws the TUI's first frame", async () => {
      expect(HAVE_TMUX, 'tmux must be installed in CI').toBe(true);
      tmux = keyholeInTmux({
        dir,
        scratch: path.join(dir, 'tmp'),
        configDir: userEnv.KEYHOLE_CONFIG_DIR,
        bin,
        direct: true,
        args: '--demo',
        env: { PATH: userEnv.PATH },
      });
      const { screen } = await tmux.waitForText(
        ['DEMO TENANT', 'demo-api @ 127.0.0.1', '✗ POST   /v3/access-requests'],
        60_000,
      );
      expect(screen).toContain('[API key]');
    }, 90_000);
  });
});
