import { Box } from 'ink';
import { type ResponseState, formatBytes } from '../../core/session/index.js';
import type { StatusLine } from '../state/panel-lines.js';
import { type FindBar, findBar } from '../state/find-bar.js';
import type { UiState } from '../state/ui-state.js';
import { TextField } from './text-field.js';
import { COLORS, statusColor } from '../theme.js';
import { Failure } from './failure.js';
import { Panel } from './panel.js';
import { ScrollLines, hiddenBelow, windowNote } from './scroll-lines.js';
import { Spinner } from './spinner.js';
import { Text } from './text.js';
import { groupedNumber } from '../../core/text/grouped.js';

export interface ResponsePanelProps {
  readonly response: ResponseState;
  readonly ui: UiState;
  /** The lines above the body: status, timing, why it failed. */
  readonly statusLines: readonly StatusLine[];
  /** The header lines of the response (when `h` shows them). */
  readonly headerLines: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

/** The last response: live progress while it streams, then status, timing, why it failed, body. */
export function ResponsePanel(props: ResponsePanelProps) {
  const { response, ui, statusLines, headerLines, width, height, focused } = props;
  if (response.status !== 'done') {
    return (
      <Panel title="Response" width={width} height={height} focused={focused}>
        <Pending response={response} />
      </Panel>
    );
  }
  const { view } = response;
  const inner = width - 4;
  const bar = findBar(ui);
  const page = Math.max(1, height - 2 - statusLines.length - (bar ? 1 : 0));
  const headers = ui.showHeaders;
  const found = !headers && ui.find.query !== '' && ui.find.match ? ui.find.match : null;
  const count = headers ? headerLines.length : view.body.lineCount;
  const offset = headers ? ui.offsets.headers : ui.offsets.body;
  const lineAt = headers
    ? (index: number) => (headerLines[index] ?? '').slice(0, inner)
    : (index: number) => view.body.visible(index, 0, inner);
  return (
    <Panel
      title={headers ? 'Response headers' : 'Response'}
      note={
        headers || view.body.ready
          ? windowNote(offset, page, count)
          : `${windowNote(offset, page, count)}+ · formatting…`
      }
      below={hiddenBelow(offset, page, count)}
      width={width}
      height={height}
      focused={focused}
    >
      <StatusBlock lines={statusLines} status={view.status} />
      <ScrollLines
        lineAt={lineAt}
        count={count}
        offset={offset}
        height={page}
        json={!headers && view.body.kind === 'json'}
        find={found ? { query: ui.find.query, line: found.line, column: found.column } : null}
      />
      {bar ? <FindBarLine bar={bar} width={inner} /> : null}
    </Panel>
  );
}

/** The line under the body: the query being typed, or "match 3 of 41". */
function FindBarLine({ bar, width }: { readonly bar: FindBar; readonly width: number }) {
  if (bar.kind === 'typing') {
    return (
      <Box>
        <Text color={COLORS.accent}>find › </Text>
        <TextField input={bar.input} active width={Math.max(8, width - 40)} />
        <Text dimColor wrap="truncate">
          {'  Enter finds · Esc cancels'}
        </Text>
      </Box>
    );
  }
  const { match, query } = bar;
  const total = `${groupedNumber(match.total)}${match.capped ? '+' : ''}`;
  return (
    <Text wrap="truncate">
      <Text color={COLORS.accent}>{`"${query}"`}</Text>
      {` match ${groupedNumber(match.index + 1)} of ${total}`}
      <Text
        dimColor
      >{` · line ${groupedNumber(match.line + 1)} · n next · N previous · f new find`}</Text>
    </Text>
  );
}

const TONE: Record<StatusLine['tone'], string | undefined> = {
  status: undefined,
  muted: undefined,
  danger: COLORS.danger,
  plain: undefined,
};

function StatusBlock(props: { readonly lines: readonly StatusLine[]; readonly status: number }) {
  return (
    <Box flexDirection="column" height={props.lines.length} flexShrink={0}>
      {props.lines.map((line, index) => (
        <Text key={index} wrap="truncate" color={TONE[line.tone]} dimColor={line.tone === 'muted'}>
          {line.tone === 'status' ? (
            <Text bold color={statusColor(props.status)}>
              {line.text}
            </Text>
          ) : (
            line.text
          )}
          {line.rest ?? ''}
        </Text>
      ))}
    </Box>
  );
}

function Pending({ response }: { readonly response: Exclude<ResponseState, { status: 'done' }> }) {
  if (response.status === 'idle') {
    return (
      <Box flexDirection="column">
        <Text>No response yet.</Text>
        <Text dimColor>/ finds an endpoint (type, Enter), s sends it, p switches profile.</Text>
        <Text dimColor>✓ ✗ ? are predictions for the current token; the server decides.</Text>
      </Box>
    );
  }
  if (response.status === 'error') {
    const cancelled = response.message === 'cancelled';
    return (
      <Box flexDirection="column">
        <Text wrap="truncate" dimColor>{`${response.method} ${response.url}`}</Text>
        {cancelled ? (
          <Text color={COLORS.warn}>cancelled (Esc)</Text>
        ) : (
          <Failure message={response.message} hint={response.hint ?? null} />
        )}
      </Box>
    );
  }
  const phase = {
    token: 'getting the token…',
    sent: 'sent, waiting for the server…',
    headers: `status ${response.httpStatus ?? ''}, receiving…`,
    body: `status ${response.httpStatus ?? ''}, receiving…`,
    retry: `retrying: ${response.retryReason ?? ''}`,
    formatting: 'received; formatting the body…',
  }[response.phase];
  const total = response.totalBytes === null ? '' : ` of ${formatBytes(response.totalBytes)}`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Spinner /> {`${response.method} ${response.url}`}
      </Text>
      <Text>{phase}</Text>
      <Text>{`received ${formatBytes(response.receivedBytes)}${total}`}</Text>
      <Text dimColor>Esc cancels</Text>
    </Box>
  );
}
