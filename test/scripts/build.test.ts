import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProcess, tempDir } from '../support/cli.js';

/** What scripts/build.mjs needs beside src/, copied from this checkout into each project. */
const BUILD_FILES = [
  'scripts/build.mjs',
  'scripts/build-stamp.mjs',
  'scripts/empty-module.mjs',
  'scripts/conf-plugin.mjs',
  'scripts/conf-without-schema.mjs',
  'scripts/string-width-plugin.mjs',
  'scripts/string-width-narrow.mjs',
  'scripts/third-party-licenses.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'node_modules/.package-lock.json',
];

interface Project {
  dir: string;
  cleanup: () => void;
  file: (name: string) => string;
}

/**
 * A private copy of the build with a two-file src/ (so esbuild takes milliseconds, and this
 * checkout's dist/ is never touched). node_modules holds only esbuild, linked from here, and a
 * copy of npm's record of the install, which a test may edit.
 */
function makeProject(): Project {
  const { dir, cleanup } = tempDir('keyhole-build-');
  const file = (name: string) => path.join(dir, name);
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(file(name)), { recursive: true });
    writeFileSync(file(name), text);
  };
  for (const name of BUILD_FILES) {
    if (!existsSync(name)) continue;
    mkdirSync(path.dirname(file(name)), { recursive: true });
    copyFileSync(name, file(name));
  }
  symlinkSync(realpathSync('node_modules/esbuild'), file('node_modules/esbuild'));
  write('src/cli/main.ts', "import { greeting } from './greeting.js';\nconsole.log(greeting);\n");
  // The build's other entry points, the worker threads (the catalog's, the body formatter's).
  write('src/core/catalog/catalog-worker.ts', 'export {};\n');
  write('src/core/session/body-worker.ts', 'export {};\n');
  write('src/cli/greeting.ts', "export const greeting: string = 'hello';\n");
  write('src/cli/notes.md', 'Not imported, but part of src/.\n');
  return { dir, cleanup, file };
}

function runBuild(project: Project, ...flags: string[]) {
  return runProcess(process.execPath, ['scripts/build.mjs', ...flags], { cwd: project.dir });
}

/** dist/'s inode: every build swaps in a freshly made directory, so a new one means it ran. */
function distIdentity(project: Project): number {
  return statSync(project.file('dist')).ino;
}

function stamp(project: Project): string {
  return readFileSync(project.file('dist/build-stamp.json'), 'utf8');
}

