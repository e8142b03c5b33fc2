import { createHash } from 'node:crypto';
import { type BigIntStats, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import { ensurePrivateDir } from '../config/paths.js';
import { ensureSpecCacheDir } from './cache.js';

/*
 * The hash of a spec file, remembered beside the cache under what the file system says of it
 * (device, inode, size, change and modification times, to the nanosecond), as git's index does:
 * a cached `keyhole endpoints --spec api.github.com.json` then reads 13 MB less, and Graph beta's
 * 47 MB are not read at all. Any write to the file changes its ctime, which nobody can set back.
 * A file changed within the clock's resolution of being hashed could keep all of these, so a
 * hash is only remembered for a file that has been still for a while.
 */

/** A file modified this recently is hashed every time (coarse file system clocks). */
const SETTLED_MS = 3_000;

interface Remembered {
  file: string;
  stat: string;
  sha256: string;
}

function memoFile(cacheDir: string, file: string): string {
  const name = createHash('sha256').update(file).digest('hex').slice(0, 32);
  return path.join(cacheDir, 'file-hashes', `${name}.json`);
}

/** What the file system says of the file: equal only while its bytes cannot have changed. */
function fingerprint(info: BigIntStats): string {
  return [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}

/** The remembered sha256 of `file` as `info` describes it, or null. */
export function rememberedHash(cacheDir: string, file: string, info: BigIntStats): string | null {
  try {
    const memo = JSON.parse(readFileSync(memoFile(cacheDir, file), 'utf8')) as Partial<Remembered>;
    if (memo.file !== file || memo.stat !== fingerprint(info)) return null;
    return typeof memo.sha256 === 'string' && /^[0-9a-f]{64}$/.test(memo.sha256)
      ? memo.sha256
      : null;
  } catch {
    return null;
  }
}

/** Remembers `sha256` for `file` as `info` describes it, if the file has settled; never throws. */
export function rememberHash(
  cacheDir: string,
  file: string,
  info: BigIntStats,
  sha256: string,
  now: number = Date.now(),
): void {
  if (now - Number(info.mtimeMs > info.ctimeMs ? info.mtimeMs : info.ctimeMs) < SETTLED_MS) return;
  try {
    const target = memoFile(cacheDir, file);
    ensureSpecCacheDir(cacheDir);
    ensurePrivateDir(path.dirname(target));
    const memo: Remembered = { file, stat: fingerprint(info), sha256 };
    writeFileAtomic(target, JSON.stringify(memo));
  } catch {
    // A cache that cannot be written costs a hash next time, nothing more.
  }
}
