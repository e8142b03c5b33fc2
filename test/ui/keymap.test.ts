import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KEYMAP,
  PLACES,
  type Scope,
  commandFor,
  hintsFor,
  keymapRows,
} from '../../src/ui/keymap.js';
import { scopesOf } from '../../src/ui/state/ui-reducer.js';

/** Every key of the table as a press Ink would report, to ask each place what it means. */
const PRESSES: Record<string, [string, Record<string, boolean>]> = {
  Esc: ['', { escape: true }],
  Enter: ['', { return: true }],
  Tab: ['', { tab: true }],
  'Shift+Tab': ['', { tab: true, shift: true }],
  '↑': ['', { upArrow: true }],
  '↓': ['', { downArrow: true }],
  '←': ['', { leftArrow: true }],
  '→': ['', { rightArrow: true }],
  PgUp: ['', { pageUp: true }],
  PgDn: ['', { pageDown: true }],
  Home: ['', { home: true }],
  End: ['', { end: true }],
  Delete: ['', { delete: true }],
  Backspace: ['', { delete: true }],
  Space: [' ', {}],
};
function press(name: string): [string, Record<string, boolean>] {
  const ctrl = /^Ctrl\+(.)$/.exec(name);
  if (ctrl) return [(ctrl[1] as string).toLowerCase(), { ctrl: true }];
  return PRESSES[name] ?? [name, /^[A-Z]$/.test(name) ? { shift: true } : {}];
}
/** The commands a key has in a place: more than one is a key with two meanings there. */
function meanings(scopes: readonly Scope[], name: string): string[] {
  const [input, key] = press(name);
  const found = new Set<string>();
  for (const scope of scopes) {
    const command = commandFor([scope], input, key);
    if (command) found.add(command);
  }
  return [...found];
}

describe('the keymap', () => {
  it('binds what the brief asks for, once per scope', () => {
    const global = (key: string, extra = {}) => commandFor(['global'], key, extra);
    expect(global('p')).toBe('profiles');
    expect(global('a')).toBe('addProfile');
    expect(global('/')).toBe('findEndpoint');
    expect(global('o')).toBe('grant');
    expect(global('e')).toBe('editBody');
    expect(global('s')).toBe('send');
    expect(global('t')).toBe('token');
    expect(global('r')).toBe('refresh');
    expect(global('?')).toBe('help');
    expect(global('q')).toBe('quit');
    expect(global('', { escape: true })).toBe('cancel');
    expect(global('', { tab: true })).toBe('focusNext');
    expect(global('', { tab: true, shift: true })).toBe('focusPrev');
    expect(global('c', { ctrl: true })).toBe('quit');
    for (const scope of new Set(KEYMAP.map((b) => b.scope))) {
      const keys = KEYMAP.filter((b) => b.scope === scope).flatMap((b) => b.keys);
      expect(new Set(keys).size, `duplicate keys in ${scope}`).toBe(keys.length);
    }
  });

  it('gives every key one meaning in each panel: g/G top and bottom, o the grant picker', () => {
    const panels = ['profiles', 'endpoints', 'request', 'response'] as const;
    const twice: string[] = [];
    for (const panel of panels) {
      for (const name of new Set(KEYMAP.flatMap((b) => b.keys))) {
        const found = meanings(scopesOf(panel), name);
        if (found.length > 1) twice.push(`${name} in ${panel}: ${found.join(' and ')}`);
      }
    }
    for (const [place, scopes] of Object.entries(PLACES)) {
      for (const name of new Set(KEYMAP.flatMap((b) => b.keys))) {
        const found = meanings(scopes, name);
        if (found.length > 1) twice.push(`${name} in ${place}: ${found.join(' and ')}`);
      }
    }
    expect(twice).toEqual([]);
    for (const panel of panels) expect(meanings(scopesOf(panel), 'o')).toEqual(['grant']);
    expect(meanings(scopesOf('response'), 'g')).toEqual(['top']);
    expect(meanings(scopesOf('response'), 'G')).toEqual(['bottom']);
    expect(meanings(scopesOf('profiles'), 'g')).toEqual(['top']);
    expect(meanings(scopesOf('request'), 'G')).toEqual(['bottom']);
    expect(commandFor(scopesOf('response'), '', { pageDown: true })).toBe('pageDown');
    expect(commandFor(['list', 'global'], 'j', {})).toBe('down');
    expect(commandFor(['global'], 'j', {})).toBeNull();
  });

  it('the help says where each key works, never "anywhere"', () => {
    const rows = keymapRows();
    expect(rows.filter(([, where]) => where === 'anywhere')).toEqual([]);
    expect(rows.find(([keys]) => keys === '`o`')?.[1]).toBe(
      'any panel (not while typing or in an overlay)',
    );
    expect(
      rows.find(([keys, where]) => keys === '`g` `Home`' && where.startsWith('what scrolls')),
    ).toBeDefined();
  });

  it('gives footer hints from the same table, the focused scope first', () => {
    const hints = hintsFor(scopesOf('response'));
    expect(hints[0]).toBe('j scroll');
    expect(hints).toContain('s send');
    expect(hints).toContain('? help');
  });

  it("README's keymap table is the keymap table", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = /<!-- keymap:start -->([\s\S]*?)<!-- keymap:end -->/.exec(readme)?.[1];
    expect(
      section,
      'README has a <!-- keymap:start --> … <!-- keymap:end --> section',
    ).toBeDefined();
    const rows = (section ?? '')
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .slice(2)
      .map((line) =>
        line
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim().replace(/\\\|/g, '|')),
      );
    expect(rows).toEqual(keymapRows());
  });
});
