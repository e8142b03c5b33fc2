// Bundles the CLI into dist/ with esbuild. Code splitting keeps start-up lazy: every command's
// dynamic import() becomes its own chunk, so `keyhole profiles list` never parses Ink or React.
import { build } from 'esbuild';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';

const started = performance.now();
// Build beside dist/ and swap it in, so a process running the old bundle never sees half of one.
const staging = `dist.staging-${process.pid}`;
await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });

const result = await build({
  // The catalog worker is an entry of its own: the TUI starts it as a thread by its file name
  // (src/core/catalog/load-off-thread.ts finds dist/catalog-worker.js from import.meta.url).
  entryPoints: {
    keyhole: 'src/cli/main.ts',
    'catalog-worker': 'src/core/catalog/catalog-worker.ts',
  },
  outdir: staging,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'linked',
  // Native addons are loaded from node_modules at run time; they cannot be bundled.
  external: ['@napi-rs/keyring'],
  // Ink imports react-devtools-core only when DEV is set; an empty stub keeps it out of the bundle.
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ESM
  // build bundles cleanly.
  alias: {
    'react-devtools-core': './scripts/empty-module.mjs',
    'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __keyholeCreateRequire } from 'node:module';",
      'const require = __keyholeCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});

await writeFile(
  `${staging}/meta.json`,
  JSON.stringify(result.metafile).replaceAll(staging, 'dist'),
);
await chmod(`${staging}/keyhole.js`, 0o755);
const retired = `dist.retired-${process.pid}`;
await rename('dist', retired).catch(() => undefined);
await rename(staging, 'dist');
await rm(retired, { recursive: true, force: true });
if (!process.argv.includes('--quiet')) {
  console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`);
}
