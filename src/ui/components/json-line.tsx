import { COLORS } from '../theme.js';
import { Text } from './text.js';

type Kind = 'key' | 'string' | 'number' | 'literal' | 'plain';

// Strings (a key when a colon follows), numbers, true/false/null; the rest stays plain.
const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/** A line of pretty-printed JSON cut into coloured pieces. Pure: only visible lines pay for it. */
export function jsonSegments(line: string): { text: string; kind: Kind }[] {
  const segments: { text: string; kind: Kind }[] = [];
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    const at = match.index;
    if (at > last) segments.push({ text: line.slice(last, at), kind: 'plain' });
    if (match[1] !== undefined) {
      segments.push({ text: match[1], kind: match[2] ? 'key' : 'string' });
      if (match[2]) segments.push({ text: match[2], kind: 'plain' });
    } else if (match[3] !== undefined) {
      segments.push({ text: match[3], kind: 'number' });
    } else {
      segments.push({ text: match[0], kind: 'literal' });
    }
    last = at + match[0].length;
  }
  if (last < line.length) segments.push({ text: line.slice(last), kind: 'plain' });
  return segments;
}

const COLOR: Record<Kind, string | undefined> = {
  key: COLORS.key,
  string: COLORS.string,
  number: COLORS.number,
  literal: COLORS.literal,
  plain: undefined,
};

/** Where a find query shows on a line, and which hit (by its column) is the current one. */
export interface LineMarks {
  readonly query: string;
  /** The column of the current hit on this line; null when it is on another line. */
  readonly current: number | null;
}

/** [start, end) of every hit of `query` in `text`, case-insensitive. */
export function hitRanges(text: string, query: string): Array<[number, number]> {
  if (query === '') return [];
  const lower = text.toLowerCase();
  // Offsets must match the text shown: a few characters change length when lower-cased.
  const haystack = lower.length === text.length ? lower : text;
  const needle = haystack === lower ? query.toLowerCase() : query;
  const ranges: Array<[number, number]> = [];
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

type Piece = { text: string; kind: Kind; hit: 'current' | 'other' | null };

/** The line's coloured pieces, cut again where hits begin and end. */
function markedPieces(text: string, json: boolean, marks: LineMarks | undefined): Piece[] {
  const segments = json ? jsonSegments(text) : [{ text, kind: 'plain' as Kind }];
  const ranges = marks ? hitRanges(text, marks.query) : [];
  if (ranges.length === 0) return segments.map((s) => ({ ...s, hit: null }));
  // The current hit is the one at its column, or the nearest after it.
  const current = marks?.current ?? null;
  const currentRange = current === null ? -1 : ranges.findIndex(([, end]) => end > current);
  const pieces: Piece[] = [];
  let offset = 0;
  for (const segment of segments) {
    let at = 0;
    while (at < segment.text.length) {
      const position = offset + at;
      const inside = ranges.findIndex(([start, end]) => start <= position && position < end);
      const next = ranges.find(([start]) => start > position)?.[0] ?? Infinity;
      const stop =
        inside >= 0
          ? Math.min((ranges[inside] as [number, number])[1], offset + segment.text.length)
          : Math.min(next, offset + segment.text.length);
      const hit = inside < 0 ? null : inside === currentRange ? 'current' : 'other';
      pieces.push({ text: segment.text.slice(at, stop - offset), kind: segment.kind, hit });
      at = stop - offset;
    }
    offset += segment.text.length;
  }
  return pieces;
}

/** One body line; JSON gets simple syntax colours, hits of a find are marked. */
export function BodyLine({
  text,
  json,
  marks,
}: {
  readonly text: string;
  readonly json: boolean;
  readonly marks?: LineMarks;
}) {
  if (!json && !marks) return <Text wrap="truncate">{text || ' '}</Text>;
  return (
    <Text wrap="truncate">
      {markedPieces(text, json, marks).map((piece, index) => (
        <Text
          key={index}
          color={json ? COLOR[piece.kind] : undefined}
          inverse={piece.hit === 'current'}
          underline={piece.hit === 'other'}
        >
          {piece.text}
        </Text>
      ))}
      {text === '' ? ' ' : ''}
    </Text>
  );
}
