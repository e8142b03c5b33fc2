import { execFileSync } from 'node:child_process';

/**
 * vitest globalSetup: every CLI test runs the real bundle in dist/, so build it once per run
 * (about 0.3 s) instead of trusting whatever dist/ happens to hold.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
}
