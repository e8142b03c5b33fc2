// The benches' TypeScript parts (they import keyhole's source) are bundled with esbuild into
// node_modules/.cache/keyhole-bench before they run; packages stay external, as in dist/.
import path from 'node:path';
import { build } from 'esbuild';

/** Bundles `bench/<name>.ts` and returns the path of the bundle, `<cache>/<name>.mjs`. */
export async function bundleBenchFile(name) {
  const outfile = path.resolve(`node_modules/.cache/keyhole-bench/${name}.mjs`);
  await build({
    entryPoints: [`bench/${name}.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}
