import { isMutating } from '../../core/compare/mutating.js';
import { type Command, type KeyPress, PLACES, commandFor } from '../keymap.js';
import { cursorStep, stepCursor } from './commands.js';
import { type Overlay, type UiState, type ViewInfo, withEffect } from './ui-state.js';

type ViewOverlay = Extract<
  Overlay,
  {
    kind:
      | 'comparePick'
      | 'confirmCompare'
      | 'compare'
      | 'history'
      | 'matrix'
      | 'scopePlan'
      | 'scopeAudit'
      | 'curl';
  }
>;

/** Keys of the compare, history, matrix and scopes views (and the curl fallback). */
export function viewKey(
  state: UiState,
  overlay: ViewOverlay,
  input: string,
  key: KeyPress,
  view: ViewInfo,
): UiState {
  const close = { ...state, overlay: null };
  switch (overlay.kind) {
    case 'comparePick': {
      const command = commandFor(PLACES.comparePicker, input, key);
      if (command === 'cancel' || command === 'quit') return close;
      const step = cursorStep(command);
      if (step !== null) {
        const cursor = stepCursor(overlay.cursor, step, view.profiles.length);
        return { ...state, overlay: { ...overlay, cursor } };
      }
      const id = view.profiles[overlay.cursor]?.id;
      if (command === 'tick' && id !== undefined) {
        const ticked = overlay.ticked.includes(id)
          ? overlay.ticked.filter((t) => t !== id)
          : [...overlay.ticked, id];
        return { ...state, overlay: { ...overlay, ticked } };
      }
      if (command !== 'choose') return state;
      // In the order of the list, whatever order they were ticked in.
      const ids = view.profiles.map((p) => p.id).filter((p) => overlay.ticked.includes(p));
      if (ids.length < 2) {
        return withEffect(state, {
          type: 'notify',
          kind: 'error',
          text: 'tick two or more profiles with Space, then Enter',
        });
      }
      if (isMutating(view.method)) {
        return { ...state, overlay: { kind: 'confirmCompare', ids, method: view.method } };
      }
      return runCompare(state, ids);
    }
    case 'confirmCompare':
      return commandFor(['dialog'], input, key) === 'confirm'
        ? runCompare(state, overlay.ids)
        : close;
    case 'history': {
      const command = commandFor(PLACES.history, input, key);
      if (command === 'cancel' || command === 'quit' || command === 'history') return close;
      const step = cursorStep(command);
      if (step !== null) {
        const cursor = stepCursor(overlay.cursor, step, view.historyIds.length);
        return { ...state, overlay: { ...overlay, cursor } };
      }
      const id = view.historyIds[overlay.cursor];
      if (command !== 'choose' || id === undefined) return state;
      return withEffect(
        { ...close, focus: 'request', requestRow: 0 },
        { type: 'replayHistory', id },
      );
    }
    case 'compare':
    case 'matrix': {
      const command = commandFor(
        overlay.kind === 'matrix' ? PLACES.matrixView : PLACES.compareView,
        input,
        key,
      );
      if (command === 'cancel' || command === 'quit' || command === overlay.kind) return close;
      if (command === 'probe' && overlay.kind === 'matrix') {
        return withEffect(state, { type: 'probeMatrix' });
      }
      const offset = scrolled(overlay.offset, command, view.pageSize, view.viewLines);
      return offset === overlay.offset ? state : { ...state, overlay: { ...overlay, offset } };
    }
    case 'scopePlan':
    case 'scopeAudit': {
      const command = commandFor(PLACES.scopesView, input, key);
      if (command === 'cancel' || command === 'quit') {
        return overlay.kind === 'scopeAudit' ? withEffect(close, { type: 'closeAudit' }) : close;
      }
      const offset = scrolled(overlay.offset, command, view.pageSize, view.viewLines);
      return offset === overlay.offset ? state : { ...state, overlay: { ...overlay, offset } };
    }
    case 'curl': {
      const command = commandFor(['scroll', 'global'], input, key);
      if (command === 'cancel' || command === 'quit' || key.return) return close;
      const offset = scrolled(overlay.offset, command, view.pageSize, view.viewLines);
      return offset === overlay.offset ? state : { ...state, overlay: { ...overlay, offset } };
    }
  }
}

function runCompare(state: UiState, ids: readonly string[]): UiState {
  return withEffect(
    { ...state, overlay: { kind: 'compare', offset: 0 } },
    { type: 'compare', ids },
  );
}

/** The new first line after a scrolling key; unchanged for any other key. */
export function scrolled(
  offset: number,
  command: Command | null,
  pageSize: number,
  totalLines: number,
): number {
  const page = Math.max(1, pageSize - 1);
  const max = Math.max(0, totalLines - pageSize);
  const moves: Partial<Record<Command, number>> = {
    lineDown: 1,
    lineUp: -1,
    pageDown: page,
    pageUp: -page,
    top: -Infinity,
    bottom: Infinity,
  };
  const step = command ? moves[command] : undefined;
  if (step === undefined) return offset;
  return Math.min(max, Math.max(0, offset + step));
}
