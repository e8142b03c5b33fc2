import { Box } from 'ink';
import type { ReactNode } from 'react';
import { COLORS } from '../theme.js';
import { Text } from './text.js';
import { groupedNumber } from '../../core/text/grouped.js';

export interface PanelProps {
  readonly title: string;
  /** Right-aligned in the top border, e.g. "lines 1-30 of 1,425,614". */
  readonly note?: string;
  readonly width: number;
  /** Outer height, borders included. */
  readonly height: number;
  readonly focused: boolean;
  /** Rows hidden below the window: shown as "↓ 12 more" in the bottom border. */
  readonly below?: number;
  readonly children?: ReactNode;
}

/**
 * A bordered box whose title sits in the top border (Ink has no border titles, so the top line
 * is drawn by hand). The focused panel's top line is heavy and marked, which reads without
 * colour too. The border style itself never changes: Ink 6 diffs style props one by one, and a
 * changed borderStyle would bring back the top border that borderTop={false} removed. The bottom
 * line is drawn by hand too, so it can say how many rows are hidden below.
 */
export function Panel({ title, note, width, height, focused, below = 0, children }: PanelProps) {
  const [left, fill, right] = focused ? ['╭', '━', '╮'] : ['╭', '─', '╮'];
  const label = (focused ? ` ▶ ${title} ` : ` ${title} `).slice(0, Math.max(0, width - 4));
  const wanted = note ? ` ${note} ` : '';
  // A note that does not fit is left out rather than cutting off the corner.
  const noteText = width - 3 - label.length - wanted.length >= 1 ? wanted : '';
  const room = Math.max(0, width - 3 - label.length - noteText.length);
  const top = `${left}${fill}${label}${fill.repeat(room)}${noteText}${right}`;
  const more = below > 0 ? ` ↓ ${groupedNumber(below)} more ` : '';
  const moreText = width - 3 - more.length >= 1 ? more : '';
  const bottom = `╰${'─'.repeat(Math.max(0, width - 3 - moreText.length))}${moreText}─╯`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={focused ? COLORS.accent : undefined} bold={focused} wrap="truncate">
        {top}
      </Text>
      <Box
        flexDirection="column"
        borderStyle="round"
        borderTop={false}
        borderBottom={false}
        borderColor={focused ? COLORS.accent : undefined}
        width={width}
        height={height - 2}
        paddingX={1}
        overflow="hidden"
      >
        {children}
      </Box>
      <Text color={focused ? COLORS.accent : undefined} wrap="truncate">
        {bottom}
      </Text>
    </Box>
  );
}
