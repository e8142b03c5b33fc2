import { type KeyPress, PLACES, commandFor, isText } from '../keymap.js';
import { cursorStep, findStep, sendChecked, sendNow, stepCursor } from './commands.js';
import { formKey } from './form-keys.js';
import { editText, textInput } from './text-input.js';
import { type Overlay, type UiState, type ViewInfo, withEffect } from './ui-state.js';
import { scrolled, viewKey } from './view-keys.js';

/** Keys while an overlay covers the panels: only the overlay hears them. */
export function overlayKey(
  state: UiState,
  overlay: Overlay,
  input: string,
  key: KeyPress,
  view: ViewInfo,
): UiState {
  const close = { ...state, overlay: null };
  switch (overlay.kind) {
    case 'help': {
      // The help scrolls like a response body, with the same keys.
      const command = commandFor(PLACES.help, input, key);
      if (command === 'cancel' || command === 'help' || command === 'quit') return close;
      const offset = scrolled(overlay.offset, command, view.pageSize, view.helpLines);
      return offset === overlay.offset ? state : { ...state, overlay: { ...overlay, offset } };
    }
    case 'grant': {
      const command = commandFor(PLACES.grantPicker, input, key);
      if (command === 'cancel') return close;
      const step = cursorStep(command);
      if (step !== null) {
        const cursor = stepCursor(overlay.cursor, step, view.grants.length);
        return { ...state, overlay: { ...overlay, cursor } };
      }
      const grant = view.grants[overlay.cursor];
      if (command !== 'choose' || !grant) return state;
      return withEffect(close, { type: 'setGrant', grant });
    }
    case 'confirmInvalidJson':
      return yes(input, key) ? sendChecked(close, view) : close;
    case 'confirmSend':
      return yes(input, key) ? sendNow(close) : close;
    case 'demoNotSaved':
      return close;
    case 'confirmDelete':
      if (!yes(input, key)) return close;
      return withEffect(close, { type: 'deleteProfile', id: overlay.profileId });
    case 'confirmInsecure':
      if (yes(input, key)) {
        // The form stays behind the retry, so a failure (the name taken meanwhile) lands in it.
        const back = overlay.back?.kind === 'form' ? overlay.back : null;
        const behind = back ? { ...back, form: { ...back.form, busy: true } } : null;
        return withEffect({ ...state, overlay: behind }, overlay.retry);
      }
      return { ...state, overlay: overlay.back };
    case 'prompt':
      return promptKey(state, overlay, input, key, view);
    case 'form':
      return formKey(state, overlay.form, input, key, view);
    case 'comparePick':
    case 'confirmCompare':
    case 'compare':
    case 'history':
    case 'matrix':
    case 'scopePlan':
    case 'scopeAudit':
    case 'curl':
      return viewKey(state, overlay, input, key, view);
  }
}

function yes(input: string, key: KeyPress): boolean {
  return commandFor(['dialog'], input, key) === 'confirm';
}

function promptKey(
  state: UiState,
  overlay: Extract<Overlay, { kind: 'prompt' }>,
  input: string,
  key: KeyPress,
  view: ViewInfo,
): UiState {
  const command = isText(input, key) ? null : commandFor(['text', 'global'], input, key);
  if (command === 'cancel') return { ...state, overlay: null };
  const value = overlay.input.value.trim();
  // A pasted multi-line curl command: a line ending in a backslash continues on the next.
  if (command === 'accept' && overlay.purpose === 'importCurl' && value.endsWith('\\')) {
    const input = textInput(`${value.slice(0, -1).trimEnd()} `);
    return { ...state, overlay: { ...overlay, input: { ...input, cursor: input.value.length } } };
  }
  if (command !== 'accept') {
    const next = editText(overlay.input, input, key);
    if (next === overlay.input) return state;
    return { ...state, overlay: { ...overlay, input: next, error: null } };
  }
  if (value === '') return { ...state, overlay: { ...overlay, error: 'type something first' } };
  const close = { ...state, overlay: null };
  const id = overlay.profileId ?? '';
  switch (overlay.purpose) {
    case 'rename':
      return withEffect(close, { type: 'renameProfile', id, name: value });
    case 'saveBody':
      return withEffect(close, { type: 'saveBody', path: value });
    case 'importCurl':
      return withEffect(close, { type: 'importCurl', text: value });
    case 'findInBody': {
      const query = overlay.input.value;
      // The same query again (Enter on the one offered): on to its next hit.
      if (query === state.find.query && state.find.match) return findStep(close, 1, view.pageSize);
      return withEffect(
        { ...close, find: { query, match: null } },
        { type: 'findInBody', query, from: state.offsets.body, direction: 1 },
      );
    }
  }
}
