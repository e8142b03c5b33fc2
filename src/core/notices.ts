/**
 * Warnings from the core that are not errors ("the token cache was corrupt and was moved
 * aside"). The core cannot print; the CLI (or the TUI) listens and shows them.
 */
type NoticeListener = (message: string) => void;

const listeners = new Set<NoticeListener>();
const claims: NoticeListener[] = [];

/** Starts listening; returns the function that stops. */
export function onNotice(listener: NoticeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Takes the notices for `listener` alone until the returned function is called: the TUI shows
 * them in its status line, where a warning printed on stderr would tear the screen.
 */
export function claimNotices(listener: NoticeListener): () => void {
  claims.push(listener);
  return () => {
    const at = claims.lastIndexOf(listener);
    if (at >= 0) claims.splice(at, 1);
  };
}

/** Tells the latest claimer, or else every listener (the CLI prints a warning on stderr). */
export function emitNotice(message: string): void {
  const claimer = claims.at(-1);
  if (claimer) return claimer(message);
  for (const listener of listeners) listener(message);
}
