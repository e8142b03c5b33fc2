import { execFile } from 'node:child_process';
import { cpSync, lstatSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What `npm pack --json` says about the tarball it wrote. */
export interface Packed {
  /** The tarball's path. */
  readonly tarball: string;
  /** Bytes of the tarball. */
  readonly size: number;
  /** Bytes of its files, unpacked. */
  readonly unpackedSize: number;
  /** Every file in it, relative to the package root. */
  readonly files: readonly string[];
  readonly ms: number;
}

/** Folders of a checkout that are never part of a package's sources. */
const NOT_SOURCES = /^(node_modules|\.git|coverage|dist)$|^dist\./;

/**
 * `npm pack` as a maintainer runs it, prepack build included, but in a copy of the checkout
 * (sharing its node_modules): the build must not swap the dist/ that other test files are running
 * at the same time.
 */
export async function packCheckout(
  root: string,
  into: string,
  env: NodeJS.ProcessEnv,
): Promise<Packed> {
  const copy = path.join(into, 'checkout');
  cpSync(root, copy, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(root, source);
      return relative === '' || !NOT_SOURCES.test(relative.split(path.sep)[0] as string);
    },
  });
  symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(copy, 'node_modules'));
  const started = Date.now();
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', into], {
    cwd: copy,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Date.now() - started;
  const [result] = JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1)) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!result) throw new Error(`npm pack printed no result:\n${stdout}`);
  return {
    tarball: path.join(into, result.filename),
    size: result.size,
    unpackedSize: result.unpackedSize,
    files: result.files.map((file) => file.path).sort(),
    ms,
  };
}

/** Bytes of every file under `dir` (symbolic links counted as links, not followed). */
export function treeSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return total + treeSize(file);
    return total + lstatSync(file).size;
  }, 0);
}

/** The packages installed under a package folder's node_modules, nested ones too, by name. */
export function installedPackages(folder: string): string[] {
  const modules = path.join(folder, 'node_modules');
  let entries: string[];
  try {
    entries = readdirSync(modules);
  } catch {
    return [];
  }
  const names = entries.flatMap((entry) => {
    if (entry.startsWith('.')) return [];
    if (!entry.startsWith('@')) return [entry];
    return readdirSync(path.join(modules, entry)).map((scoped) => `${entry}/${scoped}`);
  });
  return names.flatMap((name) => [name, ...installedPackages(path.join(modules, name))]).sort();
}
