// Bundled and run by bench/tui-load.mjs, one load per process as the TUI loads one spec as it
// starts: `node tui-load-stalls.mjs worker|in-thread SPEC CACHE_DIR WORKER_URL` prints the load's
// time and the longest the thread went without a turn of its event loop meanwhile, as JSON.
import { loadCatalog } from '../src/core/catalog/index.js';
import { loadCatalogOffThread } from '../src/core/catalog/load-off-thread.js';
import { startStallMeter } from '../test/support/stall-meter.js';

const [mode, spec = '', cacheDir = '', workerUrl = ''] = process.argv.slice(2);
const started = performance.now();
const meter = startStallMeter();
const catalog =
  mode === 'worker'
    ? await loadCatalogOffThread([spec], { cacheDir, workerUrl: new URL(workerUrl) })
    : await loadCatalog([spec], { cacheDir });
const stallMs = meter.stop();
const loadMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ operations: catalog.operations.length, fromCache: catalog.specs[0]?.fromCache, loadMs, stallMs })}\n`,
);
