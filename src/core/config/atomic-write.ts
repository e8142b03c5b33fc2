import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from './paths.js';
import { storageError } from './storage-error.js';

/**
 * Writes a private (0600) file atomically: every byte goes to a temporary file beside it, which
 * is flushed and then renamed over it, so a reader sees the old contents or the new, never half.
 *
 * A single write(2) may store fewer bytes than asked when the disk fills up (conf's writer,
 * `atomically`, made one call, took the short count as success and renamed a cut-off file over
 * the good one). This loops until every byte is written and fails on any error before the
 * rename: the temporary file is removed, the old file is untouched, and the error says
 * why ("disk full", "read-only file system", "permission denied") and names the path.
 *
 * The rename replaces a symbolic link at `file` rather than writing through it, so a write never
 * reaches a file outside the folder.
 */
export function writeFileAtomic(file: string, contents: string | Uint8Array): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    // The mode given to open() is narrowed by the umask; fchmod makes it exact.
    fchmodSync(fd, PRIVATE_FILE_MODE);
    let offset = 0;
    while (offset < bytes.length) {
      const written = writeSync(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw Object.assign(new Error('nothing was written'), { code: 'ENOSPC' });
      offset += written;
    }
    // Delayed allocation can report a full disk only here.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    removeQuietly(temp);
    throw storageError(error, file, 'write', { kept: true });
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing: the write's own error is the one to report.
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // A read-only folder cannot hold the temporary file either, so there is nothing to remove.
  }
}
