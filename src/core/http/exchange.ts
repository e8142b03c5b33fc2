/*
 * One request and its response, without redirects or retries. It talks to undici's dispatcher
 * directly (the layer undici's `request` is built on) with its own handler: the handler sees the
 * moment the request reaches a socket, the headers and every body chunk as they arrive, which is
 * what timing, progress and the body cap need, and it saves a stream per request.
 */
import type { Dispatcher } from 'undici';
import { KeyholeError } from '../errors.js';
import type { Cancellation } from './cancel.js';
import { abortedError, explainNetworkError, timeoutError } from './errors.js';
import { boundedMs, MEMORY_CEILING_BYTES, STREAM_PREVIEW_BYTES } from './limits.js';
import { redactUrl } from './redact.js';
import { awaitSocket, type ConnectionPhases } from './timing.js';
import type { ProgressEvent } from './types.js';

export interface ExchangeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface ExchangeOptions {
  readonly dispatcher: Dispatcher;
  readonly cancellation?: Cancellation;
  /** 0 waits forever. */
  readonly timeoutMs: number;
  /** Infinity for no cap. */
  readonly maxBodyBytes: number;
  /**
   * Where the body goes as it arrives, when `streamIf` says so for the response's status and
   * headers; the download pauses while the stream is full.
   */
  readonly stream?: {
    readonly to: NodeJS.WritableStream;
    readonly streamIf: (status: number, headers: Record<string, string | string[]>) => boolean;
  };
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Values that must never appear in an error message. */
  readonly secrets: readonly string[];
}

export interface ExchangeResult {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
  readonly truncated: boolean;
  readonly bodyLimitBytes: number;
  readonly streamed: boolean;
  readonly receivedBytes: number;
  /** Undefined when the request went over a reused connection. */
  readonly phases: ConnectionPhases | undefined;
  readonly firstByteMs: number;
  readonly downloadMs: number;
}

