/**
 * Minimal ANSI styling that honours NO_COLOR (https://no-color.org), FORCE_COLOR and
 * TERM=dumb, and colours only terminals: a pipe or a file gets plain text.
 */
export function colorEnabled(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const CODES = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  dim: [2, 22],
  bold: [1, 22],
  cyan: [36, 39],
} as const;
export type StyleName = keyof typeof CODES;

export function paint(enabled: boolean, style: StyleName, text: string): string {
  if (!enabled) return text;
  const [open, close] = CODES[style];
  return `\u001B[${open}m${text}\u001B[${close}m`;
}
