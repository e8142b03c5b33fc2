import { Box } from 'ink';
import type { CatalogOperation } from '../../core/catalog/index.js';
import type { SessionSnapshot } from '../../core/session/index.js';
import type { Layout } from '../state/layout.js';
import type { StatusLine } from '../state/panel-lines.js';
import type { RowRef } from '../state/request-rows.js';
import { isFindPrompt } from '../state/find-bar.js';
import type { UiState } from '../state/ui-state.js';
import { Dialog, GrantPicker } from './dialogs.js';
import { EndpointsPanel } from './endpoints-panel.js';
import { HelpOverlay } from './help-overlay.js';
import { ProfileFormView } from './profile-form-view.js';
import { ProfilesPanel } from './profiles-panel.js';
import { RequestPanel } from './request-panel.js';
import { ResponsePanel } from './response-panel.js';
import { TokenPanel } from './token-panel.js';
import { ComparePicker, CurlView, HistoryView, LinesView } from './tool-views.js';
import type { ViewLine } from '../state/view-lines.js';
import { curlLines } from '../state/curl-lines.js';

export interface ScreenProps {
  readonly session: SessionSnapshot;
  readonly ui: UiState;
  readonly layout: Layout;
  readonly results: readonly CatalogOperation[];
  readonly rows: readonly RowRef[];
  readonly headerLines: readonly string[];
  readonly statusLines: readonly StatusLine[];
  readonly tokenLines: readonly string[];
  /** Lines of the compare, matrix or scopes view, when one is open. */
  readonly viewLines: readonly ViewLine[];
}

/**
 * The four panels, or an overlay in their place. Panels stay mounted (hidden) under an overlay,
 * so the profile list keeps its cursor.
 */
export function Screen(props: ScreenProps) {
  const { session, ui, layout } = props;
  const height = layout.rows - layout.headerRows - layout.footerRows;
  // The find prompt is typed in the response panel, with the body in view.
  const active = ui.overlay === null || isFindPrompt(ui.overlay);
  const focus = (panel: UiState['focus']) => active && ui.editing === null && ui.focus === panel;
  return (
    <>
      <Box display={active ? 'flex' : 'none'} height={height} flexShrink={0}>
        <Box flexDirection="column" width={layout.leftWidth}>
          <ProfilesPanel
            session={session}
            width={layout.leftWidth}
            height={layout.profilesHeight}
            highlighted={ui.highlightedProfile}
            focused={focus('profiles')}
          />
          <EndpointsPanel
            session={session}
            results={props.results}
            search={ui.search}
            marks={ui.marks}
            width={layout.leftWidth}
            height={layout.endpointsHeight}
            focused={active && ui.focus === 'endpoints'}
          />
        </Box>
        <Box flexDirection="column" width={layout.rightWidth}>
          <RequestPanel
            session={session}
            rows={props.rows}
            cursor={ui.requestRow}
            editing={ui.editing}
            width={layout.rightWidth}
            height={layout.requestHeight}
            focused={active && ui.focus === 'request'}
          />
          {ui.rightView === 'token' ? (
            <TokenPanel
              token={session.token}
              current={session.current}
              lines={props.tokenLines}
              offset={ui.offsets.token}
              width={layout.rightWidth}
              height={layout.responseHeight}
              focused={focus('response')}
            />
          ) : (
            <ResponsePanel
              response={session.response}
              ui={ui}
              headerLines={props.headerLines}
              statusLines={props.statusLines}
              width={layout.rightWidth}
              height={layout.responseHeight}
              focused={focus('response')}
            />
          )}
        </Box>
      </Box>
      {active ? null : <OverlayView {...props} height={height} />}
    </>
  );
}

function OverlayView({
  session,
  ui,
  layout,
  viewLines,
  height,
}: ScreenProps & { readonly height: number }) {
  const overlay = ui.overlay;
  const frame = { width: layout.columns, height };
  if (!overlay) return null;
  if (overlay.kind === 'help') return <HelpOverlay offset={overlay.offset} {...frame} />;
  if (overlay.kind === 'grant')
    return <GrantPicker current={session.current} cursor={overlay.cursor} {...frame} />;
  if (overlay.kind === 'form') return <ProfileFormView form={overlay.form} {...frame} />;
  if (overlay.kind === 'comparePick')
    return <ComparePicker session={session} overlay={overlay} {...frame} />;
  if (overlay.kind === 'compare')
    return (
      <LinesView
        title="Compare"
        lines={viewLines}
        offset={overlay.offset}
        hint="j/k scroll · PgDn page · Esc closes"
        {...frame}
      />
    );
  if (overlay.kind === 'matrix')
    return (
      <LinesView
        title="Access matrix"
        lines={viewLines}
        offset={overlay.offset}
        hint="P probe (GETs without path parameters only) · j/k scroll · Esc closes"
        {...frame}
      />
    );
  if (overlay.kind === 'scopePlan' || overlay.kind === 'scopeAudit')
    return (
      <LinesView
        title={overlay.kind === 'scopePlan' ? 'Scopes plan' : 'Scopes audit'}
        lines={viewLines}
        offset={overlay.offset}
        hint="j/k scroll · PgDn page · g/G top/bottom · Esc closes"
        {...frame}
      />
    );
  if (overlay.kind === 'history')
    return <HistoryView session={session} cursor={overlay.cursor} {...frame} />;
  if (overlay.kind === 'curl')
    return <CurlView lines={curlLines(overlay, frame.width)} offset={overlay.offset} {...frame} />;
  return <Dialog overlay={overlay} {...frame} />;
}
