import { existsSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type FormattedBody, formatBody } from './body-format.js';
import type { BodyWorkerReply, BodyWorkerRequest } from './body-worker-messages.js';

/*
 * Measured here (Node 20, 2 cores): a 20 MB JSON body pretty-prints in ~0.2 s, a 50 MB one in
 * ~0.5 s; a worker starts in ~30 ms. Below OFF_THREAD_FROM the body is formatted in this thread,
 * in a few milliseconds, sooner than a worker could start.
 */

/** Bodies from this size on are formatted in a worker thread. */
export const OFF_THREAD_FROM = 512 * 1024;

/** Options of {@link formatBodyOffThread}. */
export interface OffThreadFormatOptions {
  /**
   * The worker's entry point. @default {@link bundledBodyWorkerUrl}, dist/body-worker.js in the
   * bundle. Code run from the TypeScript source (vitest) has no worker beside it and formats in
   * this thread, unless it names the built one (`pathToFileURL('dist/body-worker.js')`).
   */
  readonly workerUrl?: URL;
  /** @default OFF_THREAD_FROM */
  readonly offThreadFrom?: number;
}

/**
 * dist/body-worker.js, found from the code that asks: esbuild puts this module either in
 * dist/keyhole.js or in a shared chunk under dist/chunks/, and the worker is an entry of its own
 * at the top of dist/.
 */
export function bundledBodyWorkerUrl(from: string = import.meta.url): URL {
  const folder = new URL('.', from);
  return new URL(
    folder.pathname.endsWith('/chunks/') ? '../body-worker.js' : 'body-worker.js',
    folder,
  );
}

/**
 * {@link formatBody} in a worker thread, so the caller's event loop keeps turning (the TUI keeps
 * repainting and reading keys) while a big body is laid out. The raw bytes are shared with the
 * worker (one copy into shared memory) and the text and line index come back transferred, not
 * copied. The same result as formatBody in every case: a small body, no worker file (the
 * TypeScript source) or a worker that fails is formatted in this thread instead.
 */
export async function formatBodyOffThread(
  raw: Uint8Array,
  contentType: string | null,
  options: OffThreadFormatOptions = {},
): Promise<FormattedBody> {
  const { workerUrl = bundledBodyWorkerUrl(), offThreadFrom = OFF_THREAD_FROM } = options;
  if (raw.length < offThreadFrom || !existsSync(fileURLToPath(workerUrl))) {
    return formatBody(raw, contentType);
  }
  return (
    (await inWorker(workerUrl, await shared(raw), contentType)) ?? formatBody(raw, contentType)
  );
}

/** Bytes copied into shared memory in one turn of the event loop (~4 ms here). */
const COPY_SLICE_BYTES = 4 * 1024 * 1024;

/** `raw` in memory the worker can read, copied a slice a turn: 50 MB at once took ~45 ms. */
async function shared(raw: Uint8Array): Promise<SharedArrayBuffer> {
  const memory = new SharedArrayBuffer(raw.length);
  const into = new Uint8Array(memory);
  for (let from = 0; from < raw.length; from += COPY_SLICE_BYTES) {
    if (from > 0) await nextTurn();
    into.set(raw.subarray(from, from + COPY_SLICE_BYTES), from);
  }
  return memory;
}

/** The formatted body, or null when the worker could not do it. */
function inWorker(
  url: URL,
  raw: SharedArrayBuffer,
  contentType: string | null,
): Promise<FormattedBody | null> {
  const request: BodyWorkerRequest = { raw, contentType };
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData: request });
    } catch {
      resolve(null);
      return;
    }
    let settled = false;
    const settle = (body: FormattedBody | null) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(body);
    };
    worker.once('message', (reply: BodyWorkerReply) => settle(reply.body));
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
  });
}
