import { pathToFileURL } from 'node:url';
import { loadCatalogOffThread } from '../../src/core/catalog/load-off-thread.js';

/**
 * Run as its own process by the worker loader's tests: loads one spec through the built worker
 * (aborting at the first progress line with `abort`), prints what came of it, and then simply
 * ends. It never calls process.exit: a worker thread left running would keep it alive.
 */
const [spec = '', cacheDir = '', mode = 'load'] = process.argv.slice(2);
const controller = new AbortController();
try {
  const catalog = await loadCatalogOffThread([spec], {
    cacheDir,
    workerUrl: pathToFileURL('dist/catalog-worker.js'),
    signal: controller.signal,
    onProgress: () => {
      if (mode === 'abort') controller.abort();
    },
  });
  process.stdout.write(`${JSON.stringify({ operations: catalog.operations.length })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).name })}\n`);
}
