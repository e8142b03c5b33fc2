/*
 * How one sendRequest call is stopped (its deadline, or the caller's AbortSignal) inside the
 * engine. An AbortController costs microseconds to make and as much again for each listener
 * (Node's EventTarget); per call that was about a sixth of a keep-alive request on loopback.
 * The engine makes one of these instead and listens on the caller's signal only when there is one.
 */

const NOTHING = () => {};

/** A one-shot cancel that the steps of a call (an exchange, a wait before a retry) listen to. */
export class Cancellation {
  private listeners: Set<() => void> | null = null;
  private done = false;

  /** Whether cancel() was called. */
  get cancelled(): boolean {
    return this.done;
  }

  /** Cancels once: every listener still registered is called, in registration order. */
  cancel(): void {
    if (this.done) return;
    this.done = true;
    const listeners = this.listeners;
    this.listeners = null;
    listeners?.forEach((listener) => listener());
  }

  /**
   * Calls `listener` when the call is cancelled (never when it already was: check `cancelled`
   * first). Returns the function that stops listening.
   */
  onCancel(listener: () => void): () => void {
    if (this.done) return NOTHING;
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** A cancellation that follows the caller's signal, if any. Returns a cleanup. */
  static following(signal: AbortSignal | undefined): {
    cancellation: Cancellation;
    stop: () => void;
  } {
    const cancellation = new Cancellation();
    if (signal === undefined) return { cancellation, stop: NOTHING };
    if (signal.aborted) {
      cancellation.cancel();
      return { cancellation, stop: NOTHING };
    }
    const onAbort = () => cancellation.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    return { cancellation, stop: () => signal.removeEventListener('abort', onAbort) };
  }
}
