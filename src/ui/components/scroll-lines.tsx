import { Box } from 'ink';
import { BodyLine } from './json-line.js';
import { groupedNumber } from '../../core/text/grouped.js';

export interface ScrollLinesProps {
  /** The line at an index, already cut to the width and safe to print. */
  readonly lineAt: (index: number) => string;
  readonly count: number;
  readonly offset: number;
  readonly height: number;
  readonly json?: boolean;
  /** A find's query and its current hit: marked in the lines shown. */
  readonly find?: { readonly query: string; readonly line: number; readonly column: number } | null;
}

/**
 * A window onto many lines: only `height` lines from `offset` are ever rendered, so a body of
 * 1.4 million lines costs the same as one of forty.
 */
export function ScrollLines({
  lineAt,
  count,
  offset,
  height,
  json = false,
  find = null,
}: ScrollLinesProps) {
  const start = Math.min(offset, Math.max(0, count - height));
  const lines: string[] = [];
  for (let index = start; index < Math.min(count, start + height); index += 1)
    lines.push(lineAt(index));
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((line, index) => (
        <BodyLine
          key={start + index}
          text={line}
          json={json}
          {...(find
            ? {
                marks: {
                  query: find.query,
                  current: find.line === start + index ? find.column : null,
                },
              }
            : {})}
        />
      ))}
    </Box>
  );
}

/** `lines 1-17 of 1,425,614` for a panel's border. */
export function windowNote(offset: number, height: number, count: number): string {
  if (count === 0) return '';
  const start = Math.min(offset, Math.max(0, count - height));
  const end = Math.min(count, start + height);
  return `lines ${groupedNumber(start + 1)}-${groupedNumber(end)} of ${groupedNumber(count)}`;
}

/** How many of `count` lines lie below a window of `height` from `offset` (clamped as shown). */
export function hiddenBelow(offset: number, height: number, count: number): number {
  const start = Math.min(offset, Math.max(0, count - height));
  return Math.max(0, count - start - height);
}
