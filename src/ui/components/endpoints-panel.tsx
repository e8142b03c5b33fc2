import { Box } from 'ink';
import { type CatalogOperation, webhooksOnly } from '../../core/catalog/index.js';
import type { SessionSnapshot } from '../../core/session/index.js';
import type { UiState } from '../state/ui-state.js';
import { sanitizeForTerminal } from '../../core/http/terminal.js';
import { noun } from '../../core/text/plural.js';
import { cutEnd, cutPath } from '../state/cut.js';
import { specWarningLines } from '../state/spec-warning-lines.js';
import { COLORS, VERDICT_COLOR, VERDICT_MARK } from '../theme.js';
import { Failure } from './failure.js';
import { Panel } from './panel.js';
import { Spinner } from './spinner.js';
import { TextField } from './text-field.js';
import { Text } from './text.js';

export interface EndpointsPanelProps {
  readonly session: SessionSnapshot;
  /** The operations matching the search, best first. */
  readonly results: readonly CatalogOperation[];
  readonly search: UiState['search'];
  /** Operation ids marked for the scopes plan (Space): a ● beside each, the count in the title. */
  readonly marks: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

/**
 * The catalog: a search line, the matching operations with a predicted ✓ / ✗ / ? for the current
 * token (and the last observed status), and why the highlighted one is predicted so.
 */
export function EndpointsPanel({
  session,
  results,
  search,
  marks,
  width,
  height,
  focused,
}: EndpointsPanelProps) {
  const { catalog } = session;
  const total = catalog.status === 'ready' ? catalog.operations.length : 0;
  // A converted spec says so on a line of its own: the border's note has no room on a 34-column
  // panel.
  const converted =
    catalog.status === 'ready' && catalog.convertedFrom.length > 0
      ? `converted from ${catalog.convertedFrom.join(', ')}`
      : null;
  // What the specs get wrong, said when they are parsed (as on the CLI's stderr).
  const warnings =
    catalog.status === 'ready'
      ? specWarningLines(
          catalog.warnings,
          width - 4,
          session.current?.origin === 'saved',
          // A third of the list's rows at most, and never more than six lines.
          Math.min(6, Math.floor((height - 3) / 3)),
        )
      : [];
  const rows = height - 3 - (converted === null ? 0 : 1) - warnings.length;
  const shown = listWindow(search.selected, rows, results.length);
  const title = marks.length > 0 ? `Endpoints · ${marks.length} marked` : 'Endpoints';
  return (
    <Panel
      title={title}
      note={
        catalog.status === 'ready'
          ? countNote(search.version, results.length, total, width, title)
          : undefined
      }
      below={catalog.status === 'ready' ? results.length - shown.start - shown.visible : 0}
      width={width}
      height={height}
      focused={focused}
    >
      <Box>
        <Text color={COLORS.accent}>/ </Text>
        <TextField
          input={search.input}
          active={focused && search.typing}
          placeholder={search.typing ? 'type to filter' : 'press / to search'}
          width={width - 8}
        />
      </Box>
      {converted !== null ? (
        <Text dimColor wrap="truncate">
          {cutEnd(converted, width - 4)}
        </Text>
      ) : null}
      {warnings.map((line, index) => (
        <Text key={index} color={COLORS.warn} wrap="truncate">
          {line}
        </Text>
      ))}
      {catalog.status === 'ready' && total === 0 && catalog.webhooks > 0 ? (
        <Text dimColor wrap="wrap">
          {webhooksOnly(catalog.webhooks)}
        </Text>
      ) : catalog.status === 'ready' ? (
        <List
          session={session}
          results={results}
          marks={marks}
          selected={search.selected}
          rows={rows}
          width={width - 4}
          focused={focused}
        />
      ) : catalog.status === 'loading' ? (
        <Box flexDirection="column">
          <Text>
            <Spinner /> loading the OpenAPI {noun(Math.max(1, catalog.progress.length), 'spec')}…
          </Text>
          {catalog.progress.slice(0, Math.max(0, height - 4)).map((line, index) => (
            <Text key={index} dimColor wrap="truncate">
              {cutEnd(line, width - 4)}
            </Text>
          ))}
        </Box>
      ) : catalog.status === 'error' ? (
        // A spec that could not be downloaded reads like a failed call: what, why, what to do.
        <Failure message={catalog.message} hint={catalog.hint} />
      ) : (
        <Text dimColor wrap="wrap">
          {catalog.message}
        </Text>
      )}
    </Panel>
  );
}

interface ListProps {
  readonly session: SessionSnapshot;
  readonly results: readonly CatalogOperation[];
  readonly marks: readonly string[];
  readonly selected: number;
  readonly rows: number;
  readonly width: number;
  readonly focused: boolean;
}

/** The operations shown: the selected one kept near the middle, one row left for the reason. */
function listWindow(selected: number, rows: number, count: number) {
  const visible = Math.max(1, rows - 1);
  const start = Math.min(
    Math.max(0, selected - Math.floor(visible / 2)),
    Math.max(0, count - visible),
  );
  return { start, visible: Math.min(visible, count - start) };
}

/**
 * `v2025 · 812/1729 · predicted` in the top border; on a narrow panel the count alone, so the
 * version and the count always show.
 */
function countNote(
  version: string | null,
  shown: number,
  total: number,
  width: number,
  title: string,
): string {
  const count = `${version ? `${version} · ` : ''}${shown}/${total}`;
  // The border keeps its corners, the title (" ▶ Endpoints ") and a space each side of the note.
  return `${count} · predicted`.length + title.length + 11 <= width
    ? `${count} · predicted`
    : count;
}

/** Beside an operation marked for the scopes plan. */
const PLAN_MARK = '●';

/** Beside an experimental operation (sent with `X-SailPoint-Experimental: true`). */
const EXPERIMENTAL_MARK = ' exp';

function List({ session, results, marks, selected, rows, width, focused }: ListProps) {
  const visible = Math.max(1, rows - 1);
  const { start } = listWindow(selected, rows, results.length);
  const marked = new Set(marks);
  // The mark column appears with the first mark: until then the path keeps that column.
  const markWidth = marked.size > 0 ? PLAN_MARK.length : 0;
  const chosen = results[selected];
  const prediction = chosen ? session.predictions.get(chosen.id) : undefined;
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" height={visible}>
        {results.slice(start, start + visible).map((operation, index) => {
          const verdict = session.predictions.get(operation.id)?.verdict ?? 'unknown';
          const observed = session.observations[`${operation.method} ${operation.path}`];
          const isSelected = start + index === selected;
          const status = observed ? ` ${observed.status}` : '';
          const mark = operation.experimental ? EXPERIMENTAL_MARK : '';
          const room = Math.max(0, width - 3 - markWidth - status.length - mark.length - 7);
          const text = `${operation.method.padEnd(7)}${cutPath(sanitizeForTerminal(operation.path), room)}`;
          return (
            <Text
              key={operation.id}
              wrap="truncate"
              inverse={isSelected && focused}
              bold={isSelected}
            >
              {isSelected ? '❯' : ' '}
              {markWidth > 0 ? (
                <Text color={COLORS.accent}>{marked.has(operation.id) ? PLAN_MARK : ' '}</Text>
              ) : null}
              <Text color={VERDICT_COLOR[verdict]}>{VERDICT_MARK[verdict]}</Text>
              {` ${text}`}
              <Text color={COLORS.warn}>{mark}</Text>
              <Text dimColor>{status}</Text>
            </Text>
          );
        })}
        {results.length === 0 ? <Text dimColor>no endpoint matches</Text> : null}
      </Box>
      <Text dimColor wrap="truncate">
        {prediction
          ? `${VERDICT_MARK[prediction.verdict]} ${prediction.reasons[0] ?? ''}`
          : 'predicted, not guaranteed: ? explains'}
      </Text>
    </Box>
  );
}