function plainHeaders(headers: Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[]> = {};
  // for…in, not Object.entries: no [name, value] pair is made for each header of each response.
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function contentLength(headers: Record<string, string | string[]>): number | null {
  const value = headers['content-length'];
  const length = typeof value === 'string' ? Number(value) : NaN;
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

/** Sends one request and collects its response; failures become KeyholeErrors. */
export function exchange(
  request: ExchangeRequest,
  options: ExchangeOptions,
): Promise<ExchangeResult> {
  const { url } = request;
  const { cancellation, onProgress } = options;
  const timeoutMs = boundedMs(options.timeoutMs);
  if (cancellation?.cancelled) return Promise.reject(abortedError(url));

  return new Promise<ExchangeResult>((resolve, reject) => {
    const started = performance.now();
    let controller: Dispatcher.DispatchController | null = null;
    let failure: Error | null = null;
    let settled = false;
    let phase: 'headers' | 'body' = 'headers';
    let phases: ConnectionPhases | undefined;
    let response: Omit<
      ExchangeResult,
      'body' | 'truncated' | 'bodyLimitBytes' | 'streamed' | 'receivedBytes' | 'downloadMs'
    >;
    let sentAt = started;
    let headersAt = 0;
    let totalBytes: number | null = null;
    let receivedBytes = 0;
    let keptBytes = 0;
    const chunks: Buffer[] = [];
    // Decided with the headers: a streamed body is written out and only its start is kept.
    let sink: NodeJS.WritableStream | null = null;
    let limit = Math.min(options.maxBodyBytes, MEMORY_CEILING_BYTES);
    // Paused while the sink is full: the silence is ours, not the server's.
    let paused = false;

    const settle = (error: Error | null, result?: ExchangeResult) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      stopListening?.();
      sink?.removeListener('error', onSinkError);
      if (error) reject(error);
      // undici hands a finished connection back to its pool only on the next setImmediate
      // (client-h1 onMessageComplete). Resolving sooner makes a caller's next request find the
      // connection busy and open another; two turns later it is free, and keep-alive works.
      else setImmediate(() => setImmediate(() => resolve(result as ExchangeResult)));
    };
    // Rejects at once; undici is told to stop, and whatever it reports afterwards is ignored.
    const giveUp = (error: Error) => {
      failure = error;
      settle(error);
      controller?.abort(error);
    };
    const onAbort = () => giveUp(abortedError(url));
    // One timer, refreshed by each chunk: a slow steady download is fine, a stall is not.
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            if (paused) timer?.refresh();
            else giveUp(timeoutError(url, timeoutMs, phase));
          }, timeoutMs)
        : undefined;
    const finish = (truncated: boolean) =>
      // Not `{ ...response, body, … }`: Node 20's V8 builds a literal that opens with a spread at
      // about a microsecond for each property after it. Object.assign does not pay that.
      settle(
        null,
        Object.assign({}, response, {
          body: Buffer.concat(chunks, keptBytes),
          truncated,
          bodyLimitBytes: limit,
          streamed: sink !== null,
          receivedBytes,
          downloadMs: performance.now() - headersAt,
        }),
      );
    const keep = (piece: Buffer) => {
      const room = sink ? STREAM_PREVIEW_BYTES - keptBytes : piece.length;
      if (room <= 0) return;
      const part = piece.length <= room ? piece : piece.subarray(0, room);
      chunks.push(part);
      keptBytes += part.length;
    };
    const onSinkError = (error: Error) =>
      giveUp(
        new KeyholeError(`could not write the response body: ${error.message}`, { cause: error }),
      );
    const stopListening = cancellation?.onCancel(onAbort);

    // A throwing progress listener is the caller's bug: report it as is, not as a network error.
    const progress = (event: ProgressEvent) => {
      if (!onProgress) return;
      try {
        onProgress(event);
      } catch (error) {
        giveUp(error instanceof Error ? error : new Error(String(error)));
      }
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        // Gave up while the request waited for a connection: stop it before it is written.
        if (failure) return ctrl.abort(failure);
        sentAt = performance.now();
        awaitSocket({ onSocket: (found) => (phases = found) });
        if (onProgress)
          progress({ type: 'sent', method: request.method, url: redactUrl(url.href) });
      },
      onResponseStart(_ctrl, statusCode, headers, statusMessage) {
        if (settled || statusCode < 200) return;
        headersAt = performance.now();
        phase = 'body';
        timer?.refresh();
        const plain = plainHeaders(headers);
        totalBytes = contentLength(plain);
        if (options.stream?.streamIf(statusCode, plain)) {
          sink = options.stream.to;
          sink.on('error', onSinkError);
          limit = options.maxBodyBytes;
        }
        response = {
          status: statusCode,
          ...(statusMessage ? { statusText: statusMessage } : {}),
          headers: plain,
          phases,
          firstByteMs: headersAt - sentAt,
        };
        if (onProgress) progress({ type: 'headers', status: statusCode });
      },
      onResponseData(ctrl, chunk) {
        if (settled) return;
        timer?.refresh();
        const room = limit - receivedBytes;
        receivedBytes += chunk.length;
        const usable = chunk.length <= room ? chunk : chunk.subarray(0, Math.max(0, room));
        keep(usable);
        if (sink && usable.length > 0 && !sink.write(usable) && !paused) {
          paused = true;
          ctrl.pause();
          sink.once('drain', () => {
            paused = false;
            timer?.refresh();
            ctrl.resume();
          });
        }
        if (onProgress) progress({ type: 'data', receivedBytes, totalBytes });
        // Past the cap nothing more is wanted: stop the download, so an endless body ends too.
        if (receivedBytes > limit && !settled) {
          finish(true);
          ctrl.abort(new Error('body cap reached'));
        }
      },
      onResponseEnd() {
        if (settled) return;
        finish(false);
      },
      onResponseError(_ctrl, error) {
        settle(explainNetworkError(error, url, options.secrets));
      },
    };

    try {
      options.dispatcher.dispatch(
        {
          origin: url.origin,
          path: url.pathname + url.search,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body ?? null,
          // Our timer decides; undici's own timeouts are only a backstop behind it.
          headersTimeout: timeoutMs > 0 ? boundedMs(timeoutMs + 1000) : 0,
          bodyTimeout: timeoutMs > 0 ? boundedMs(timeoutMs + 1000) : 0,
        },
        handler,
      );
    } catch (error) {
      settle(
        error instanceof KeyholeError ? error : explainNetworkError(error, url, options.secrets),
      );
    }
  });
}
