import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { KeyholeError } from '../errors.js';
import { emitNotice } from '../notices.js';
import { loadCatalog } from './load.js';
import {
  type CatalogHeader,
  type OperationBatch,
  type WorkerMessage,
  type WorkerRequest,
  fromWireError,
} from './off-thread-messages.js';
import type { Catalog, CatalogOperation, LoadOptions } from './types.js';

/*
 * Measured here (Node 20, 2 cores): Microsoft Graph beta (47 MB JSON, 22,361 operations) takes
 * ~4.2 s to load cold and ~0.8 s from the index cache, nearly all of it one synchronous stretch
 * on the thread that loads it. Its operations are ~28 MB as a structured clone: ~0.7 s to
 * deserialise in one message, ~10 ms per 1,000, plus the young-generation collections the new
 * objects cause (20–30 ms each, every few batches). bench/tui-load.mjs measures the result.
 */

/** Operations per message: each costs the main thread one short turn to deserialise. */
export const DEFAULT_BATCH_SIZE = 500;

/** Options of {@link loadCatalogOffThread}: those of loadCatalog but `now` (a function). */
export interface OffThreadLoadOptions extends Omit<LoadOptions, 'now'> {
  /**
   * The worker's entry point. @default {@link bundledWorkerUrl}, dist/catalog-worker.js in the
   * bundle. Code run from the TypeScript source (vitest) has no worker beside it and loads in
   * this thread, unless it names the built one (tests: `pathToFileURL('dist/catalog-worker.js')`,
   * which test/support/build.ts builds before every run).
   */
  workerUrl?: URL;
  /** Operations per message from the worker. @default DEFAULT_BATCH_SIZE */
  batchSize?: number;
}

/**
 * dist/catalog-worker.js, found from the code that asks: esbuild puts this module either in
 * dist/keyhole.js or in a shared chunk under dist/chunks/, and the worker is an entry of its own
 * at the top of dist/.
 */
export function bundledWorkerUrl(from: string = import.meta.url): URL {
  const folder = new URL('.', from);
  return new URL(
    folder.pathname.endsWith('/chunks/') ? '../catalog-worker.js' : 'catalog-worker.js',
    folder,
  );
}

/**
 * {@link loadCatalog} in a worker thread, so the caller's event loop keeps turning (the TUI keeps
 * repainting and echoing keys) while a big spec is read, parsed and indexed. The same catalog
 * comes back, and the same errors (a KeyholeError keeps its message, hint and code); progress
 * callbacks are called on this thread as the worker reports.
 *
 * The operations arrive a batch at a time, one read per turn of this event loop: one message of
 * 22,000 operations would stall it for most of a second just to deserialise.
 * An abort ends the worker at once and rejects with the signal's reason. Without a worker file
 * (the TypeScript source), or when the worker cannot start, the load runs in this thread.
 */
export async function loadCatalogOffThread(
  sources: readonly string[],
  options: OffThreadLoadOptions = {},
): Promise<Catalog> {
  const { workerUrl = bundledWorkerUrl(), batchSize = DEFAULT_BATCH_SIZE, ...load } = options;
  if (!existsSync(fileURLToPath(workerUrl))) return loadCatalog(sources, load);
  load.signal?.throwIfAborted();
  const catalog = await inWorker(workerUrl, sources, load, Math.max(1, Math.floor(batchSize)));
  return catalog ?? loadCatalog(sources, load);
}

/** The catalog, or null when the worker failed before it started (a missing chunk, say). */
function inWorker(
  url: URL,
  sources: readonly string[],
  load: Omit<LoadOptions, 'now'>,
  batchSize: number,
): Promise<Catalog | null> {
  const { cacheDir, noCache, limits, refresh, env, signal } = load;
  const channel = new MessageChannel();
  const request: WorkerRequest = {
    sources: [...sources],
    options: { cacheDir, noCache, limits, refresh, env },
    reportCacheErrors: load.onCacheError !== undefined,
    batchSize,
    operations: channel.port2,
    started: new Int32Array(new SharedArrayBuffer(4)),
  };
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData: request, transferList: [channel.port2] });
    } catch {
      channel.port1.close();
      resolve(null);
      return;
    }
    let settled = false;
    let header: CatalogHeader | undefined;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      channel.port1.close();
      // Done, failed or no longer wanted: nothing it still holds may keep this process alive.
      void worker.terminate();
      finish();
    };
    const abort = () => settle(() => reject(signal?.reason));
    const gather = (loaded: CatalogHeader) => {
      const catalog = gatherer(loaded);
      // One batch a turn: timers, keys and repaints run between batches.
      const next = () => {
        if (settled) return;
        const batch = receiveMessageOnPort(channel.port1)?.message as OperationBatch | undefined;
        if (batch === undefined) {
          settle(() => reject(workerFailure(new Error('an operation batch went missing'))));
        } else if (catalog.add(batch)) {
          settle(() => resolve(catalog.result()));
        } else {
          setImmediate(next);
        }
      };
      if (loaded.batches === 0) settle(() => resolve(catalog.result()));
      else setImmediate(next);
    };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'progress':
          return load.onProgress?.(message.message, message.source);
        case 'download':
          return load.onDownload?.(message.progress);
        case 'cache-error':
          return load.onCacheError?.(fromWireError(message.error) as KeyholeError);
        case 'notice':
          return emitNotice(message.message);
        case 'failed':
          return settle(() => reject(fromWireError(message.error)));
        case 'loaded':
          header = message;
          return gather(message);
      }
    });
    worker.on('error', (error) => {
      const started = Atomics.load(request.started, 0) === 1;
      settle(() => (started ? reject(workerFailure(error)) : resolve(null)));
    });
    // Once the header is here the worker is done and may end: its batches wait on the port.
    worker.on('exit', (code) => {
      if (header === undefined) {
        settle(() => reject(workerFailure(new Error(`it exited with code ${code}`))));
      }
    });
    signal?.addEventListener('abort', abort, { once: true });
  });
}

function workerFailure(error: Error): KeyholeError {
  return new KeyholeError(`the thread loading the specs stopped: ${error.message}`, {
    cause: error,
  });
}

/**
 * Puts the catalog loadCatalog returned in the worker back together from its header and its
 * batches; `add` says whether that was the last.
 */
function gatherer(header: CatalogHeader) {
  const perSpec: CatalogOperation[][] = header.specs.map(() => []);
  const operations: CatalogOperation[] = [];
  let received = 0;
  return {
    add(batch: OperationBatch): boolean {
      const into = perSpec[batch.spec] ?? [];
      let dropped = 0;
      batch.operations.forEach((operation, i) => {
        into.push(operation);
        if (batch.dropped[dropped] === i) dropped++;
        else operations.push(operation);
      });
      return ++received === header.batches;
    },
    result(): Catalog {
      return {
        operations,
        specs: header.specs.map((spec, i) => ({ ...spec, operations: perSpec[i] ?? [] })),
        warnings: header.warnings,
        knownWarnings: header.knownWarnings,
        failures: header.failures.map(({ source, error }) => ({
          source,
          error: fromWireError(error),
        })),
      };
    },
  };
}
