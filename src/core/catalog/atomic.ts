import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../config/paths.js';

/**
 * Writes a private (0600) file atomically: a temporary file beside it, renamed over it, so a
 * reader in another process sees the old contents or the new, never half of them.
 */
export function writeFileAtomic(file: string, contents: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, contents, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    // The mode given to open() is narrowed by the umask; chmod makes it exact.
    chmodSync(temp, PRIVATE_FILE_MODE);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
