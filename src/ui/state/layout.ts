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

/**
 * Two columns: profiles over endpoints on the left, request over response on the right. The
 * response gets whatever is left, since long bodies are what needs the room.
 */
export function layout(columns: number, terminalRows: number, profileCount: number): Layout {
  const rows = Math.max(MIN_ROWS, terminalRows) - 1;
  const width = Math.max(MIN_COLUMNS, columns);
  const headerRows = 2;
  const footerRows = 2;
  const body = rows - headerRows - footerRows;
  const leftWidth = Math.min(46, Math.max(30, Math.floor(width * 0.34)));
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

/** Whether the terminal is big enough to lay the screen out. */
export function fits(columns: number, rows: number): boolean {
  return columns >= MIN_COLUMNS && rows >= MIN_ROWS;
}
