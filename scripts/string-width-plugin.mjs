// An esbuild plugin: Ink's imports of string-width (its own, widest-line's and cli-truncate's)
// resolve to string-width-narrow.mjs (why: see there), which hands everything but plain narrow
// text on to the real string-width. Other packages (wrap-ansi has its own string-width 7) get
// the real thing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NARROW = path.join(path.dirname(fileURLToPath(import.meta.url)), 'string-width-narrow.mjs');
const FROM_INK = /[\\/]node_modules[\\/](ink|widest-line|cli-truncate)[\\/]/;

/** @type {import('esbuild').Plugin} */
export const narrowStringWidth = {
  name: 'narrow-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, (args) =>
      FROM_INK.test(args.importer) ? { path: NARROW } : undefined,
    );
  },
};
