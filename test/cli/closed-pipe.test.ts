import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { KEYHOLE_BIN, NO_SPECS_URL, runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { type EchoServer, startEchoServer } from '../support/echo-server.js';

/*
 * `keyhole … | head -1`: the reader of stdout goes away. Each command is run with stdout on a
 * real pipe whose reading end is destroyed, either at once (the first write finds no reader) or
 * after the first bytes (a later write does), and must end by itself, quietly: no stack trace,
 * exit 1 when a write found the reader gone (not everything was delivered), 0 when everything
 * had reached the pipe before. A closed stderr (`2>&1 | head`) must not change the exit code.
 */
const GITHUB = path.resolve('node_modules/@octokit/openapi/generated/api.github.com.json');
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

let folder: { dir: string; cleanup: () => void };
let tenant: DemoTenant;
let echo: EchoServer;
let env: Record<string, string>;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

type Closing = 'at-once' | 'after-first-bytes' | 'stderr';

/**
 * Runs keyhole with the reading end of stdout (or of stderr) destroyed as `closing` says.
 * `then` runs once stdout's reader is gone (demo-server is stopped with SIGTERM there).
 */
function runClosing(
  args: readonly string[],
  closing: Closing,
  then?: (stop: (signal: NodeJS.Signals) => void) => void,
  extraEnv: Record<string, string> = {},
): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KEYHOLE_BIN, ...args], {
      env: { ...env, ...extraEnv },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const stop = (signal: NodeJS.Signals) => child.kill(signal);
    if (closing === 'stderr') {
      child.stderr.destroy();
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    } else {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      if (closing === 'at-once') {
        child.stdout.destroy();
        then?.(stop);
      } else {
        child.stdout.once('data', (chunk: Buffer) => {
          stdout = chunk.toString('utf8');
          child.stdout.destroy();
          then?.(stop);
        });
      }
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end();
  });
}

function expectQuietEnd(result: Ended, codes: readonly number[] = [0, 1]): void {
  expect(result.signal, result.stderr).toBeNull();
  expect(codes, result.stderr).toContain(result.code);
  expect(result.stderr).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toMatch(/EPIPE|internal error|this is a bug/i);
}

beforeAll(async () => {
  folder = tempDir('keyhole-closed-pipe-');
  tenant = await startDemoTenant();
  echo = await startEchoServer();
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: folder.dir,
    NO_COLOR: '1',
    KEYHOLE_SAILPOINT_SPECS_URL: NO_SPECS_URL,
    KEYHOLE_CONFIG_DIR: path.join(folder.dir, 'config'),
    KEYHOLE_MAX_SPEC_MB: '128',
    ECHO_TOKEN: 'echo-token',
    ...DEMO_SECRET_ENV,
  };
  const keyhole = (args: string[]) => runKeyhole(args, { env });
  await addDemoProfiles(keyhole, tenant.baseUrl, [
    ['demo', 'demo-api-client', 'API_SECRET', 'api-key'],
  ]);
  for (const name of ['echo', 'echo2']) {
    const add = await keyhole([
      'profiles',
      'add',
      name,
      '--base-url',
      echo.origin,
      '--grant',
      'static',
      '--secret',
      'env:ECHO_TOKEN',
    ]);
    expect(add.code, add.stderr).toBe(0);
  }
  // A history to list, and GitHub's spec indexed once so the runs below read the cache.
  expect((await keyhole(['call', 'demo', 'GET', '/v3/identities'])).code).toBe(0);
  expect((await keyhole(['endpoints', '--spec', GITHUB, '--limit', '1'])).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([tenant?.close(), echo?.close()]);
  folder?.cleanup();
});

/** Commands whose output is far larger than a pipe holds: a later write finds the reader gone. */
const BIG: [string, string[]][] = [
  ['endpoints (GitHub, 1,223 rows)', ['endpoints', '--spec', GITHUB]],
  ['endpoints --json (GitHub, one 470 KB write)', ['endpoints', '--spec', GITHUB, '--json']],
  ['matrix (GitHub)', ['matrix', 'demo', '--spec', GITHUB]],
  ['call (a 2 MB body)', ['call', 'echo', 'GET', '/big?size=2000000']],
];

/** Everything else: a few lines at most. */
const SMALL: [string, string[]][] = [
  ['profiles list', ['profiles', 'list']],
  // A table of statuses and a diff summary, not the bodies.
  ['compare', ['compare', 'echo,echo2', 'GET', '/big?size=300000']],
  ['profiles show', ['profiles', 'show', 'demo', '--json']],
  ['specs list', ['specs', 'list']],
  ['history', ['history']],
  ['curl', ['curl', 'demo', 'GET', '/v3/identities']],
  ['token', ['token', 'demo']],
  ['whoami', ['whoami', 'demo']],
  ['--help', ['--help']],
];

describe('stdout closed by its reader', () => {
  for (const [name, args] of BIG) {
    it(`${name}: after the first bytes, ends at once with exit 1, no stack trace`, async () => {
      const result = await runClosing(args, 'after-first-bytes');
      expect(result.stdout.length).toBeGreaterThan(0);
      expectQuietEnd(result, [1]);
    });
  }

  for (const [name, args] of SMALL) {
    it(`${name}: after the first bytes, ends quietly`, async () => {
      const result = await runClosing(args, 'after-first-bytes');
      expect(result.stdout.length).toBeGreaterThan(0);
      // 0 when the rest had reached the pipe before the reader left, 1 when a write found it gone.
      expectQuietEnd(result, [0, 1]);
    });
  }

  for (const [name, args] of SMALL) {
    it(`${name}: closed before the first byte, ends quietly`, async () => {
      const result = await runClosing(args, 'at-once');
      // Commander prints help and exits 0 in one go; the rest find the reader gone: exit 1.
      expectQuietEnd(result, name === '--help' ? [0, 1] : [1]);
    });
  }

  it('demo-server --json: closed before its line, it stops by itself (exit 1)', async () => {
    const result = await runClosing(['demo-server', '--json'], 'at-once');
    expectQuietEnd(result, [1]);
  });

  it('demo-server --json: after its line it serves on, and SIGTERM ends it quietly (exit 0)', async () => {
    const result = await runClosing(['demo-server', '--json'], 'after-first-bytes', (stop) =>
      stop('SIGTERM'),
    );
    expect(JSON.parse(result.stdout.split('\n')[0] ?? '')).toHaveProperty('baseUrl');
    expectQuietEnd(result, [0]);
  });
});

describe('stderr closed by its reader (2>&1 | head)', () => {
  it('the exit code stays the command’s own: 2 for a missing spec file', async () => {
    const result = await runClosing(['endpoints', '--spec', '/no/such/spec.yaml'], 'stderr');
    expect(result.code).toBe(2);
  });

  it('the rows still reach stdout whole, with exit 0, when the spec is parsed (notes on stderr)', async () => {
    const whole = await runKeyhole(['endpoints', '--spec', GITHUB], { env });
    // A cache of its own: "parsing api.github.com.json…" goes to the closed stderr first.
    const fresh = { KEYHOLE_CONFIG_DIR: path.join(folder.dir, 'fresh-config') };
    const result = await runClosing(['endpoints', '--spec', GITHUB], 'stderr', undefined, fresh);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(whole.stdout);
  });
});
