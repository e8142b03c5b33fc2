import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const KEYHOLE_BIN = path.resolve('dist/keyhole.js');

/** Where SailPoint's specs are "published" in tests that start no mirror: a port nothing hears. */
export const NO_SPECS_URL = 'http://127.0.0.1:9/no-network-in-tests/';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Variables added to a clean environment (PATH and HOME are kept). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed; without it stdin is an empty pipe. */
  input?: string;
  cwd?: string;
  /** Run as this user and group (the test must be root), e.g. to meet a permission error. */
  uid?: number;
  gid?: number;
}

/**
 * Runs the built keyhole CLI as a user would, with its own process, stdin, stdout and stderr.
 * The environment is minimal on purpose so no developer setting leaks into a test.
 */
export function runKeyhole(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return runProcess(process.execPath, [KEYHOLE_BIN, ...args], options);
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    NO_COLOR: '1',
    // No test reaches the internet: SailPoint's published specs come from a local mirror in the
    // tests that want them, and from a closed port (refused at once) everywhere else.
    KEYHOLE_SAILPOINT_SPECS_URL: NO_SPECS_URL,
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      cwd: options.cwd,
      uid: options.uid,
      gid: options.gid,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A child that exits (or closes stdin) before reading it makes this write fail with EPIPE:
    // that is the child's business, reported by its exit code, not an error of the test run.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh private folder per test; removed by the returned cleanup. */
export function tempDir(prefix = 'keyhole-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
