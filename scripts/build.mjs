// Bundles the CLI into dist/ with esbuild. Code splitting keeps start-up lazy: every command's
// dynamic import() becomes its own chunk, so `keyhole profiles list` never parses Ink or React.
//
// --if-changed (what `npm start` runs first) builds only when a file the bundle is made of differs
// from the last build's stamp (see build-stamp.mjs); otherwise it exits at once, silently.
// --quiet drops the "built dist/" line.
import { readFileSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { fingerprintInputs, staleReason, writeStamp } from './build-stamp.mjs';
import { confWithoutSchema } from './conf-plugin.mjs';
import { narrowStringWidth } from './string-width-plugin.mjs';
import { thirdPartyLicenses } from './third-party-licenses.mjs';

const started = performance.now();
const inputs = fingerprintInputs();
const ifChanged = process.argv.includes('--if-changed');
const reason = ifChanged ? staleReason(inputs) : undefined;
if (ifChanged && reason === undefined) process.exit(0);

// Imported only now: loading esbuild's API alone costs about as much as the whole check.
const { build } = await import('esbuild');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));

// Build beside dist/ and swap it in, so a process running the old bundle never sees half of one.
const staging = `dist.staging-${process.pid}`;
await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });

let result;
try {
  result = await build({
    // The workers are entries of their own: the TUI starts them as threads by their file names
    // (src/core/catalog/load-off-thread.ts finds dist/catalog-worker.js from import.meta.url,
    // src/core/session/format-off-thread.ts dist/body-worker.js).
    entryPoints: {
      keyhole: 'src/cli/main.ts',
      'catalog-worker': 'src/core/catalog/catalog-worker.ts',
      'body-worker': 'src/core/session/body-worker.ts',
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
    // Ink imports react-devtools-core only when DEV is set; an empty stub keeps it out of the
    // bundle. jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow;
    // its ESM build bundles cleanly.
    alias: {
      'react-devtools-core': './scripts/empty-module.mjs',
      'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
    },
    define: {
      'process.env.NODE_ENV': '"production"',
      // `keyhole --version` (src/cli/version.ts) says what package.json says, never a copy.
      KEYHOLE_BUILD_VERSION: JSON.stringify(packageJson.version),
    },
    plugins: [confWithoutSchema, narrowStringWidth],
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __keyholeCreateRequire } from 'node:module';",
        'const require = __keyholeCreateRequire(import.meta.url);',
      ].join('\n'),
    },
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed the errors (logLevel); dist/ and its stamp are the last good ones.
  await rm(staging, { recursive: true, force: true });
  console.error('build failed: dist/ left as it was');
  process.exit(1);
}

await writeFile(
  `${staging}/meta.json`,
  JSON.stringify(result.metafile).replaceAll(staging, 'dist'),
);
await writeFile(`${staging}/THIRD-PARTY-LICENSES.txt`, thirdPartyLicenses(result.metafile));
await chmod(`${staging}/keyhole.js`, 0o755);
const retired = `dist.retired-${process.pid}`;
await rename('dist', retired).catch(() => undefined);
await rename(staging, 'dist');
await rm(retired, { recursive: true, force: true });
// Only after the swap: a stamp must never vouch for a dist/ that did not make it into place.
writeStamp(inputs);
if (!process.argv.includes('--quiet')) {
  const why = reason === undefined ? '' : ` (${reason})`;
  console.error(`built dist/ in ${Math.round(performance.now() - started)} ms${why}`);
}
