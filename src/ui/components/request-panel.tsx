import { Box } from 'ink';
import { redactHeaders, redactUrl } from '../../core/http/redact.js';
import {
  type RequestDraft,
  type RequestField,
  type SessionSnapshot,
  draftUrl,
} from '../../core/session/index.js';
import { keyOf } from '../keymap.js';
import { type RowRef, editLabel, withTyped } from '../state/request-rows.js';
import type { UiState } from '../state/ui-state.js';
import { COLORS, VERDICT_COLOR, VERDICT_MARK } from '../theme.js';
import { bodyJsonProblem } from '../../core/call/json-body.js';
import { wrap } from '../../core/text/wrap.js';
import { Panel } from './panel.js';
import { TextField } from './text-field.js';
import { Text } from './text.js';
import { plural } from '../../core/text/plural.js';

export interface RequestPanelProps {
  readonly session: SessionSnapshot;
  readonly rows: readonly RowRef[];
  readonly cursor: number;
  readonly editing: UiState['editing'];
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

/** The request as a small form: method, path and query parameters, headers, body. */
export function RequestPanel({
  session,
  rows,
  cursor,
  editing,
  width,
  height,
  focused,
}: RequestPanelProps) {
  const { request, current } = session;
  // While a field is typed in, the URL line shows what saving it would send.
  const shown = editing ? withTyped(request, editing.row, editing.input.value) : request;
  const url = redactUrl(current ? draftUrl(shown, current.profile.baseUrl) : shown.pathTemplate);
  const prediction = request.operationId ? session.predictions.get(request.operationId) : undefined;
  const inner = width - 4;
  // An error gets lines of its own under the field, taken from the rows shown, so the panel
  // keeps its height and nothing is pushed out of it.
  const errorLines = editing?.error ? wrap(`✗ ${editing.error}`, inner).slice(0, 3) : [];
  const visible = Math.max(1, height - 4 - errorLines.length);
  const start = Math.min(Math.max(0, cursor - visible + 1), Math.max(0, rows.length - visible));
  return (
    <Panel
      title="Request"
      note={request.summary ?? undefined}
      below={Math.max(0, rows.length - start - visible)}
      width={width}
      height={height}
      focused={focused}
    >
      <Text wrap="truncate">
        <Text bold color={COLORS.accent}>
          {shown.method}
        </Text>{' '}
        {url}
      </Text>
      <Text dimColor wrap="truncate">
        {prediction ? (
          <Text
            color={VERDICT_COLOR[prediction.verdict]}
          >{`${VERDICT_MARK[prediction.verdict]} predicted ${prediction.verdict}: ${prediction.reasons[0] ?? ''}`}</Text>
        ) : inner >= LONG_HINT.length ? (
          LONG_HINT
        ) : (
          SHORT_HINT
        )}
      </Text>
      {rows.slice(start, start + visible).map((row, index) => {
        const selected = start + index === cursor && focused;
        const isEditing = editing !== null && selected;
        return (
          <Box key={`${row.kind}-${'index' in row ? row.index : ''}`}>
            {isEditing && editing ? (
              <Box flexDirection="column">
                <Box height={1} overflow="hidden">
                  <Text color={COLORS.accent}>{'❯ '}</Text>
                  <Text dimColor>{`${editLabel(request, row)} `}</Text>
                  <TextField input={editing.input} active width={inner - 20} />
                </Box>
                {errorLines.map((line, at) => (
                  <Text key={at} color={COLORS.danger} wrap="truncate">
                    {line}
                  </Text>
                ))}
              </Box>
            ) : (
              <Text wrap="truncate">
                <Text color={selected ? COLORS.accent : undefined}>{selected ? '❯ ' : '  '}</Text>
                {rowText(row, request, session)}
              </Text>
            )}
          </Box>
        );
      })}
    </Panel>
  );
}

const LONG_HINT = 'Enter edits a field · e edits the body in $EDITOR · s sends';
const SHORT_HINT = 'Enter edits · e body in $EDITOR · s sends';

function rowText(row: RowRef, draft: RequestDraft, session: SessionSnapshot): string {
  switch (row.kind) {
    case 'method':
      return `method  ${draft.method}`;
    case 'path':
      return `path    ${draft.pathTemplate}`;
    case 'pathParam': {
      const field = draft.pathParams[row.index];
      if (field?.serverVariable) return `  {${field.name}} ${serverVariableText(field)}`;
      const empty = `(fill in${field?.example ? `, e.g. ${field.example}` : ''})`;
      return `  {${field?.name}} ${field?.value || empty}`;
    }
    case 'query': {
      const field = draft.query[row.index];
      const value = field?.value || (field?.example ? `(e.g. ${field.example})` : '(not sent)');
      return `  ?${field?.name}${field?.required ? '*' : ''} = ${value}`;
    }
    case 'addQuery':
      return '  + query parameter';
    case 'authorization': {
      const token = session.token;
      return `header  Authorization: ${token.status === 'ready' ? token.authorization : "Bearer (the profile's token)"}`;
    }
    case 'header': {
      const field = draft.headers[row.index];
      if (!field) return '';
      const shown = redactHeaders({ [field.name]: field.value })[field.name];
      return `header  ${field.name}: ${String(shown)}`;
    }
    case 'addHeader':
      return '  + header';
    case 'body':
      return `body    ${bodyFlag(draft)}${bodyPreview(draft.body)}`;
  }
}

/**
 * `fr  (server variable: en, fr, es, it, pt; ←/→)`, `v1  (server variable, default v1)`,
 * `(fill in: server variable, no default)`.
 */
function serverVariableText(field: RequestField): string {
  const choices = field.choices ?? [];
  const keys = `${keyOf('prevChoice', 'request')}/${keyOf('nextChoice', 'request')}`;
  const about =
    choices.length > 0
      ? `server variable: ${choices.join(', ')}; ${keys}`
      : field.example !== null
        ? `server variable, default ${field.example}`
        : 'server variable, no default';
  return field.value ? `${field.value}  (${about})` : `(fill in: ${about})`;
}

/** A body sent as JSON that does not parse is flagged on its row, before anyone sends it. */
function bodyFlag(draft: RequestDraft): string {
  const problem = bodyJsonProblem(draft.body, draft.headers);
  return problem ? `✗ not JSON (line ${problem.line}, column ${problem.column}) ` : '';
}

function bodyPreview(body: string | null): string {
  if (body === null) return '(none: Enter or e writes one in $EDITOR)';
  const lines = body.split('\n').length;
  let compact = body.replace(/\s+/g, ' ');
  try {
    compact = JSON.stringify(JSON.parse(body));
  } catch {
    // Not JSON: shown as typed.
  }
  return `${compact.slice(0, 200)}  (${plural(lines, 'line')})`;
}
