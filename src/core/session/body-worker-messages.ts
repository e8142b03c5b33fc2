import type { FormattedBody } from './body-format.js';

/** What the body worker is started with (its workerData). */
export interface BodyWorkerRequest {
  /** The raw body, shared with the worker rather than copied into it. */
  readonly raw: SharedArrayBuffer;
  readonly contentType: string | null;
}

/** The worker's one message: the formatted body, its buffers transferred. */
export interface BodyWorkerReply {
  readonly body: FormattedBody;
}
