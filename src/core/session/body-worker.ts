/*
 * The entry of the body worker thread (bundled as dist/body-worker.js; started by
 * format-off-thread.ts). It formats one response body here, so pretty-printing 20 MB never
 * blocks the TUI's event loop, and hands the text and its line index back without a copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { formatBody } from './body-format.js';
import type { BodyWorkerReply, BodyWorkerRequest } from './body-worker-messages.js';

if (!parentPort) throw new Error('body-worker runs as a worker thread (see format-off-thread.ts)');
const request = workerData as BodyWorkerRequest;
const body = formatBody(new Uint8Array(request.raw), request.contentType);
const reply: BodyWorkerReply = { body };
parentPort.postMessage(reply, [
  body.bytes.buffer as ArrayBuffer,
  body.starts.buffer as ArrayBuffer,
]);
parentPort.close();
