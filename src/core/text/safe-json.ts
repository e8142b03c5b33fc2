/*
 * JSON.stringify escapes C0 controls but writes DEL, the C1 controls (U+0080-U+009F, which
 * some terminals act on: U+009B is CSI, U+009D is OSC), the line separators and the bidi
 * controls as they are. `keyhole … --json | cat` or `cat history/x.jsonl` would hand them to a
 * terminal. Escaped, they are still the same JSON string to any parser.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify whose output holds no character a terminal acts on: DEL, C1 controls,
 * U+2028/U+2029 and bidi controls are written as \u escapes. Every --json output and every
 * history line is serialized with it. The escaped characters can only occur inside JSON
 * strings, so replacing them in the serialized text changes no structure.
 */
export function toSafeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  // JSON.stringify(undefined) is undefined; callers print or store what they get.
  if (text === undefined) return 'null';
  return text.replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
