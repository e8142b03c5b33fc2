import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/*
 * A full garbage collection, asked for at the one moment it pays: when a big spec has just become
 * text and its bytes are let go. V8 frees the memory behind Buffers and large strings only when it
 * next collects, and before the parse nothing makes it: Graph beta's 47 MB of bytes, and the
 * pieces its text was made of, stayed through the parse and the index, 342 MB at the peak. Node
 * exposes `gc` only with --expose-gc; set now, the flag gives it to contexts made afterwards,
 * and the function it gives collects the whole process's heap.
 */

let collect: (() => void) | null | undefined;

/**
 * Specs (bytes or characters of text) from this size on are worth a collection at each step of
 * their parse: ~10 ms while the heap is small, ~50–100 ms with a big document alive.
 */
export const COLLECT_FROM_SIZE = 16 * 1024 * 1024;

/** Collects garbage now when the runtime allows it; otherwise does nothing. */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
