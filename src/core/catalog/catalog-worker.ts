/*
 * The entry of the catalog worker thread (bundled as dist/catalog-worker.js; started by
 * load-off-thread.ts). It runs the ordinary loadCatalog here, so reading, hashing, parsing and
 * indexing a 47 MB spec never blocks the TUI's event loop, then hands the catalog over in batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { onNotice } from '../notices.js';
import { loadCatalog } from './load.js';
import {
  type CatalogHeader,
  type OperationBatch,
  type WorkerMessage,
  type WorkerRequest,
  toWireError,
} from './off-thread-messages.js';
import type { Catalog } from './types.js';

if (!parentPort) throw new Error('catalog-worker runs as a worker thread (see load-off-thread.ts)');
const port = parentPort;
const request = workerData as WorkerRequest;
const post = (message: WorkerMessage) => port.postMessage(message);

Atomics.store(request.started, 0, 1);
onNotice((message) => post({ kind: 'notice', message }));
try {
  const catalog = await loadCatalog(request.sources, {
    ...request.options,
    onProgress: (message, source) => post({ kind: 'progress', message, source }),
    onDownload: (progress) => post({ kind: 'download', progress }),
    ...(request.reportCacheErrors
      ? { onCacheError: (error) => post({ kind: 'cache-error', error: toWireError(error) }) }
      : {}),
  });
  const batches = batchesOf(catalog, request.batchSize);
  for (const batch of batches) request.operations.postMessage(batch);
  post(headerOf(catalog, batches.length));
} catch (error) {
  post({ kind: 'failed', error: toWireError(error) });
}
// What was posted stays readable on the other side: this thread is done.
request.operations.close();
port.close();

function headerOf(catalog: Catalog, batches: number): CatalogHeader {
  return {
    kind: 'loaded',
    specs: catalog.specs.map((spec) => ({ ...spec, operations: [] })),
    warnings: catalog.warnings,
    knownWarnings: catalog.knownWarnings,
    failures: catalog.failures.map(({ source, error }) => ({ source, error: toWireError(error) })),
    batches,
  };
}

/**
 * Each spec's own operations, `size` at a time, each batch saying which of them the catalog
 * dropped: the catalog's operations are the specs' own objects in order, less those.
 */
function batchesOf(catalog: Catalog, size: number): OperationBatch[] {
  const batches: OperationBatch[] = [];
  let next = 0;
  catalog.specs.forEach(({ operations }, spec) => {
    for (let start = 0; start < operations.length; start += size) {
      const batch = operations.slice(start, start + size);
      const dropped: number[] = [];
      batch.forEach((operation, i) => {
        if (catalog.operations[next] === operation) next++;
        else dropped.push(i);
      });
      batches.push({ kind: 'operations', spec, operations: batch, dropped });
    }
  });
  return batches;
}