async function runBundle(project: Project): Promise<string> {
  const run = await runProcess(process.execPath, ['dist/keyhole.js'], { cwd: project.dir });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe('scripts/build.mjs --if-changed (npm start)', () => {
  let project: Project;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => project.cleanup());

  /** Builds once the way `npm run build` does, so the test starts from a fresh dist/. */
  async function buildOnce(): Promise<number> {
    const first = await runBuild(project, '--quiet');
    expect(first.code, first.stderr).toBe(0);
    return distIdentity(project);
  }

  it('builds when there is no dist/ yet, and stamps it', async () => {
    const run = await runBuild(project, '--if-changed');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^built dist\/ in \d+ ms \(no dist\/ yet\)\n$/);
    expect(await runBundle(project)).toBe('hello\n');
    const inputs = Object.keys(JSON.parse(stamp(project)).inputs as object);
    expect(inputs).toContain('src/cli/greeting.ts');
    expect(inputs).toContain('package-lock.json');
  });

  it('skips esbuild, silently, when nothing changed', async () => {
    const before = await buildOnce();
    const stamped = stamp(project);
    const run = await runBuild(project, '--if-changed');
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(distIdentity(project)).toBe(before);
    expect(stamp(project)).toBe(stamped);
  });

  it('skips when a file was only touched (the stamp holds content hashes, not mtimes)', async () => {
    const before = await buildOnce();
    const later = new Date(statSync(project.file('src/cli/greeting.ts')).mtimeMs + 3_600_000);
    utimesSync(project.file('src/cli/greeting.ts'), later, later);
    const run = await runBuild(project, '--if-changed');
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(distIdentity(project)).toBe(before);
  });

  it('rebuilds when a src file changed, and the bundle has the change', async () => {
    const before = await buildOnce();
    writeFileSync(project.file('src/cli/greeting.ts'), "export const greeting: string = 'bye';\n");
    const run = await runBuild(project, '--if-changed');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('(changed: src/cli/greeting.ts)');
    expect(distIdentity(project)).not.toBe(before);
    expect(await runBundle(project)).toBe('bye\n');
  });

  it.each([
    ['a src file added', (p: Project) => writeFileSync(p.file('src/cli/extra.ts'), 'export {};\n')],
    ['a src file deleted', (p: Project) => rmSync(p.file('src/cli/notes.md'))],
    ['package-lock.json changed', (p: Project) => appendFileSync(p.file('package-lock.json'), ' ')],
    [
      'node_modules changed (npm rewrote node_modules/.package-lock.json)',
      (p: Project) => writeFileSync(p.file('node_modules/.package-lock.json'), '{}\n'),
    ],
    ['tsconfig.json changed', (p: Project) => appendFileSync(p.file('tsconfig.json'), '\n')],
    ['the build script changed', (p: Project) => appendFileSync(p.file('scripts/build.mjs'), '\n')],
    [
      'dist/ has no stamp (a build that died after its swap)',
      (p: Project) => rmSync(p.file('dist/build-stamp.json')),
    ],
    [
      'the stamp is unreadable',
      (p: Project) => writeFileSync(p.file('dist/build-stamp.json'), '{"inp'),
    ],
  ])('rebuilds when %s', async (_what, change) => {
    const before = await buildOnce();
    change(project);
    const run = await runBuild(project, '--if-changed');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^built dist\/ in \d+ ms \(.+\)\n$/);
    expect(distIdentity(project)).not.toBe(before);
    // The new stamp describes the tree as it is now, so the next start skips again.
    const again = await runBuild(project, '--if-changed');
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('leaves the old dist/ and stamp when the build fails, and exits non-zero', async () => {
    const before = await buildOnce();
    const stamped = stamp(project);
    writeFileSync(project.file('src/cli/greeting.ts'), 'export const greeting = ;\n');
    const run = await runBuild(project, '--if-changed');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('build failed: dist/ left as it was');
    expect(distIdentity(project)).toBe(before);
    expect(stamp(project)).toBe(stamped);
    expect(await runBundle(project)).toBe('hello\n');
    expect(readdirSync(project.dir).filter((name) => name.startsWith('dist.'))).toEqual([]);
    // Still stale, so the next start tries again rather than trusting the old bundle.
    const retry = await runBuild(project, '--if-changed');
    expect(retry.code).not.toBe(0);
  });

  it('always builds without --if-changed (npm run build)', async () => {
    const before = await buildOnce();
    const run = await runBuild(project);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^built dist\/ in \d+ ms\n$/);
    expect(distIdentity(project)).not.toBe(before);
  });
});

describe('the build stamp of this checkout', () => {
  // dist/ here was built by vitest's globalSetup (test/support/build.ts) from the real src/.
  it('covers every file esbuild read for the bundle', () => {
    const meta = JSON.parse(readFileSync('dist/meta.json', 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const stamped = new Set(
      Object.keys(JSON.parse(readFileSync('dist/build-stamp.json', 'utf8')).inputs as object),
    );
    // A dependency's files stand behind npm's record of what it installed.
    const uncovered = Object.keys(meta.inputs)
      .map((input) => (input.includes('node_modules/') ? 'node_modules/.package-lock.json' : input))
      .filter((input) => !stamped.has(input));
    expect(uncovered).toEqual([]);
  });

  it('ships the license of every package it bundles (dist/THIRD-PARTY-LICENSES.txt)', () => {
    const meta = JSON.parse(readFileSync('dist/meta.json', 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const licenses = readFileSync('dist/THIRD-PARTY-LICENSES.txt', 'utf8');
    const bundled = new Set(
      Object.keys(meta.inputs).flatMap(
        (input) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? [],
      ),
    );
    expect(bundled.size).toBeGreaterThan(20);
    const unnamed = [...bundled].filter((name) => !licenses.includes(`\n${name}@`));
    expect(unnamed).toEqual([]);
    expect(licenses).toContain('Permission is hereby granted');
  });

  it('is what npm start checks, while npm run build always builds', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.prestart).toBe('node scripts/build.mjs --if-changed');
    expect(scripts.build).toBe('node scripts/build.mjs');
  });
});
