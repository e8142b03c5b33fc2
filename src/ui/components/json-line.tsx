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

/** One body line; JSON gets simple syntax colours. */
export function BodyLine({ text, json }: { readonly text: string; readonly json: boolean }) {
  if (!json) return <Text wrap="truncate">{text || ' '}</Text>;
  return (
    <Text wrap="truncate">
      {jsonSegments(text).map((segment, index) => (
        <Text key={index} color={COLOR[segment.kind]}>
          {segment.text}
        </Text>
      ))}
      {text === '' ? ' ' : ''}
    </Text>
  );
}
