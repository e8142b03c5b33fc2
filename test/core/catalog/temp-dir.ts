import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// One folder per test file (vitest loads this module once per file), removed when the file ends.
const root = mkdtempSync(path.join(os.tmpdir(), 'keyhole-catalog-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

/** A new empty folder inside this test file's temporary folder. */
export function tempSubdir(): string {
  const dir = path.join(root, String(count++));
  mkdirSync(dir);
  return dir;
}

/** A cache folder path that does not exist yet, in a fresh folder: each call starts cold. */
export function tempCacheDir(): string {
  return path.join(tempSubdir(), 'cache');
}
