// The benches' TypeScript parts (they import keyhole's source) are bundled with esbuild into
// node_modules/.cache/keyhole-bench (or KEYHOLE_BENCH_CACHE) before they run; packages stay
// external, as in dist/.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** Bundles `bench/<name>.ts` and returns the path of the bundle, `<cache>/<name>.mjs`. */
export async function bundleBenchFile(name) {
  const folder = process.env.KEYHOLE_BENCH_CACHE ?? 'node_modules/.cache/keyhole-bench';
  const outfile = path.resolve(folder, `${name}.mjs`);
  await build({
    entryPoints: [`bench/${name}.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  // A cache outside the checkout (/tmp/…) cannot resolve the external packages by itself.
  const modules = path.join(path.dirname(outfile), 'node_modules');
  if (!outfile.startsWith(path.resolve('node_modules') + path.sep) && !existsSync(modules)) {
    mkdirSync(path.dirname(outfile), { recursive: true });
    symlinkSync(path.resolve('node_modules'), modules, 'dir');
  }
  return outfile;
}
