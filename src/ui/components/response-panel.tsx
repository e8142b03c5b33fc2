import { Box } from 'ink';
import { type ResponseState, formatBytes } from '../../core/session/index.js';
import type { StatusLine } from '../state/panel-lines.js';
import type { UiState } from '../state/ui-state.js';
import { COLORS, statusColor } from '../theme.js';
import { Failure } from './failure.js';
import { Panel } from './panel.js';
import { ScrollLines, hiddenBelow, windowNote } from './scroll-lines.js';
import { Spinner } from './spinner.js';
import { Text } from './text.js';

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
  const page = Math.max(1, height - 2 - statusLines.length);
  const headers = ui.showHeaders;
  const count = headers ? headerLines.length : view.body.lineCount;
  const offset = headers ? ui.offsets.headers : ui.offsets.body;
  const lineAt = headers
    ? (index: number) => (headerLines[index] ?? '').slice(0, inner)
    : (index: number) => view.body.visible(index, 0, inner);
  return (
    <Panel
      title={headers ? 'Response headers' : 'Response'}
      note={windowNote(offset, page, count)}
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
      />
    </Panel>
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
