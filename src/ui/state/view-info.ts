import type { CatalogOperation } from '../../core/catalog/index.js';
import type { SessionSnapshot } from '../../core/session/index.js';
import { findBar } from './find-bar.js';
import type { Layout } from './layout.js';
import type { RowRef } from './request-rows.js';
import type { UiState, ViewInfo } from './ui-state.js';

/** What the screen derived from the session for this render (lists, lines). */
export interface Derived {
  readonly results: readonly CatalogOperation[];
  /** The API versions of the whole catalog (not only of the results). */
  readonly apiVersions: readonly string[];
  readonly rows: readonly RowRef[];
  readonly headerLines: readonly string[];
  readonly statusLines: readonly unknown[];
  readonly tokenLines: readonly string[];
  readonly helpLines: number;
  /** Lines of the compare, matrix or scopes view. */
  readonly viewLines: number;
}

/**
 * What the reducer needs to read the next key, taken from what is on screen: the endpoint ids
 * in the shown order, the form rows, how many lines scroll and how many fit.
 */
export function viewInfo(
  session: SessionSnapshot,
  ui: UiState,
  screen: Layout,
  derived: Derived,
  now: Date = new Date(),
): ViewInfo {
  const done = session.response.status === 'done' ? session.response.view : null;
  const { current } = session;
  const rightLines =
    ui.rightView === 'token'
      ? derived.tokenLines.length
      : ui.showHeaders
        ? derived.headerLines.length
        : (done?.body.lineCount ?? 0);
  const pageSize =
    ui.overlay?.kind === 'help' ||
    ui.overlay?.kind === 'compare' ||
    ui.overlay?.kind === 'matrix' ||
    ui.overlay?.kind === 'scopePlan' ||
    ui.overlay?.kind === 'scopeAudit'
      ? screen.rows - 7
      : ui.overlay?.kind === 'curl'
        ? screen.rows - screen.headerRows - screen.footerRows - 2
        : ui.rightView === 'token'
          ? screen.responseHeight - 2
          : Math.max(
              1,
              screen.responseHeight - 2 - derived.statusLines.length - (findBar(ui) ? 1 : 0),
            );
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    endpointIds: derived.results.map((op) => op.id),
    apiVersions: derived.apiVersions,
    currentProfileId: current?.id ?? null,
    profiles: session.profiles.map((p) => ({
      id: p.id,
      name: p.profile.name,
      origin: p.origin,
      profile: p.profile,
    })),
    production: current?.profile.tags.includes('production') ?? false,
    method: session.request.method,
    draft: session.request,
    rows: derived.rows,
    rightLines,
    pageSize,
    sending: session.response.status === 'sending',
    hasBody: done !== null,
    grants: current?.grants ?? [],
    currentGrant: current?.profile.grant ?? null,
    helpLines: derived.helpLines,
    historyIds: (session.history ?? []).map((entry) => entry.id),
    viewLines: derived.viewLines,
    responseNumber: session.response.status === 'done' ? session.response.number : null,
    defaultBodyFile: `./keyhole-response-${stamp}.${done?.body.kind === 'json' ? 'json' : 'txt'}`,
  };
}
