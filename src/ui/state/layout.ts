/** The smallest terminal the TUI lays out in; below it, it asks for more room. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

/** Sizes of the screen's parts, in terminal cells. Panel heights include their borders. */
export interface Layout {
  readonly columns: number;
  /** Rows drawn: one less than the terminal, so Ink never clears the screen on each frame. */
  readonly rows: number;
  readonly headerRows: number;
  readonly footerRows: number;
  readonly leftWidth: number;
  readonly rightWidth: number;
  readonly profilesHeight: number;
  readonly endpointsHeight: number;
  readonly requestHeight: number;
  readonly responseHeight: number;
}

/** Columns an endpoint row takes besides its path: borders, padding, marks and the method. */
export const ENDPOINT_ROW_EXTRA = 14;
/** The right column never gets narrower than this for long paths on the left. */
const MIN_RIGHT_WIDTH = 66;

/**
 * Two columns: profiles over endpoints on the left, request over response on the right. The
 * response gets whatever is left, since long bodies are what needs the room. When the catalog's
 * paths are long (`pathWidth`, see `pathColumns`), the left column widens for them, up to 45% of
 * a wide terminal.
 */
export function layout(
  columns: number,
  terminalRows: number,
  profileCount: number,
  pathWidth = 0,
): Layout {
  const rows = Math.max(MIN_ROWS, terminalRows) - 1;
  const width = Math.max(MIN_COLUMNS, columns);
  const headerRows = 2;
  const footerRows = 2;
  const body = rows - headerRows - footerRows;
  const base = Math.min(46, Math.max(30, Math.floor(width * 0.34)));
  const widest = Math.min(Math.floor(width * 0.45), width - MIN_RIGHT_WIDTH);
  const leftWidth = Math.max(base, Math.min(widest, pathWidth + ENDPOINT_ROW_EXTRA));
  const profilesHeight = Math.min(profileCount + 2, Math.max(4, Math.floor(body * 0.35)));
  const requestHeight = Math.min(14, Math.max(8, Math.floor(body * 0.36)));
  const responseHeight = body - requestHeight;
  return {
    columns: width,
    rows,
    headerRows,
    footerRows,
    leftWidth,
    rightWidth: width - leftWidth,
    profilesHeight,
    endpointsHeight: body - profilesHeight,
    requestHeight,
    responseHeight,
  };
}

/**
 * The columns a catalog's paths want: long enough for nine in ten of them, so that one very long
 * path does not take the room from everything else.
 */
export function pathColumns(paths: readonly string[]): number {
  if (paths.length === 0) return 0;
  const lengths = paths.map((path) => path.length).sort((a, b) => a - b);
  return lengths[Math.floor((lengths.length - 1) * 0.9)]!;
}

/** Whether the terminal is big enough to lay the screen out. */
export function fits(columns: number, rows: number): boolean {
  return columns >= MIN_COLUMNS && rows >= MIN_ROWS;
}
