import {
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fstatSync,
  lstatSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import { withFileLock } from '../config/lock.js';
import {
  assertFolderOrMissing,
  configDir,
  ensurePrivateDir,
  PRIVATE_FILE_MODE,
} from '../config/paths.js';
import { storageError } from '../config/storage-error.js';
import { PROFILE_NAME_PATTERN } from '../profiles/schema.js';
import { toSafeJson } from '../text/safe-json.js';
import type { HistoryEntry, HistoryOptions } from './types.js';

/** Entries kept per profile; older ones are dropped as new ones arrive. */
export const HISTORY_LIMIT = 200;
/** The subfolder of the config folder that holds one `<profile>.jsonl` file per profile. */
export const HISTORY_DIR = 'history';

export function historyDir(options: HistoryOptions = {}): string {
  return path.join(options.dir ?? configDir(), HISTORY_DIR);
}

/** `history/<profile>.jsonl`. Profile names are checked, so a name can never leave the folder. */
export function historyFile(profile: string, options: HistoryOptions = {}): string {
  if (!PROFILE_NAME_PATTERN.test(profile)) throw new Error(`not a profile name: ${profile}`);
  return path.join(historyDir(options), `${profile}.jsonl`);
}

/**
 * How many entries past the limit a file may hold before it is cut back to the limit. Cutting
 * rewrites the whole file (up to 200 bodies of 64 KB); doing it on every call once a profile's
 * history is full cost each `keyhole call` tens of milliseconds. With this slack it happens once
 * in 50 calls, and readers never see more than the limit.
 */
const TRIM_SLACK_SHARE = 0.25;

/**
 * Appends one entry to its profile's file (0600, folder 0700) under a cross-process lock. When
 * the file holds more than `limit` (plus a quarter) entries, it is cut back to the newest `limit`.
 * Lines that cannot be read are skipped by readers and age out like any other: history is a
 * convenience, never a reason for a call to fail.
 */
export async function appendHistory(
  entry: HistoryEntry,
  options: HistoryOptions & { limit?: number } = {},
): Promise<void> {
  const limit = options.limit ?? HISTORY_LIMIT;
  const file = historyFile(entry.profile, options);
  ensurePrivateDir(path.dirname(file));
  const line = `${toSafeJson(entry)}\n`;
  await withFileLock(file, () => {
    if (isSymlink(file)) {
      // Its target may lie outside the folder: never read into, rewrite or chmod through it.
      throw storageError(
        Object.assign(new Error('symbolic link'), { code: 'ELOOP' }),
        file,
        'write',
      );
    }
    // Counted in the raw bytes: decoding and splitting megabytes of history only to count its
    // lines was most of what an append cost.
    const bytes = readBytes(file);
    if (countLines(bytes) + 1 > limit + Math.floor(limit * TRIM_SLACK_SHARE)) {
      const kept = newest(linesOf(bytes.toString('utf8')), limit - 1);
      writeFileAtomic(file, kept.map((l) => `${l}\n`).join('') + line);
    } else {
      // A line cut short by a crash must not swallow the next entry.
      const separator = bytes.length === 0 || bytes[bytes.length - 1] === NEWLINE ? '' : '\n';
      appendWhole(file, separator + line);
    }
  });
}

/**
 * The history, newest first: one profile's, or every profile's merged by time. Unreadable lines
 * are skipped. `limit` caps the result (after merging).
 */
export function readHistory(
  profile?: string,
  limit?: number,
  options: HistoryOptions = {},
): HistoryEntry[] {
  assertFolderOrMissing(historyDir(options));
  const files = profile === undefined ? allFiles(options) : [historyFile(profile, options)];
  const entries: HistoryEntry[] = [];
  for (const file of files) {
    // A file may hold a few entries past the limit until its next trim (see TRIM_SLACK_SHARE).
    for (const line of newest(linesOf(readText(file)), HISTORY_LIMIT)) {
      const entry = parseEntry(line);
      if (entry) entries.push(entry);
    }
  }
  // Within one file, order of appending is the tie breaker for entries of the same millisecond.
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.at.localeCompare(a.entry.at) || b.index - a.index)
    .map(({ entry }) => entry);
  return limit === undefined ? ordered : ordered.slice(0, limit);
}

/** Deletes a profile's history, or every profile's. */
export async function clearHistory(profile?: string, options: HistoryOptions = {}): Promise<void> {
  const files = profile === undefined ? allFiles(options) : [historyFile(profile, options)];
  for (const file of files.filter((candidate) => existsSync(candidate))) {
    await withFileLock(file, () => rmSync(file, { force: true }));
  }
}

/**
 * Appends all of `text` or nothing: on a full disk a partial line is cut off again, so the file
 * keeps exactly its old bytes. O_NOFOLLOW: a history file that is a symbolic link (to a file
 * outside the folder) is refused, never written or chmod-ed through.
 */
function appendWhole(file: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let fd: number | undefined;
  let size = 0;
  try {
    fd = openSync(
      file,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
      PRIVATE_FILE_MODE,
    );
    fchmodSync(fd, PRIVATE_FILE_MODE);
    size = fstatSync(fd).size;
    let offset = 0;
    while (offset < bytes.length) {
      const written = writeSync(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw Object.assign(new Error('nothing was written'), { code: 'ENOSPC' });
      offset += written;
    }
    closeSync(fd);
  } catch (error) {
    if (fd !== undefined) {
      try {
        ftruncateSync(fd, size);
        closeSync(fd);
      } catch {
        // The write's own error is the one to report.
      }
    }
    throw storageError(error, file, 'write', { kept: true });
  }
}

function allFiles(options: HistoryOptions): string[] {
  const dir = historyDir(options);
  assertFolderOrMissing(dir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl') && PROFILE_NAME_PATTERN.test(name.slice(0, -6)))
    .map((name) => path.join(dir, name));
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const NEWLINE = 0x0a;

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Lines that are not blank, as linesOf counts them (a blank line is only whitespace). */
function countLines(bytes: Buffer): number {
  let count = 0;
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    const stop = end === -1 ? bytes.length : end;
    if (!isBlank(bytes, start, stop)) count += 1;
    start = stop + 1;
  }
  return count;
}

function isBlank(bytes: Buffer, start: number, stop: number): boolean {
  for (let i = start; i < stop; i += 1) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

/** The last `count` lines (all of them when there are fewer). */
function newest(lines: string[], count: number): string[] {
  return lines.slice(Math.max(0, lines.length - count));
}

function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function parseEntry(line: string): HistoryEntry | null {
  try {
    const value = JSON.parse(line) as Partial<HistoryEntry> | null;
    if (
      value?.version !== 1 ||
      typeof value.id !== 'string' ||
      typeof value.at !== 'string' ||
      typeof value.profile !== 'string' ||
      typeof value.method !== 'string' ||
      typeof value.url !== 'string'
    ) {
      return null;
    }
    return value as HistoryEntry;
  } catch {
    return null;
  }
}
