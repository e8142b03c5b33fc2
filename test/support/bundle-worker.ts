import { build } from 'esbuild';
import path from 'node:path';

/**
 * Bundles a TypeScript worker for tests that need several real processes running keyhole's
 * core at once. The bundle lands inside node_modules so its bare imports (conf, zod, jose, …)
 * resolve exactly like the app's own.
 */
export async function bundleWorker(entry: string): Promise<string> {
  const outfile = path.resolve(
    'node_modules/.cache/keyhole-test',
    `${path.basename(entry, '.ts')}.mjs`,
  );
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    absWorkingDir: process.cwd(),
    logLevel: 'error',
  });
  return outfile;
}
