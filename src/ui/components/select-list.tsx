import { Box } from 'ink';
import { COLORS } from '../theme.js';
import { Text } from './text.js';

export interface SelectListProps {
  readonly items: readonly { readonly key: string; readonly label: string }[];
  /** Index of the highlighted item; the reducer moves it. */
  readonly selected: number;
  readonly focused: boolean;
  /** Rows available; the list scrolls to keep the highlighted item in view. */
  readonly height: number;
}

/**
 * A list whose cursor lives in the reducer, not in the component: a burst of ↓ ↓ Enter is
 * applied in order to the newest state. (ink-select-input keeps the cursor in a closure and
 * picked the wrong item when Enter followed ↓ before React re-subscribed its handler.)
 */
export function SelectList({ items, selected, focused, height }: SelectListProps) {
  const rows = Math.max(1, height);
  const start = listStart(selected, rows, items.length);
  return (
    <Box flexDirection="column">
      {items.slice(start, start + rows).map((item, index) => {
        const isSelected = start + index === selected;
        return (
          <Text
            key={item.key}
            wrap="truncate"
            color={isSelected && focused ? COLORS.accent : undefined}
            bold={isSelected}
          >
            {`${isSelected ? '❯' : ' '} ${item.label}`}
          </Text>
        );
      })}
    </Box>
  );
}

/** The first item shown when `rows` of `count` fit and `selected` must be in view. */
export function listStart(selected: number, rows: number, count: number): number {
  return Math.min(Math.max(0, selected - rows + 1), Math.max(0, count - rows));
}
