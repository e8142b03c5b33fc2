import envPaths from 'env-paths';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';

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
 * Creates the folder if needed and narrows it to 0700 every time: a folder the user loosened by
 * hand (or one created by another tool with the default umask) is tightened on the next write.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}
