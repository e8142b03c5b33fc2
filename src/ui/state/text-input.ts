import { type KeyPress, commandFor, isText } from '../keymap.js';

/** A line being typed: its text and where the cursor stands. */
export interface TextInput {
  readonly value: string;
  readonly cursor: number;
  /**
   * The whole value is selected (a last query offered again): typing replaces it, Backspace
   * clears it, a cursor key keeps it and ends the selection.
   */
  readonly selected?: boolean;
}

export function textInput(value = ''): TextInput {
  return { value, cursor: value.length };
}

/**
 * One key applied to a line of text: the editing keys are the keymap's `text` scope; printable
 * input (a paste arrives as one string) is inserted. Returns the same object for keys it does
 * not handle, so callers can tell.
 */
/** A line whose whole value is selected, so typing replaces it and Enter keeps it. */
export function selectedInput(value: string): TextInput {
  return value === '' ? textInput('') : { value, cursor: value.length, selected: true };
}

export function editText(state: TextInput, input: string, key: KeyPress): TextInput {
  if (state.selected) {
    const command = commandFor(['text'], input, key);
    if (command === 'deleteBack' || command === 'clearLine' || command === 'deleteWord') {
      return textInput('');
    }
    if (command === null && isText(input, key)) return textInput(input);
    if (command !== null) return editText({ value: state.value, cursor: state.cursor }, input, key);
    return state;
  }
  const { value, cursor } = state;
  switch (commandFor(['text'], input, key)) {
    case 'deleteBack':
      if (cursor === 0) return state;
      return { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'cursorLeft':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'cursorRight':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'lineStart':
      return { value, cursor: 0 };
    case 'lineEnd':
      return { value, cursor: value.length };
    case 'clearLine':
      return { value: value.slice(cursor), cursor: 0 };
    case 'deleteWord': {
      const start = value.slice(0, cursor).replace(/\S*\s*$/, '').length;
      return { value: value.slice(0, start) + value.slice(cursor), cursor: start };
    }
    default:
      break;
  }
  if (!isText(input, key)) return state;
  const text = input;
  return {
    value: value.slice(0, cursor) + text + value.slice(cursor),
    cursor: cursor + text.length,
  };
}
