/** package.json's version, written into the bundle by scripts/build.mjs (esbuild's `define`). */
declare const KEYHOLE_BUILD_VERSION: string | undefined;

/**
 * keyhole's version for `--version`: package.json's in the bundle, `0.0.0-dev` where the sources
 * run unbundled (tests that import the command tree).
 */
export const KEYHOLE_VERSION =
  typeof KEYHOLE_BUILD_VERSION === 'string' ? KEYHOLE_BUILD_VERSION : '0.0.0-dev';
