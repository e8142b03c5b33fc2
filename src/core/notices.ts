/**
 * Warnings from the core that are not errors ("the token cache was corrupt and was moved
 * aside"). The core cannot print; the CLI (or the TUI) listens and shows them.
 */
type NoticeListener = (message: string) => void;

const listeners = new Set<NoticeListener>();

/** Starts listening; returns the function that stops. */
export function onNotice(listener: NoticeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener (the CLI prints a warning on stderr). */
export function emitNotice(message: string): void {
  for (const listener of listeners) listener(message);
}
