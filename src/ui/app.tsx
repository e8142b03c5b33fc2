import { Box, type Key, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import {
  apiVersionOf,
  apiVersions,
  prepareSearch,
  searchOperations,
} from '../core/catalog/index.js';
import { type Workbench, planForSession } from '../core/session/index.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { helpLines } from './components/help-overlay.js';
import { Screen } from './components/screen.js';
import type { TmuxRunner } from './clipboard.js';
import type { AppExit } from './effects.js';
import { type UiClock, ClockContext, SYSTEM_CLOCK } from './clock.js';
import { useCountdownClock } from './hooks/use-clock.js';
import { useEffectRunner } from './hooks/use-effect-runner.js';
import { useSession } from './hooks/use-session.js';
import { type TerminalSize, useTerminalSize } from './hooks/use-terminal-size.js';
import { MIN_COLUMNS, MIN_ROWS, fits, layout, pathColumns } from './state/layout.js';
import { headerLines, statusLines, tokenCardLines } from './state/panel-lines.js';
import { choiceHint, requestRows } from './state/request-rows.js';
import { forContent } from './state/content-scroll.js';
import { scopesOf, uiReducer } from './state/ui-reducer.js';
import { INITIAL_UI, type UiState } from './state/ui-state.js';
import { viewInfo } from './state/view-info.js';
import { compareLines, matrixLines } from './state/view-lines.js';
import { curlLines } from './state/curl-lines.js';
import { scopeAuditLines } from './state/scope-audit-lines.js';
import { scopePlanLines } from './state/scope-plan-lines.js';
import { Text } from './components/text.js';

export interface AppProps {
  readonly workbench: Workbench;
  /** Where to start (the state from before a trip to $EDITOR). */
  readonly initialUi?: UiState;
  /** The size to assume when the output stream has none (tests). */
  readonly fallbackSize?: TerminalSize;
  /** Where to look for tmux and SSH (which clipboard to use). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Writes to the terminal as it is (OSC 52). @default Ink's stdout */
  readonly writeTerminal?: (text: string) => void;
  /** How tmux is asked to take copied text. @default the tmux on PATH */
  readonly tmux?: TmuxRunner;
  /** The time source of the countdowns and the spinner (tests drive one). @default the system's */
  readonly clock?: UiClock;
}

/**
 * The root: it renders the session, turns keys into reducer actions, runs the effects the
 * reducer queues, and is the one component that ends the app. Its clock is context, so every
 * countdown and spinner below reads the same (possibly driven) time.
 */
export function App({ clock = SYSTEM_CLOCK, ...props }: AppProps) {
  return (
    <ClockContext.Provider value={clock}>
      <AppScreen {...props} />
    </ClockContext.Provider>
  );
}

/** The app's screen and key handling, under the clock App provides. */
function AppScreen({
  workbench,
  initialUi = INITIAL_UI,
  fallbackSize,
  env = process.env,
  writeTerminal,
  tmux,
}: Omit<AppProps, 'clock'>) {
  const session = useSession(workbench);
  // The header's expiry and the token card's count down together, repainted only when they change.
  const now = useCountdownClock(
    session.token.status === 'ready' ? session.token.identity.expiresAt : null,
  );
  const [state, dispatch] = useReducer(uiReducer, initialUi);
  // Offsets of content no longer shown (an older response, another profile's token) are dropped
  // before this render, not by an effect after it: no frame shows new content scrolled.
  const ui = forContent(state, {
    response: session.response.status === 'done' ? session.response.number : null,
    token: session.current?.id ?? null,
  });
  const { exit } = useApp();
  const { stdout } = useStdout();
  const size = useTerminalSize(fallbackSize);
  const operations = session.catalog.status === 'ready' ? session.catalog.operations : EMPTY;
  const pathWidth = useMemo(() => pathColumns(operations.map((op) => op.path)), [operations]);
  const screen = layout(size.columns, size.rows, session.profiles.length, pathWidth);

  const query = ui.search.input.value;
  const versions = useMemo(() => apiVersions(operations), [operations]);
  // A big catalog is made searchable between frames, before the first key is typed.
  useEffect(() => prepareSearch(operations), [operations]);
  const version = ui.search.version;
  const shown = useMemo(
    () =>
      version === null ? operations : operations.filter((op) => apiVersionOf(op.path) === version),
    [operations, version],
  );
  const results = useMemo(() => searchOperations(shown, query), [shown, query]);
  const rows = useMemo(() => requestRows(session.request), [session.request]);
  const done = session.response.status === 'done' ? session.response.view : null;
  const headers = useMemo(() => (done ? headerLines(done) : []), [done]);
  const status = useMemo(
    () => (done ? statusLines(done, screen.rightWidth - 4) : []),
    [done, screen.rightWidth],
  );
  const cardWidth = screen.rightWidth - 4;
  const tokenLines = useMemo(
    () => tokenCardLines(session.token, session.current, cardWidth, now),
    [session.token, session.current, cardWidth, now],
  );
  const helpCount = useMemo(() => helpLines(screen.columns - 4).length, [screen.columns]);
  const openView = LINE_VIEWS.find((kind) => kind === ui.overlay?.kind) ?? null;
  const planIds = ui.overlay?.kind === 'scopePlan' ? ui.overlay.ids : null;
  const { current, catalog, token } = session;
  const viewLines = useMemo(() => {
    const width = screen.columns - 4;
    if (openView === 'compare') return compareLines(session.compare, width);
    if (openView === 'matrix') return matrixLines(session.matrix, width);
    if (openView === 'scopePlan' && planIds) {
      return scopePlanLines(planForSession(current, catalog, token, planIds), width);
    }
    if (openView === 'scopeAudit') return scopeAuditLines(session.audit, width);
    return EMPTY;
  }, [
    openView,
    planIds,
    session.compare,
    session.matrix,
    session.audit,
    current,
    catalog,
    token,
    screen.columns,
  ]);
  const curl = ui.overlay?.kind === 'curl' ? curlLines(ui.overlay, screen.columns) : null;

  const view = viewInfo(session, ui, screen, {
    results,
    apiVersions: versions,
    rows,
    headerLines: headers,
    statusLines: status,
    tokenLines,
    helpLines: helpCount,
    viewLines: curl ? curl.notes.length + 1 + curl.command.length : viewLines.length,
  });
  const viewRef = useRef(view);
  viewRef.current = view;
  const uiRef = useRef(ui);
  uiRef.current = ui;

  useInput((input, key) => {
    // The person has read what the last key said (notices that end with the next key go).
    workbench.keyPressed();
    for (const [text, press] of splitChunk(input, key)) {
      dispatch({ type: 'key', input: text, key: press, view: viewRef.current });
    }
  });
  useEffectRunner(ui.effects, dispatch, {
    workbench,
    dispatch,
    exit: (outcome: AppExit) => exit(outcome),
    ui: () => uiRef.current,
    write: writeTerminal ?? ((text: string) => stdout.write(text)),
    env,
    ...(tmux ? { tmux } : {}),
  });
  const profileIds = session.profiles.map((p) => p.id).join('\n');
  useEffect(() => dispatch({ type: 'profilesChanged' }), [profileIds]);

  if (!fits(size.columns, size.rows)) {
    return (
      <Box flexDirection="column">
        <Text>{`keyhole needs a terminal of at least ${MIN_COLUMNS}×${MIN_ROWS}; this one is ${size.columns}×${size.rows}.`}</Text>
        <Text dimColor>Make it larger, or press q to quit.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={screen.columns} height={screen.rows} overflow="hidden">
      <Header session={session} width={screen.columns} now={now} />
      <Screen
        session={session}
        ui={ui}
        layout={screen}
        results={results}
        rows={rows}
        headerLines={headers}
        statusLines={status}
        tokenLines={tokenLines}
        viewLines={viewLines}
      />
      <Footer
        notice={session.notice}
        scopes={scopesOf(ui.focus, ui.rightView)}
        hint={footerHint(ui)}
        lead={
          ui.focus === 'profiles'
            ? 'Enter use'
            : ui.focus === 'endpoints'
              ? 'Enter pick'
              : ui.focus === 'request'
                ? choiceHint(session.request, rows[ui.requestRow])
                : undefined
        }
        where={
          ui.rightView === 'token' && ui.focus === 'response' ? 'Token' : PANEL_NAMES[ui.focus]
        }
        width={screen.columns}
      />
    </Box>
  );
}

const EMPTY: readonly never[] = [];

/** The overlays that show a window of view lines (their lines are made here, once per change). */
const LINE_VIEWS = ['compare', 'matrix', 'scopePlan', 'scopeAudit'] as const;

const PANEL_NAMES: Record<UiState['focus'], string> = {
  profiles: 'Profiles',
  endpoints: 'Endpoints',
  request: 'Request',
  response: 'Response',
};

/**
 * Keys typed quickly can reach Ink as one chunk ("20\r" for 2, 0, Enter). Text and Enter are
 * told apart again, so a field gets "20" and then the Enter that saves it.
 */
export function splitChunk(input: string, key: Key): Array<[string, Key]> {
  if (input.length < 2 || !/[\r\n]/.test(input)) return [[input, key]];
  const enter: Key = { ...key, return: true, shift: false };
  return input
    .split(/(\r\n|\r|\n)/)
    .filter((part) => part !== '')
    .map((part): [string, Key] => (/^[\r\n]+$/.test(part) ? ['', enter] : [part, key]));
}

function footerHint(ui: UiState): string | undefined {
  if (ui.overlay) return 'Esc closes';
  if (ui.editing) return 'Enter saves the field and moves on · Esc cancels';
  if (ui.focus === 'endpoints' && ui.search.typing) {
    return 'type to filter · ↑/↓ move · Enter fills the request · Esc stops typing';
  }
  return undefined;
}
