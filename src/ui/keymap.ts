import { type Binding, type Command, KEYMAP, SCOPE_TITLES, type Scope } from './keymap-table.js';

export {
  type Binding,
  type Command,
  KEYMAP,
  PLACES,
  SCOPE_TITLES,
  type Scope,
} from './keymap-table.js';

/** The parts of Ink's key object the matcher reads. */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly meta?: boolean;
}

type Matcher = (input: string, key: KeyPress) => boolean;

const NAMED: Record<string, Matcher> = {
  Esc: (_, key) => key.escape === true,
  Enter: (_, key) => key.return === true,
  Tab: (_, key) => key.tab === true && key.shift !== true,
  'Shift+Tab': (_, key) => key.tab === true && key.shift === true,
  '↑': (_, key) => key.upArrow === true,
  '↓': (_, key) => key.downArrow === true,
  '←': (_, key) => key.leftArrow === true,
  '→': (_, key) => key.rightArrow === true,
  PgUp: (_, key) => key.pageUp === true,
  PgDn: (_, key) => key.pageDown === true,
  Home: (_, key) => key.home === true,
  End: (_, key) => key.end === true,
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`: both keys delete.
  Delete: (_, key) => key.delete === true || key.backspace === true,
  Backspace: (_, key) => key.delete === true || key.backspace === true,
  Space: (input) => input === ' ',
};

function matcher(name: string): Matcher {
  const named = NAMED[name];
  if (named) return named;
  const ctrl = /^Ctrl\+(.)$/.exec(name);
  if (ctrl) {
    const letter = (ctrl[1] as string).toLowerCase();
    return (input, key) => key.ctrl === true && input === letter;
  }
  return (input, key) => input === name && key.ctrl !== true && key.meta !== true;
}

const COMPILED = KEYMAP.map((binding) => ({ binding, matches: binding.keys.map(matcher) }));

/** Whether the key is one of the binding's keys. */
export function matches(binding: Binding, input: string, key: KeyPress): boolean {
  const compiled = COMPILED.find((entry) => entry.binding === binding);
  return compiled?.matches.some((match) => match(input, key)) ?? false;
}

/** What the key means in the first of `scopes` that binds it; null when nothing does. */
export function commandFor(scopes: readonly Scope[], input: string, key: KeyPress): Command | null {
  for (const scope of scopes) {
    for (const entry of COMPILED) {
      if (entry.binding.scope !== scope) continue;
      if (entry.matches.some((match) => match(input, key))) return entry.binding.command;
    }
  }
  return null;
}

/** Whether the key press is text to insert (printable, no modifier) rather than a command. */
export function isText(input: string, key: KeyPress): boolean {
  // Ink hands Enter over as "\r" and Tab as "\t": control characters are never text.
  // eslint-disable-next-line no-control-regex -- telling control characters apart is the point
  return /^[^\u0000-\u001F\u007F]+$/.test(input) && key.ctrl !== true && key.meta !== true;
}

/** Whether this key press means `command` in any scope (Ctrl+C, Esc, Enter in dialogs). */
export function isKey(
  command: Command,
  input: string,
  key: KeyPress,
  scope: Scope = 'global',
): boolean {
  return commandFor([scope], input, key) === command;
}

/** The first key bound to `command` in `scope`, as shown to people (for messages that name it). */
export function keyOf(command: Command, scope: Scope = 'global'): string {
  const binding = KEYMAP.find((b) => b.command === command && b.scope === scope);
  return binding?.keys[0] ?? '';
}

/** Footer hints for the scopes, the focused panel's first: `s send`, `G bottom`. */
export function hintsFor(scopes: readonly Scope[]): string[] {
  const seen = new Set<Command>();
  const hints: string[] = [];
  for (const scope of scopes) {
    for (const binding of KEYMAP) {
      if (binding.scope !== scope || !binding.hint || seen.has(binding.command)) continue;
      seen.add(binding.command);
      hints.push(`${binding.keys[0]} ${binding.hint}`);
    }
  }
  return hints;
}

/** The keymap as table rows (keys, where, what), for the help overlay and README. */
export function keymapRows(): [string, string, string][] {
  return KEYMAP.map((binding) => [
    binding.keys.map((key) => `\`${key}\``).join(' '),
    SCOPE_TITLES[binding.scope],
    binding.help,
  ]);
}
