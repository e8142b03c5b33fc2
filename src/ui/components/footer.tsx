import { Box } from 'ink';
import type { Notice } from '../../core/session/index.js';
import { hintsFor, keyOf, type Scope } from '../keymap.js';
import { cutEnd } from '../state/cut.js';
import { fitHints } from '../state/footer-hints.js';
import { COLORS } from '../theme.js';
import { Text } from './text.js';

export interface FooterProps {
  readonly notice: Notice | null;
  /** Whose hints to show, the focused panel's first. */
  readonly scopes: readonly Scope[];
  /** Overrides the hints (while typing, in a dialog). */
  readonly hint?: string;
  /** Put before the hints: what Enter does in the focused list. */
  readonly lead?: string;
  /** The focused panel's name, put before its own keys so the footer says where they work. */
  readonly where?: string;
  readonly width: number;
}

/** A notice's mark and colour: an import with warnings worked, so it is no red ✗. */
const NOTICE_STYLE: Record<Notice['kind'], { mark: string; color: string }> = {
  info: { mark: '✓', color: COLORS.ok },
  warning: { mark: '⚠', color: COLORS.warn },
  error: { mark: '✗', color: COLORS.danger },
};

/** The last notice, then the keys that work here (as many as fit), generated from the keymap. */
export function Footer({ notice, scopes, hint, lead, where, width }: FooterProps) {
  const own = [...(lead ? [lead] : []), ...hintsFor(scopes.filter((s) => s !== 'global'))];
  const everywhere = scopes.includes('global') ? hintsFor(['global']) : [];
  const help = everywhere.find((entry) => entry.startsWith(`${keyOf('help')} `));
  const hints =
    hint !== undefined
      ? cutEnd(hint, width)
      : fitHints(
          { own, everywhere, ...(where ? { where } : {}), ...(help ? { help } : {}) },
          width,
        );
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" color={NOTICE_STYLE[notice?.kind ?? 'info'].color}>
        {notice
          ? `${NOTICE_STYLE[notice.kind].mark} ${notice.text}${notice.hint ? ` ${notice.hint}` : ''}`
          : ' '}
      </Text>
      <Text wrap="truncate" dimColor>
        {hints}
      </Text>
    </Box>
  );
}
