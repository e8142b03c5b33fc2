import { mkdirSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { PRIVATE_DIR_MODE } from './paths.js';

/**
 * Runs `work` while holding a cross-process lock on `file` (a `<file>.lock` folder, created
 * atomically with mkdir). conf alone keeps only about half of concurrent writes; every
 * read-modify-write of a keyhole file goes through here.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T> | T): Promise<T> {
  // Without its folder the lock's mkdir fails with ENOENT, which proper-lockfile would retry
  // until its retries run out (about 25 s) before failing.
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const release = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: `${file}.lock`,
    // A lock older than this is taken to belong to a crashed process and is broken.
    stale: 10_000,
    retries: { retries: 400, factor: 1.3, minTimeout: 2, maxTimeout: 60, randomize: true },
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
