import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYMAP, commandFor, hintsFor, keymapRows } from '../../src/ui/keymap.js';

describe('the keymap', () => {
  it('binds what the brief asks for, once per scope', () => {
    const global = (key: string, extra = {}) => commandFor(['global'], key, extra);
    expect(global('p')).toBe('profiles');
    expect(global('a')).toBe('addProfile');
    expect(global('/')).toBe('findEndpoint');
    expect(global('g')).toBe('grant');
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

  it('asks the focused panel first: g is "top" in the response panel, the grant elsewhere', () => {
    expect(commandFor(['response', 'global'], 'g', {})).toBe('top');
    expect(commandFor(['request', 'global'], 'g', {})).toBe('grant');
    expect(commandFor(['response', 'global'], 'G', { shift: true })).toBe('bottom');
    expect(commandFor(['response', 'global'], '', { pageDown: true })).toBe('pageDown');
    expect(commandFor(['list', 'global'], 'j', {})).toBe('down');
    expect(commandFor(['global'], 'j', {})).toBeNull();
  });

  it('gives footer hints from the same table, the focused scope first', () => {
    const hints = hintsFor(['response', 'global']);
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
