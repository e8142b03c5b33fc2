import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CatalogOperation } from '../catalog/index.js';
import type { CallRequest, CallResult } from '../call/execute.js';
import { KeyholeError } from '../errors.js';
import type { CallOutcome } from '../history/index.js';
import { redactUrl } from '../http/redact.js';
import type { ProgressEvent, SendOptions } from '../http/types.js';
import type { Interaction, TokenService } from '../tokens/service.js';
import type { OffThreadFormatOptions } from './format-off-thread.js';
import { responseView } from './response-view.js';
import type { ResponseState, ResponseView, SessionProfile } from './types.js';

/**
 * Goes on once the event loop has fired its timers and read its input. Awaiting setImmediate
 * alone is not enough after a frame drawn for an I/O event (a worker's message, a socket): it
 * runs right after that, before any key is read.
 */
const breather = () =>
  new Promise<void>((resolve) => setTimeout(() => nextTurn().then(resolve), 0));

/**
 * The engine that sends (undici and keyhole's HTTP code, half a megabyte), loaded with the first
 * call: the TUI draws its first frame without it.
 */
const loadEngine = () => import('../call/execute.js');

/** 429s of GET requests are waited out briefly; anything longer is shown to the user. */
const RETRY_429 = { maxWaitMs: 10_000, maxRetries: 2 };

/** Limits of a session's calls; absent ones are the engine's defaults. */
export type CallLimits = Pick<SendOptions, 'maxBodyBytes' | 'deadlineMs'>;

/** One call to make, with everything it needs from the session. */
export interface CallInput {
  readonly entry: SessionProfile;
  readonly request: CallRequest;
  /** The URL as shown while sending (already joined with the base URL). */
  readonly url: string;
  readonly tokens: TokenService;
  readonly interaction: (signal: AbortSignal) => Interaction;
  readonly operation: CatalogOperation | null;
  /** Same-tenant profiles with a user, named in a "no user context" explanation. */
  readonly profilesWithUser: () => string[];
  /** Told how the call ended (not when cancelled), e.g. to keep it in the history. */
  readonly settled?: (outcome: CallOutcome) => Promise<void> | void;
}

/**
 * The response side of the session: one call at a time, its live progress (published a few
 * times a second, however many chunks arrive), cancellation, and the finished view. A failure
 * of any kind becomes an `error` state, never an exception.
 */
export class CallTracker {
  private current: ResponseState = { status: 'idle' };
  private inFlight: AbortController | null = null;
  private timer: NodeJS.Timeout | null = null;
  private finished = 0;

  constructor(
    private readonly changed: () => void,
    private readonly progressIntervalMs = 100,
    private readonly limits: CallLimits = {},
    /** Where big bodies are formatted (tests name the built worker). */
    private readonly format: OffThreadFormatOptions = {},
  ) {}

  get state(): ResponseState {
    return this.current;
  }

  get sending(): boolean {
    return this.inFlight !== null;
  }

  /** Sends; resolves with the result (null when it failed or was cancelled). */
  async run(input: CallInput): Promise<CallResult | null> {
    if (this.inFlight) return null;
    const controller = new AbortController();
    this.inFlight = controller;
    const method = input.request.method.toUpperCase();
    const url = redactUrl(input.url);
    this.set({
      status: 'sending',
      method,
      url,
      startedAt: Date.now(),
      phase: 'token',
      httpStatus: null,
      receivedBytes: 0,
      totalBytes: null,
      retryReason: null,
    });
    const { operation } = input;
    const at = new Date();
    let shown: ResponseView | null = null;
    try {
      const { executeCall } = await loadEngine();
      const result = await executeCall(
        input.entry.profile,
        input.request,
        input.tokens,
        input.interaction(controller.signal),
        {
          ...this.limits,
          signal: controller.signal,
          onProgress: (event) => this.progress(event),
          operation: operation && {
            security: operation.security,
            userLevels: operation.userLevels,
          },
          retryOn429: method === 'GET' ? RETRY_429 : undefined,
        },
      );
      // Each step below in a turn of its own (the scrub's last slice, the "formatting" frame, the
      // hand-over to the worker), so keys and repaints get in between.
      await breather();
      this.patch({ phase: 'formatting' });
      await breather();
      const view = responseView(input.entry.profile.name, result, input.profilesWithUser());
      shown = view;
      this.finished += 1;
      const number = this.finished;
      // A newer call may be on screen by then: only this call's own response is shown again.
      const show = () => {
        const ours = this.current.status === 'done' && this.current.view === view;
        if (this.inFlight === controller || ours) this.set({ status: 'done', view, number });
      };
      // The response is on screen: from here a new send is welcome, even while its body is laid
      // out or the history written (a key pressed then was once dropped without a word).
      const onScreen = () => {
        show();
        this.release(controller);
      };
      // A big body is laid out in a worker, its first screen shown at once: keys and repaints go
      // on meanwhile. Esc no longer cancels here: the call is over, its response shown and kept.
      await view.body.prepareOffThread(this.format, onScreen);
      onScreen();
      // The history entry (its body redacted) in a later turn: the body's frame goes out first.
      await breather();
      await input.settled?.({ result, at });
      return result;
    } catch (error) {
      const cancelled = controller.signal.aborted;
      if (!cancelled) await input.settled?.({ error, at });
      // Its response was on screen and a newer call may be now: that one is left alone.
      const ours =
        this.inFlight === controller ||
        (this.current.status === 'done' && this.current.view === shown);
      if (!ours) return null;
      this.set({
        status: 'error',
        method,
        url,
        message: cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error),
        hint: cancelled ? null : error instanceof KeyholeError ? (error.hint ?? null) : null,
      });
      return null;
    } finally {
      this.release(controller);
    }
  }

  /** Ends `controller`'s call, unless a newer call is already in flight. */
  private release(controller: AbortController): void {
    if (this.inFlight !== controller) return;
    this.inFlight = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stops the call in flight; false when there is none (or its response is being laid out). */
  cancel(): boolean {
    if (this.current.status === 'sending' && this.current.phase === 'formatting') return false;
    this.inFlight?.abort();
    return this.inFlight !== null;
  }

  private progress(event: ProgressEvent): void {
    if (event.type === 'data') {
      this.patch(
        { phase: 'body', receivedBytes: event.receivedBytes, totalBytes: event.totalBytes },
        false,
      );
      // A 20 MB body arrives in hundreds of chunks; the screen needs a few frames a second.
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.changed();
      }, this.progressIntervalMs);
    } else if (event.type === 'sent') {
      this.patch({ phase: 'sent' });
    } else if (event.type === 'headers') {
      this.patch({ phase: 'headers', httpStatus: event.status });
    } else if (event.type === 'retry') {
      this.patch({ phase: 'retry', retryReason: event.reason });
    }
  }

  private patch(
    change: Partial<Extract<ResponseState, { status: 'sending' }>>,
    publish = true,
  ): void {
    if (this.current.status !== 'sending') return;
    this.current = { ...this.current, ...change };
    if (publish) this.changed();
  }

  private set(state: ResponseState): void {
    this.current = state;
    this.changed();
  }
}
