import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import { ensurePrivateDir } from '../config/paths.js';
import { ensureSpecCacheDir } from './cache.js';
import { DownloadSpool, type SpooledBytes } from './download-spool.js';

/** A downloaded spec is asked about again (If-None-Match) at most this often. */
export const REVALIDATE_AFTER_MS = 24 * 60 * 60 * 1000;

/** What keyhole remembers of one spec URL besides its bytes. */
export interface DownloadRecord {
  url: string;
  /** The validators the server sent with the bytes, sent back to ask "changed?". */
  etag: string | null;
  lastModified: string | null;
  /** When the bytes were downloaded (epoch ms). */
  fetchedAt: number;
  /** When the server last confirmed them (a 200 or a 304), epoch ms. */
  checkedAt: number;
  /** sha256 of the bytes, hex: a damaged copy is not used. */
  sha256: string;
  size: number;
}

/** The downloaded copy of one URL: its record and its bytes. */
export interface CachedDownload {
  record: DownloadRecord;
  bytes: Buffer;
}

/** `<cacheDir>/downloads`: raw downloaded specs beside the parsed indexes. */
export function downloadsDir(cacheDir: string): string {
  return path.join(cacheDir, 'downloads');
}

function stem(cacheDir: string, url: string): string {
  return path.join(downloadsDir(cacheDir), createHash('sha256').update(url).digest('hex'));
}

/**
 * The copy of `url` kept from an earlier download, or undefined. A missing, unreadable or
 * damaged copy (its hash does not match) is a miss: the spec is downloaded again.
 */
export function readDownload(cacheDir: string, url: string): CachedDownload | undefined {
  const base = stem(cacheDir, url);
  try {
    const record = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Partial<DownloadRecord>;
    if (
      record.url !== url ||
      typeof record.sha256 !== 'string' ||
      typeof record.fetchedAt !== 'number' ||
      typeof record.checkedAt !== 'number'
    ) {
      return undefined;
    }
    const bytes = readFileSync(`${base}.spec`);
    if (createHash('sha256').update(bytes).digest('hex') !== record.sha256) return undefined;
    return {
      record: {
        url,
        etag: typeof record.etag === 'string' ? record.etag : null,
        lastModified: typeof record.lastModified === 'string' ? record.lastModified : null,
        fetchedAt: record.fetchedAt,
        checkedAt: record.checkedAt,
        sha256: record.sha256,
        size: bytes.length,
      },
      bytes,
    };
  } catch {
    return undefined;
  }
}

/**
 * Where a new download of `url` is written as it arrives: a temporary file in the downloads
 * folder, renamed over the kept copy once complete (see {@link keepSpooled} for its record).
 */
export function spoolDownload(cacheDir: string, url: string): DownloadSpool {
  return new DownloadSpool(`${stem(cacheDir, url)}.spec`, () => {
    ensureSpecCacheDir(cacheDir);
    ensurePrivateDir(downloadsDir(cacheDir));
    removeAbandonedParts(downloadsDir(cacheDir));
  });
}

/**
 * A download cut short by Ctrl+C or a crash leaves its `.part` file (tens of MB for GitHub's
 * descriptions): removed by the next download once its writer (the pid in its name) is gone.
 */
function removeAbandonedParts(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /\.spec\.(\d+)\.[0-9a-f]+\.part$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    try {
      rmSync(path.join(dir, name), { force: true });
    } catch {
      // Another run got there first, or the folder is read-only: nothing lost but space.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that pid, so it is not ours to judge.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The record that vouches for a finished spool's bytes, already in place (written atomically). */
export function keepSpooled(
  cacheDir: string,
  url: string,
  spooled: SpooledBytes,
  validators: { etag: string | null; lastModified: string | null },
  now: number,
): DownloadRecord {
  const record: DownloadRecord = {
    url,
    etag: validators.etag,
    lastModified: validators.lastModified,
    fetchedAt: now,
    checkedAt: now,
    sha256: spooled.sha256,
    size: spooled.bytes.length,
  };
  writeFileAtomic(`${stem(cacheDir, url)}.json`, JSON.stringify(record));
  return record;
}

/** Notes that the server confirmed the kept copy (a 304) at `now`. */
export function touchDownload(
  cacheDir: string,
  record: DownloadRecord,
  now: number,
): DownloadRecord {
  const touched = { ...record, checkedAt: now };
  writeFileAtomic(`${stem(cacheDir, record.url)}.json`, JSON.stringify(touched));
  return touched;
}

/**
 * Whether `url` answered 404 less than a day before `now`: asking for a version SailPoint has not
 * published yet costs a round trip, once a day is enough.
 */
export function knownMissing(cacheDir: string, url: string, now: number): boolean {
  try {
    const seen = JSON.parse(readFileSync(`${stem(cacheDir, url)}.missing`, 'utf8')) as unknown;
    return typeof seen === 'number' && now - seen >= 0 && now - seen < REVALIDATE_AFTER_MS;
  } catch {
    return false;
  }
}

/** Notes a 404 for `url` at `now`; a disk that cannot keep the note only costs a request. */
export function rememberMissing(cacheDir: string, url: string, now: number): void {
  try {
    ensureSpecCacheDir(cacheDir);
    ensurePrivateDir(downloadsDir(cacheDir));
    writeFileAtomic(`${stem(cacheDir, url)}.missing`, JSON.stringify(now));
  } catch {
    // Nothing is lost but the shortcut.
  }
}
