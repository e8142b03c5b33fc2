import envPaths from 'env-paths';
import { chmodSync, lstatSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { KeyholeError } from '../errors.js';
import { errnoOf, storageError } from './storage-error.js';

/** Folders keyhole creates are private to the user; files are 0600. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * The folder that holds config.json, the plaintext secrets file and caches:
 * `KEYHOLE_CONFIG_DIR` when set (tests always set it), else the platform's config folder
 * (`~/.config/keyhole` on Linux, `~/Library/Preferences/keyhole` on macOS).
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.KEYHOLE_CONFIG_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return envPaths('keyhole', { suffix: '' }).config;
}

/**
 * Creates the folder if needed (0700) and narrows it to the owner every time: a folder the user
 * loosened by hand (or one created by another tool with the default umask) is tightened on the
 * next write.
 * A symbolic link is never chmod-ed: its target may be a folder outside keyhole's.
 */
export function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EEXIST' || code === 'ENOTDIR') throw notAFolder(blockingFile(dir));
    throw storageError(error, dir, 'create the folder');
  }
  const stat = lstatSync(dir);
  // Only group and other bits are taken away: a folder the user made read-only (0500) stays so,
  // and its writes fail with "permission denied" instead of keyhole granting itself write.
  const narrowed = stat.mode & PRIVATE_DIR_MODE;
  if (stat.isSymbolicLink() || (stat.mode & 0o7777) === narrowed) return;
  try {
    chmodSync(dir, narrowed);
  } catch (error) {
    throw storageError(error, dir, 'make private (0700)');
  }
}

/** Throws when `dir` exists but is not a folder (KEYHOLE_CONFIG_DIR naming a file, say). */
export function assertFolderOrMissing(dir: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw notAFolder(blockingFile(dir));
    throw storageError(error, dir, 'read');
  }
  if (!isFolder) throw notAFolder(dir);
}

/** The path itself or the nearest of its parents that exists and is not a folder. */
function blockingFile(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      if (!statSync(current).isDirectory()) return current;
    } catch {
      // Missing, or behind a file: look one level up.
    }
    if (path.dirname(current) === current) return dir;
  }
}

/** "… is a file, not a folder": exit 2, since the setup is wrong rather than the operation. */
export function notAFolder(dir: string): KeyholeError {
  return new KeyholeError(
    `${dir} is not a folder (a file, or a path through a file, is in the way)`,
    {
      exitCode: 2,
      hint: 'Move the file away, or point KEYHOLE_CONFIG_DIR at a folder.',
    },
  );
}
