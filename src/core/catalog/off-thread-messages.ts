import type { MessagePort } from 'node:worker_threads';
import { KeyholeError } from '../errors.js';
import type { CatalogOperation, DownloadProgress, LoadOptions, LoadedSpec } from './types.js';

/**
 * What the catalog worker is started with (its `workerData`): the sources and every load option
 * that survives a structured clone. Functions stay on the main thread; `signal` becomes
 * `worker.terminate()`.
 */
export interface WorkerRequest {
  sources: readonly string[];
  options: Pick<LoadOptions, 'cacheDir' | 'noCache' | 'limits' | 'refresh' | 'env'>;
  /** Whether the caller handles cache failures itself (else they are progress lines). */
  reportCacheErrors: boolean;
  /** Operations per message (see {@link OperationBatch}). */
  batchSize: number;
  /**
   * Where the operation batches go: a port the main thread never listens on, only reads one
   * message from per turn of its event loop. On a port it listens on, Node hands it every
   * waiting message in one turn, and 22,000 operations would stall it as long as ever.
   */
  operations: MessagePort;
  /**
   * Set to 1 (one Int32 over a SharedArrayBuffer) once the worker's code runs: a worker that
   * fails before that could not start, and the load runs in the main thread instead. A flag, not
   * a message: Node may report the worker's error before its earlier messages.
   */
  started: Int32Array;
}

/** An error as it crosses threads: a KeyholeError keeps its code, hint and exit code. */
export interface WireError {
  name: string;
  message: string;
  stack: string | undefined;
  keyhole: boolean;
  hint: string | undefined;
  code: string | undefined;
  exitCode: 1 | 2;
}

/**
 * The catalog without its operations, small, posted once its `batches` operation batches wait on
 * {@link WorkerRequest.operations}.
 */
export interface CatalogHeader {
  kind: 'loaded';
  /** Each spec as loaded, `operations` empty: they come in the batches. */
  specs: LoadedSpec[];
  warnings: string[];
  knownWarnings: string[];
  failures: { source: string; error: WireError }[];
  batches: number;
}

/** Some of one spec's operations, in document order. */
export interface OperationBatch {
  kind: 'operations';
  /** Index into {@link CatalogHeader.specs}. */
  spec: number;
  operations: CatalogOperation[];
  /**
   * Which of them (indexes into `operations`, ascending) the catalog leaves out, an earlier spec
   * having the same method and path. Said by the worker, which merged the specs already: merging
   * 22,000 freshly received operations again costs the main thread over 100 ms in one turn.
   */
  dropped: number[];
}

/** Everything the worker posts to the main thread. */
export type WorkerMessage =
  | { kind: 'progress'; message: string; source: string | undefined }
  | { kind: 'download'; progress: DownloadProgress }
  | { kind: 'cache-error'; error: WireError }
  /** A core notice (see notices.ts): said on the main thread, where someone listens. */
  | { kind: 'notice'; message: string }
  | CatalogHeader
  | OperationBatch
  | { kind: 'failed'; error: WireError };

export function toWireError(error: unknown): WireError {
  const keyhole = error instanceof KeyholeError;
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
    keyhole,
    hint: keyhole ? error.hint : undefined,
    code: keyhole ? error.code : undefined,
    exitCode: keyhole ? error.exitCode : 1,
  };
}

/** The error again on this side: a KeyholeError (named as it was, e.g. UsageError) or an Error. */
export function fromWireError(wire: WireError): Error {
  const error = wire.keyhole
    ? new KeyholeError(wire.message, {
        exitCode: wire.exitCode,
        ...(wire.hint === undefined ? {} : { hint: wire.hint }),
        ...(wire.code === undefined ? {} : { code: wire.code }),
      })
    : new Error(wire.message);
  Object.defineProperty(error, 'name', { value: wire.name, configurable: true, writable: true });
  // The worker's stack says where it failed; this side's would only name the message handler.
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
