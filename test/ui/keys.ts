import type { KeyPress } from '../../src/ui/keymap.js';

/** Key presses as Ink reports them, for reducer tests. */
export const KEY = {
  char: (input: string): [string, KeyPress] => [
    input,
    input === input.toUpperCase() && /[A-Z]/.test(input) ? { shift: true } : {},
  ],
  enter: ['', { return: true }] as [string, KeyPress],
  escape: ['', { escape: true, meta: true }] as [string, KeyPress],
  tab: ['', { tab: true }] as [string, KeyPress],
  shiftTab: ['', { tab: true, shift: true }] as [string, KeyPress],
  up: ['', { upArrow: true }] as [string, KeyPress],
  down: ['', { downArrow: true }] as [string, KeyPress],
  left: ['', { leftArrow: true }] as [string, KeyPress],
  right: ['', { rightArrow: true }] as [string, KeyPress],
  pageDown: ['', { pageDown: true }] as [string, KeyPress],
  pageUp: ['', { pageUp: true }] as [string, KeyPress],
  backspace: ['', { delete: true }] as [string, KeyPress],
  ctrlC: ['c', { ctrl: true }] as [string, KeyPress],
};

/** Raw bytes a terminal sends, for ink-testing-library's stdin. */
export const RAW = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  pageDown: '\u001B[6~',
  backspace: '\u007F',
  ctrlU: '\u0015',
};
