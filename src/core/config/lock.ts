import { closeSync, constants, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import lockfile, { type LockOptions } from 'proper-lockfile';
import { KeyholeError } from '../errors.js';
import { ensurePrivateDir } from './paths.js';
import { storageError } from './storage-error.js';

/** How long a command waits for a lock another process holds before it gives up. */
export const DEFAULT_LOCK_WAIT_SECONDS = 24;

/**
 * The lock wait in milliseconds: `KEYHOLE_LOCK_WAIT` (seconds, decimals allowed) when it is a
 * positive number, else 24 s. A lock held that long belongs to a process that is stuck or
 * waiting for a person (a browser login), not to one that is writing.
 */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.KEYHOLE_LOCK_WAIT);
  const valid = env.KEYHOLE_LOCK_WAIT !== undefined && Number.isFinite(seconds) && seconds > 0;
  return Math.round((valid ? seconds : DEFAULT_LOCK_WAIT_SECONDS) * 1000);
}

/**
 * Runs `work` while holding a cross-process lock on `file` (a `<file>.lock` folder, created
 * atomically with mkdir). conf alone keeps only about half of concurrent writes; every
 * read-modify-write of a keyhole file goes through here. Beside the lock, `<file>.lock.pid` holds
 * the holder's process id so that a process that gives up waiting can say who holds it.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T> | T): Promise<T> {
  // Without its folder the lock's mkdir fails with ENOENT, which proper-lockfile would retry
  // until its retries run out before failing.
  ensurePrivateDir(path.dirname(file));
  const lockPath = `${file}.lock`;
  const waitMs = lockWaitMs();
  let compromised = false;
  const options = (retries: LockOptions['retries']): LockOptions => ({
    realpath: false,
    lockfilePath: lockPath,
    // A lock older than this is taken to belong to a crashed process and is broken.
    stale: 10_000,
    retries,
    // The lock folder vanished under us (the config folder was removed, say): the work goes
    // on, and the release below has nothing left to remove. The default would throw from a
    // timer and crash the process.
    onCompromised: () => {
      compromised = true;
    },
  });
  let release: () => Promise<void>;
  try {
    // proper-lockfile retries every error, so a read-only or full folder would be retried for
    // the whole wait: one try first, and the waiting only when another process holds the lock.
    release = await lockfile.lock(file, options(0)).catch((error: unknown) => {
      if (!isLockBusy(error)) throw error;
      return lockfile.lock(
        file,
        options({
          // Past the 20th try the last (60 ms) pause repeats; maxRetryTime ends them on time.
          // (A count grown with the wait made `retry` build an array that long up front.)
          retries: 20,
          forever: true,
          factor: 1.3,
          minTimeout: 2,
          maxTimeout: 60,
          randomize: true,
          maxRetryTime: waitMs,
        }),
      );
    });
  } catch (error) {
    if (isLockBusy(error)) throw lockBusy(file, lockPath, waitMs);
    throw storageError(error, lockPath, 'create the lock');
  }
  writeOwner(lockPath);
  try {
    return await work();
  } finally {
    removeOwner(lockPath);
    if (!compromised) await release().catch(() => undefined);
  }
}

function isLockBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ELOCKED' || message === 'RetryOperation timeout occurred';
}

/** Best effort: a full disk must not stop the lock from working, only from naming its holder. */
function writeOwner(lockPath: string): void {
  try {
    // O_NOFOLLOW: a link planted at this name is not written through.
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
    const fd = openSync(`${lockPath}.pid`, flags, 0o600);
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
  } catch {
    // The pid only makes a later message more helpful.
  }
}

function removeOwner(lockPath: string): void {
  try {
    rmSync(`${lockPath}.pid`, { force: true });
  } catch {
    // Left behind, it names a process that is gone, which liveOwner ignores.
  }
}

/** The pid in `<lock>.pid` when that process is still running. */
function liveOwner(lockPath: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(`${lockPath}.pid`, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; it is still the holder.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

function lockBusy(file: string, lockPath: string, waitMs: number): KeyholeError {
  const pid = liveOwner(lockPath);
  const holder = pid === undefined ? 'another process' : `another keyhole process (pid ${pid})`;
  return new KeyholeError(
    `${file} is locked by ${holder}; gave up after waiting ${waitMs / 1000} s for the lock ${lockPath}`,
    {
      exitCode: 1,
      code: 'lock_busy',
      hint:
        (pid === undefined
          ? 'Wait for the other keyhole command to finish and run this one again.'
          : `Wait for process ${pid} to finish (or stop it) and run this one again.`) +
        ` If no keyhole is running, remove the folder ${lockPath}. KEYHOLE_LOCK_WAIT=<seconds> waits longer.`,
    },
  );
}
