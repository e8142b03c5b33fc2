// What dist/ is made of, and the stamp a build leaves in dist/ to say which versions of those files
// it saw, so `npm start` (scripts/build.mjs --if-changed) runs esbuild only when one changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Every tree whose files go into the bundle. All of src/ counts, not only what the bundle imports
 * today: a file added or removed can change what an import resolves to.
 */
const TREES = ['src'];

/**
 * The single files the bundle depends on. esbuild reads package.json ("type", "imports") and
 * tsconfig.json (jsx and other compiler settings); the build script holds the options and its
 * alias stub, and this file decides what "changed" means. node_modules is stood for by its two
 * lockfiles: package-lock.json is what the project asks for, node_modules/.package-lock.json what
 * npm last installed (npm rewrites it on every install), so `git pull` followed later by
 * `npm install` rebuilds at each step.
 */
const FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.mjs',
  'scripts/build-stamp.mjs',
  'scripts/empty-module.mjs',
  'scripts/conf-plugin.mjs',
  'scripts/conf-without-schema.mjs',
  'scripts/string-width-plugin.mjs',
  'scripts/string-width-narrow.mjs',
  'scripts/third-party-licenses.mjs',
  'node_modules/.package-lock.json',
];

const STAMP = 'dist/build-stamp.json';
const ENTRY = 'dist/keyhole.js';

/** Files under `dir`, depth first, with `/` separators on every platform. */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(file);
    return entry.isFile() ? [file] : [];
  });
}

/** A file's content hash, or `absent` for a file that is not there (no node_modules yet). */
function contentHash(file) {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch (error) {
    if (error.code === 'ENOENT') return 'absent';
    throw error;
  }
}

/**
 * Each input file (relative to the working directory, the package root under npm) mapped to a
 * hash of its content. Content rather than size and mtime: checking out another branch and back
 * rewrites mtimes without changing a byte, and hashing all of src/ costs only a few milliseconds
 * more than stat'ing it. Reads are synchronous on purpose: 300 concurrent readFile() calls queue
 * on libuv's four threads and took longer here than reading one file after another.
 * @returns {Record<string, string>}
 */
export function fingerprintInputs() {
  const files = [...TREES.flatMap(filesUnder), ...FILES].sort();
  return Object.fromEntries(files.map((file) => [file, contentHash(file)]));
}

/**
 * Why dist/ does not match `inputs`, or undefined when it was built from exactly these files.
 * @param {Record<string, string>} inputs from fingerprintInputs()
 * @returns {string | undefined}
 */
export function staleReason(inputs) {
  if (!existsSync(ENTRY)) return 'no dist/ yet';
  let built;
  try {
    built = JSON.parse(readFileSync(STAMP, 'utf8')).inputs;
  } catch {
    return `no readable ${STAMP}`;
  }
  if (typeof built !== 'object' || built === null) return `no readable ${STAMP}`;
  const paths = new Set([...Object.keys(built), ...Object.keys(inputs)]);
  const changed = [...paths].filter((file) => built[file] !== inputs[file]);
  if (changed.length === 0) return undefined;
  const shown = changed.slice(0, 3).join(', ');
  return `changed: ${shown}${changed.length > 3 ? ', …' : ''}`;
}

/**
 * Records that dist/ was built from `inputs`. Call it only once the new dist/ is in place: a build
 * that dies earlier leaves either the old dist/ with its own stamp or a dist/ with none, and both
 * are rebuilt or trusted correctly. Written beside and renamed, so no reader sees half a stamp.
 * @param {Record<string, string>} inputs fingerprinted before esbuild read them, so a file edited
 *   during the build makes the next check rebuild
 */
export function writeStamp(inputs) {
  const partial = `${STAMP}.partial-${process.pid}`;
  writeFileSync(partial, `${JSON.stringify({ inputs }, null, 1)}\n`);
  renameSync(partial, STAMP);
}
