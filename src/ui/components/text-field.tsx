import type { TextInput } from '../state/text-input.js';
import { Text } from './text.js';

export interface TextFieldProps {
  readonly input: TextInput;
  /** Show a cursor (the field has the keyboard). */
  readonly active: boolean;
  /** Secret values are drawn as bullets: never echoed. */
  readonly masked?: boolean;
  readonly placeholder?: string;
  /** Most characters shown; the text scrolls to keep the cursor visible. */
  readonly width?: number;
}

/** One line of editable text with a block cursor. */
export function TextField({ input, active, masked, placeholder, width = 60 }: TextFieldProps) {
  const text = masked ? '•'.repeat(input.value.length) : input.value;
  if (text === '' && !active) {
    return (
      <Text dimColor wrap="truncate">
        {placeholder ?? ''}
      </Text>
    );
  }
  const start = Math.max(0, input.cursor - width + 1);
  const shown = text.slice(start, start + width);
  const cursor = input.cursor - start;
  if (!active) return <Text wrap="truncate">{shown}</Text>;
  if (input.selected && !masked) {
    // Selected, as a text box shows a value offered again: typing replaces it.
    return (
      <Text wrap="truncate">
        <Text inverse>{shown}</Text>
        <Text inverse> </Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      {shown.slice(0, cursor)}
      <Text inverse>{shown[cursor] ?? ' '}</Text>
      {shown.slice(cursor + 1)}
      {text === '' && placeholder ? <Text dimColor>{` ${placeholder}`}</Text> : null}
    </Text>
  );
}
