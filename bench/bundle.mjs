// The benches' TypeScript parts (they import keyhole's source) are bundled with esbuild into
// node_modules/.cache/keyhole-bench (or KEYHOLE_BENCH_CACHE) before they run; packages stay
// external, as in dist/, unless `packages: 'bundled'` asks for them inside the bundle the way
// scripts/build.mjs bundles Ink and React (a floor that starts like dist/keyhole.js does).
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** What scripts/build.mjs does to bundle Ink and React: stub the devtools, production React. */
const LIKE_DIST = {
  alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
  define: { 'process.env.NODE_ENV': '"production"' },
  target: 'node20',
  banner: {
    js: [
      "import { createRequire as __keyholeCreateRequire } from 'node:module';",
      'const require = __keyholeCreateRequire(import.meta.url);',
    ].join('\n'),
  },
};

/**
 * Bundles `bench/<name>.ts` (or `.tsx`, `.mjs`: give `file`) and returns the path of the bundle,
 * `<cache>/<name>.mjs`. `packages: 'bundled'` puts the packages inside it too.
 */
export async function bundleBenchFile(name, { file = `bench/${name}.ts`, packages } = {}) {
  const folder = process.env.KEYHOLE_BENCH_CACHE ?? 'node_modules/.cache/keyhole-bench';
  const outfile = path.resolve(folder, `${name}.mjs`);
  await build({
    entryPoints: [file],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    ...(packages === 'bundled' ? LIKE_DIST : { packages: 'external' }),
  });
  // A cache outside the checkout (/tmp/…) cannot resolve the external packages by itself.
  const modules = path.join(path.dirname(outfile), 'node_modules');
  if (!outfile.startsWith(path.resolve('node_modules') + path.sep) && !existsSync(modules)) {
    mkdirSync(path.dirname(outfile), { recursive: true });
    symlinkSync(path.resolve('node_modules'), modules, 'dir');
  }
  return outfile;
}
