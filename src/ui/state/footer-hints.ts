import { cutEnd } from './cut.js';

/** The hints the footer could show, most useful first within each group. */
export interface FooterHints {
  /** The focused panel's name, put before its own keys. */
  readonly where?: string;
  /** Keys of the focused panel (and what Enter does there). */
  readonly own: readonly string[];
  /** Keys that work anywhere; `help` is kept whatever else is left out. */
  readonly everywhere: readonly string[];
  /** The hint that lists every other key (`? help`). */
  readonly help?: string;
}

const SEPARATOR = ' · ';
const GROUPS = ' │ ';

/**
 * The footer line at any width: whole hints only (never half of one), the focused panel's keys
 * first, then the keys that work anywhere, in the keymap's order. The help hint always stays, and
 * an ellipsis before it says that it lists keys the footer had no room for.
 */
export function fitHints(hints: FooterHints, width: number): string {
  const help = hints.help && hints.everywhere.includes(hints.help) ? hints.help : undefined;
  const everywhere = hints.everywhere.filter((hint) => hint !== help);
  const prefix = hints.where ? `${hints.where}: ` : '';
  const render = (own: readonly string[], anywhere: readonly string[], cut: boolean) => {
    const tail = [...anywhere, ...(help ? [cut ? `… ${help}` : help] : [])];
    const groups = [own.join(SEPARATOR), tail.join(SEPARATOR)].filter((group) => group !== '');
    const line = `${prefix}${groups.join(GROUPS)}`;
    return cut && !help ? `${line} …` : line;
  };
  const ownKept: string[] = [];
  const everywhereKept: string[] = [];
  let cut = false;
  for (const [hint, kept] of [
    ...hints.own.map((hint) => [hint, ownKept] as const),
    ...everywhere.map((hint) => [hint, everywhereKept] as const),
  ]) {
    kept.push(hint);
    if (render(ownKept, everywhereKept, true).length > width) {
      kept.pop();
      cut = true;
    }
  }
  return cutEnd(render(ownKept, everywhereKept, cut), width);
}
