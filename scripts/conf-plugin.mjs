// An esbuild plugin: conf's own imports of ajv, ajv-formats and semver resolve to
// conf-without-schema.mjs (why: see there). Only imports made from conf's files are redirected;
// any other package that imports them gets the real thing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const STUB = path.join(path.dirname(fileURLToPath(import.meta.url)), 'conf-without-schema.mjs');
const FROM_CONF = `${path.sep}node_modules${path.sep}conf${path.sep}`;

/** @type {import('esbuild').Plugin} */
export const confWithoutSchema = {
  name: 'conf-without-schema',
  setup(build) {
    build.onResolve({ filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/ }, (args) =>
      args.importer.includes(FROM_CONF) ? { path: STUB } : undefined,
    );
  },
};
