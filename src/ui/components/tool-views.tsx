import { Box } from 'ink';
import type { SessionSnapshot } from '../../core/session/index.js';
import type { CurlLines } from '../state/curl-lines.js';
import type { Overlay } from '../state/ui-state.js';
import { type ViewLine, historyLine } from '../state/view-lines.js';
import { COLORS } from '../theme.js';
import { Panel } from './panel.js';
import { hiddenBelow, windowNote } from './scroll-lines.js';
import { Text } from './text.js';

interface Frame {
  readonly width: number;
  readonly height: number;
}

/** Lines from `offset`, as many as fit: only those are rendered. */
function Lines({
  lines,
  offset,
  height,
}: {
  readonly lines: readonly ViewLine[];
  readonly offset: number;
  readonly height: number;
}) {
  const start = Math.min(offset, Math.max(0, lines.length - height));
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(start, start + height).map((line, index) => (
        <Text key={start + index} wrap="truncate">
          {line.length === 0
            ? ' '
            : line.map((segment, at) => (
                <Text key={at} color={segment.color} bold={segment.bold} dimColor={segment.dim}>
                  {segment.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}

/** The compare or matrix view: a window onto its lines. */
export function LinesView({
  title,
  lines,
  offset,
  hint,
  width,
  height,
}: Frame & {
  readonly title: string;
  readonly lines: readonly ViewLine[];
  readonly offset: number;
  readonly hint: string;
}) {
  const page = Math.max(1, height - 3);
  return (
    <Panel
      title={title}
      note={windowNote(offset, page, lines.length)}
      below={hiddenBelow(offset, page, lines.length)}
      width={width}
      height={height}
      focused
    >
      <Lines lines={lines} offset={offset} height={page} />
      <Text dimColor wrap="truncate">
        {hint}
      </Text>
    </Panel>
  );
}

/** Ticking profiles to compare the request with. */
export function ComparePicker({
  session,
  overlay,
  width,
  height,
}: Frame & {
  readonly session: SessionSnapshot;
  readonly overlay: Extract<Overlay, { kind: 'comparePick' }>;
}) {
  const request = session.request;
  return (
    <Panel title="Compare" width={width} height={height} focused>
      <Text>{`Send ${request.method} ${request.pathTemplate} with each ticked profile:`}</Text>
      {session.profiles.map((entry, index) => {
        const here = index === overlay.cursor;
        const ticked = overlay.ticked.includes(entry.id);
        return (
          <Text key={entry.id} color={here ? COLORS.accent : undefined} bold={here} wrap="truncate">
            {`${here ? '❯' : ' '} [${ticked ? 'x' : ' '}] ${entry.profile.name}`}
          </Text>
        );
      })}
      <Text> </Text>
      <Text dimColor>↑/↓ move · Space ticks · Enter sends to the ticked profiles · Esc closes</Text>
    </Panel>
  );
}

/** The current profile's history, newest first. */
export function HistoryView({
  session,
  cursor,
  width,
  height,
}: Frame & { readonly session: SessionSnapshot; readonly cursor: number }) {
  const entries = session.history ?? [];
  const rows = Math.max(1, height - 4);
  const start = Math.min(Math.max(0, cursor - rows + 1), Math.max(0, entries.length - rows));
  const name = session.current?.profile.name ?? '';
  return (
    <Panel
      title={`History of ${name}`}
      note={`${entries.length}`}
      below={Math.max(0, entries.length - start - rows)}
      width={width}
      height={height}
      focused
    >
      <Box flexDirection="column" height={rows}>
        {session.history === null ? <Text dimColor>reading…</Text> : null}
        {session.history?.length === 0 ? (
          <Text dimColor>{`No history for ${name} yet: requests you send are kept here.`}</Text>
        ) : null}
        {entries.slice(start, start + rows).map((entry, index) => {
          const here = start + index === cursor;
          return (
            <Text
              key={entry.id}
              wrap="truncate"
              bold={here}
              color={here ? COLORS.accent : undefined}
            >
              {here ? '❯ ' : '  '}
              {historyLine(entry).map((segment, at) => (
                <Text key={at} color={here ? undefined : segment.color}>
                  {segment.text}
                </Text>
              ))}
            </Text>
          );
        })}
      </Box>
      <Text dimColor>↑/↓ move · Enter puts the request back in the request panel · Esc closes</Text>
    </Panel>
  );
}

/**
 * A curl command no clipboard confirmed, to select with the mouse: no border or box character
 * anywhere near it, every line whole (folded with shell-safe continuations at the screen's
 * edge, never cut), so the selection runs as it is. Scrolls when it is taller than the screen.
 */
export function CurlView({
  lines,
  offset,
  width,
  height,
}: Frame & { readonly lines: CurlLines; readonly offset: number }) {
  const all = [...lines.notes, '', ...lines.command];
  const page = Math.max(1, height - 2);
  const start = Math.min(offset, Math.max(0, all.length - page));
  const more =
    all.length > page
      ? ` · lines ${start + 1}-${Math.min(all.length, start + page)} of ${all.length}, j/k scroll`
      : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        The curl command, to select with the mouse (in tmux with the mouse on, hold Shift)
      </Text>
      <Box flexDirection="column" height={page}>
        {all.slice(start, start + page).map((line, index) => (
          <Text key={start + index} wrap="truncate" dimColor={start + index < lines.notes.length}>
            {line === '' ? ' ' : line}
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate">{`Esc or Enter closes${more}`}</Text>
    </Box>
  );
}
