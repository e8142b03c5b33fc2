/**
 * Polls an Ink frame until `predicate` holds. React 19 schedules updates, so a frame never
 * changes synchronously after stdin.write: each round yields to the event loop (setImmediate,
 * then a zero timer) and reads the frame again. No fixed sleeps: fast when the machine is, and
 * patient when it is busy. Fails with the last frame, which is what one needs to see.
 */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  timeoutMs = 10_000,
  what = 'the expected frame',
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frame:\n${frame}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Shorthand: wait until the frame contains every one of `texts`. */
export function waitForText(
  lastFrame: () => string | undefined,
  texts: string | readonly string[],
  timeoutMs?: number,
): Promise<string> {
  const wanted = typeof texts === 'string' ? [texts] : texts;
  return waitForFrame(
    lastFrame,
    (frame) => wanted.every((text) => frame.includes(text)),
    timeoutMs,
    wanted.map((text) => JSON.stringify(text)).join(' and '),
  );
}
