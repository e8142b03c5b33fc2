import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

const CLEAR_SCREEN = '\u001B[2J\u001B[H';
/** Resize events come in bursts while a window is dragged; the layout follows the last one. */
const SETTLE_MS = 60;

/**
 * The terminal's size, updated on resize so the layout reflows. Streams without a size (tests)
 * report `fallback`.
 *
 * On a real change the screen is cleared just before the new layout is drawn: Ink repaints
 * relative to the cursor, and lines the terminal cut or wrapped while shrinking would otherwise
 * stay behind. A new size always changes the frame, so Ink draws it in full.
 */
export function useTerminalSize(fallback: TerminalSize = { columns: 100, rows: 30 }): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({
    columns: stdout.columns || fallback.columns,
    rows: stdout.rows || fallback.rows,
  });
  const [size, setSize] = useState(read);
  const shown = useRef(size);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const next = read();
        if (next.columns === shown.current.columns && next.rows === shown.current.rows) return;
        shown.current = next;
        if (stdout.isTTY) stdout.write(CLEAR_SCREEN);
        setSize(next);
      }, SETTLE_MS);
    };
    stdout.on('resize', onResize);
    return () => {
      clearTimeout(timer);
      stdout.off('resize', onResize);
    };
    // read() closes over stdout and the fallback only, which are fixed for the app's life.
  }, [stdout]);
  return size;
}
