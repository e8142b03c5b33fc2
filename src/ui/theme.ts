import { VERDICT_MARKS, type Verdict } from '../core/access/index.js';

/*
 * Colours say the same as the text beside them, never more: every badge has brackets, every mark
 * a glyph, the focused panel a double border. With NO_COLOR the launcher sets FORCE_COLOR=0
 * before Ink (chalk) loads, so nothing is coloured and nothing is lost.
 */

export const COLORS = {
  accent: 'cyan',
  danger: 'red',
  warn: 'yellow',
  ok: 'green',
  muted: 'gray',
  key: 'cyan',
  string: 'green',
  number: 'yellow',
  literal: 'magenta',
} as const;

/** The one mark per verdict, from the core (the CLI writes the same). */
export const VERDICT_MARK: Readonly<Record<Verdict, string>> = VERDICT_MARKS;
export const VERDICT_COLOR: Record<Verdict, string> = {
  allowed: COLORS.ok,
  denied: COLORS.danger,
  unknown: COLORS.warn,
};

/** The colour of an HTTP status: 2xx green, 3xx cyan, 4xx yellow (401/403 red), 5xx red. */
export function statusColor(status: number): string {
  if (status >= 500 || status === 401 || status === 403) return COLORS.danger;
  if (status >= 400) return COLORS.warn;
  if (status >= 300) return COLORS.accent;
  return COLORS.ok;
}
