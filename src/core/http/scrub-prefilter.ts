/*
 * Scrubbing a 20 MB body took ~0.7 s here, nearly all of it the fragment pass calling back for
 * each of its ~2 million words, and it ran on the TUI's thread as the response arrived. Almost
 * every body holds no secret at all, which this proves in one sampled pass over the bytes
 * (~70 ms for 20 MB here, which scrubBufferInTurns spreads over turns of the event loop), so the
 * full scrub runs only on a body that may hold one.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** 1 for a byte a token (scrub.ts's WORD) can hold, dots included. */
const IN_RUN = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~+/-.') {
  IN_RUN[char.charCodeAt(0)] = 1;
}

const BASE = 0x01000193;

/** The hash of body[start, start + length), as the rolling hash in windowHit computes it. */
function hashOf(bytes: Uint8Array, start: number, length: number): number {
  let hash = 0;
  for (let k = start; k < start + length; k += 1) {
    hash = (Math.imul(hash, BASE) + (bytes[k] as number)) | 0;
  }
  return hash;
}

/** Whether some `length`-byte window of body[start, end) hashes as one of `windows`. */
function windowHit(
  body: Uint8Array,
  start: number,
  end: number,
  windows: ReadonlySet<number>,
  length: number,
  power: number,
): boolean {
  let hash = hashOf(body, start, length);
  if (windows.has(hash)) return true;
  for (let k = start + length; k < end; k += 1) {
    const gone = Math.imul(body[k - length] as number, power);
    hash = (Math.imul((hash - gone) | 0, BASE) + (body[k] as number)) | 0;
    if (windows.has(hash)) return true;
  }
  return false;
}

/**
 * False only when `body` certainly holds nothing scrubSecrets would cut for these secrets (each
 * given as its bytes, as scrubBuffer matches them): no secret whole, and no run of token bytes
 * holding `fragment` bytes in a row of a secret, which every fragment scrubSecrets cuts (a word
 * inside a secret, its first or last `fragment` characters) does. True may be a false alarm.
 *
 * A secret of `fragment` token bytes or more can only be inside such a run; a shorter one, or
 * one with other bytes, is looked for as it is. Runs are found by looking at every
 * `fragment`-th byte: a run that long always covers one of them.
 */
export function mayHoldSecret(
  body: Uint8Array,
  secrets: readonly Buffer[],
  fragment: number,
): boolean {
  const scan = runScan(body, secrets, fragment);
  return typeof scan === 'boolean' ? scan : scan(body.length);
}

/**
 * {@link mayHoldSecret} a slice of `sliceBytes` at a time, each in a turn of the event loop of
 * its own: a 50 MB body is ~0.2 s of this, which the TUI spends repainting between slices.
 */
export async function mayHoldSecretInTurns(
  body: Uint8Array,
  secrets: readonly Buffer[],
  fragment: number,
  sliceBytes: number,
): Promise<boolean> {
  const scan = runScan(body, secrets, fragment);
  if (typeof scan === 'boolean') return scan;
  for (let from = 0; from < body.length; from += sliceBytes) {
    if (from > 0) await nextTurn();
    if (scan(Math.min(body.length, from + sliceBytes))) return true;
  }
  return false;
}

/**
 * The answer when the secrets alone give it (one is in the body as it is: true; none can be in
 * a run: false), else the scan for runs: each call goes on from where the last one stopped, up
 * to `to`, so the slices look at the very bytes one pass would.
 */
function runScan(
  body: Uint8Array,
  secrets: readonly Buffer[],
  fragment: number,
): boolean | ((to: number) => boolean) {
  const view = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const windows = new Set<number>();
  for (const secret of secrets) {
    if (secret.length < fragment || secret.some((byte) => IN_RUN[byte] === 0)) {
      if (view.includes(secret)) return true;
    }
    for (let start = 0; start + fragment <= secret.length; start += 1) {
      windows.add(hashOf(secret, start, fragment));
    }
  }
  if (windows.size === 0) return false;
  let power = 1;
  for (let k = 1; k < fragment; k += 1) power = Math.imul(power, BASE);
  const n = body.length;
  let at = fragment - 1;
  return (to) => {
    // The loop runs on a local, kept between calls in `at`.
    let i = at;
    let found = false;
    while (i < to) {
      if (IN_RUN[body[i] as number] === 0) {
        i += fragment;
        continue;
      }
      let start = i;
      while (start > 0 && IN_RUN[body[start - 1] as number] === 1) start -= 1;
      let end = i + 1;
      while (end < n && IN_RUN[body[end] as number] === 1) end += 1;
      if (end - start >= fragment && windowHit(body, start, end, windows, fragment, power)) {
        found = true;
        break;
      }
      // The next run that long covers this byte or one after it.
      i = end + fragment;
    }
    at = i;
    return found;
  };
}
