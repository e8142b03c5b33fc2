import type { BodyMatch } from '../../core/session/index.js';
import { type KeyPress, PLACES, type Scope, commandFor, isText } from '../keymap.js';
import { runCommand } from './commands.js';
import { forContent, shownIn } from './content-scroll.js';
import { overlayKey } from './overlay-keys.js';
import { formFields, issueFromError } from './profile-form.js';
import { applyField, requestRows } from './request-rows.js';
import { editText } from './text-input.js';
import { type Effect, type PanelId, type UiState, type ViewInfo, withEffect } from './ui-state.js';

export type UiAction =
  | {
      readonly type: 'key';
      readonly input: string;
      readonly key: KeyPress;
      readonly view: ViewInfo;
    }
  | { readonly type: 'profilesChanged' }
  | { readonly type: 'effectsTaken'; readonly effects: readonly Effect[] }
  | { readonly type: 'effectDone'; readonly effect: Effect }
  | {
      readonly type: 'effectFailed';
      readonly effect: Effect;
      readonly message: string;
      readonly hint: string | null;
      readonly keychain: boolean;
    }
  /** A find ran over the response numbered `response`. */
  | { readonly type: 'bodyFound'; readonly match: BodyMatch | null; readonly response: number }
  | {
      readonly type: 'showCurl';
      readonly command: string;
      /** Where the copy went, or why it could not be made. */
      readonly why: string;
      readonly warnings: readonly string[];
    };

/**
 * The whole UI state machine. Keys arrive as actions (with what the last render showed), so a
 * burst of keys is applied one after another to the newest state and none is lost.
 */
export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'key':
      return onKey(forContent(state, shownIn(action.view)), action.input, action.key, action.view);
    case 'profilesChanged':
      return { ...state, highlightedProfile: null };
    case 'effectsTaken':
      return { ...state, effects: state.effects.filter((e) => !action.effects.includes(e)) };
    case 'effectDone':
      return onEffectDone(state, action.effect);
    case 'effectFailed':
      return onEffectFailed(state, action);
    case 'bodyFound': {
      if (action.match === null) return state;
      const searched = forContent(state, { ...state.scrolledFor, response: action.response });
      return {
        ...searched,
        find: { ...searched.find, match: action.match },
        offsets: { ...searched.offsets, body: action.match.line },
      };
    }
    case 'showCurl':
      return {
        ...state,
        overlay: {
          kind: 'curl',
          command: action.command,
          offset: 0,
          why: action.why,
          warnings: action.warnings,
        },
      };
  }
}

/**
 * Printable keys that arrive together (key repeat, a busy event loop, SSH) are one chunk:
 * `jjjj`. Each character is its own key, read against the state the one before it left, until a
 * text field has the keyboard: there the rest of the chunk is typed (or pasted) text.
 */
function onKey(state: UiState, input: string, key: KeyPress, view: ViewInfo): UiState {
  const chars = [...input];
  if (chars.length < 2 || !isText(input, key)) return onOneKey(state, input, key, view);
  let next = state;
  for (const [at, char] of chars.entries()) {
    if (typingIn(next)) return onOneKey(next, chars.slice(at).join(''), key, view);
    const before = next;
    next = onOneKey(next, char, { ...key, shift: /^[A-Z]$/.test(char) }, view);
    // A question (send to production? delete?) is answered by a person who has seen it, never
    // by keys typed ahead of it: once a key opens one, the rest of the chunk is dropped.
    if (asking(next) && next.overlay !== before.overlay) return next;
  }
  return next;
}

/** Whether a confirmation dialog (or an explanation to read before going on) is open. */
function asking(state: UiState): boolean {
  const kind = state.overlay?.kind;
  return kind !== undefined && (kind.startsWith('confirm') || kind === 'demoNotSaved');
}

/** Whether printable keys are text now (a field has the keyboard) rather than commands. */
function typingIn(state: UiState): boolean {
  const overlay = state.overlay;
  if (overlay?.kind === 'prompt') return true;
  if (overlay?.kind === 'form') {
    const focused = formFields(overlay.form).find((field) => field.key === overlay.form.focus);
    return focused?.type === 'text';
  }
  if (overlay) return false;
  return state.editing !== null || (state.focus === 'endpoints' && state.search.typing);
}

function onOneKey(state: UiState, input: string, key: KeyPress, view: ViewInfo): UiState {
  // Ctrl+C quits from anywhere, even while typing (q is text there).
  if (key.ctrl && commandFor(['global'], input, key) === 'quit') {
    return withEffect(state, { type: 'quit' });
  }
  if (state.overlay) return overlayKey(state, state.overlay, input, key, view);
  if (state.editing) return editingKey(state, input, key, view);
  if (state.focus === 'endpoints' && state.search.typing) return searchKey(state, input, key, view);
  const command = commandFor(scopesOf(state.focus, state.rightView), input, key);
  return command ? runCommand(state, command, view) : state;
}

/**
 * The scopes the focused panel reads its keys from (keymap-table's PLACES); the right-hand
 * panel reads the token panel's when it shows the token card.
 */
export function scopesOf(
  focus: PanelId,
  rightView: UiState['rightView'] = 'response',
): readonly Scope[] {
  return focus === 'response' && rightView === 'token' ? PLACES.token : PLACES[focus];
}

function editingKey(state: UiState, input: string, key: KeyPress, view: ViewInfo): UiState {
  const editing = state.editing;
  if (!editing) return state;
  const command = isText(input, key) ? null : commandFor(['text', 'global'], input, key);
  if (command === 'cancel') return { ...state, editing: null };
  if (command === 'accept') {
    const result = applyField(view.draft, editing.row, editing.input.value);
    if ('error' in result) return { ...state, editing: { ...editing, error: result.error } };
    const effect = { type: 'setField' as const, row: editing.row, value: editing.input.value };
    // Saved, then on to the next field, as Enter does in the profile form. After a row is added
    // (a header, a parameter) the next one is the "+" row again, ready for another.
    const requestRow = Math.min(state.requestRow + 1, requestRows(result.draft).length - 1);
    return withEffect({ ...state, editing: null, requestRow }, effect);
  }
  const next = editText(editing.input, input, key);
  if (next === editing.input) return state;
  return { ...state, editing: { ...editing, input: next, error: null } };
}

/** Typing in the endpoint search: text filters, ↑/↓ move, Enter picks, Esc stops typing. */
function searchKey(state: UiState, input: string, key: KeyPress, view: ViewInfo): UiState {
  const search = state.search;
  const stopped = { ...state, search: { ...search, typing: false } };
  const command = isText(input, key) ? null : commandFor(['text', 'list', 'global'], input, key);
  switch (command) {
    case 'cancel':
      return stopped;
    case 'up':
    case 'down':
      return runCommand(state, command, view);
    case 'accept':
      return runCommand(stopped, 'choose', view);
    case 'focusNext':
    case 'focusPrev':
      return runCommand(stopped, command, view);
    default: {
      const next = editText(search.input, input, key);
      if (next === search.input) return state;
      return { ...state, search: { ...search, input: next, selected: 0 } };
    }
  }
}

function onEffectDone(state: UiState, effect: Effect): UiState {
  const overlay = state.overlay;
  if (
    (effect.type === 'addProfile' || effect.type === 'updateProfile') &&
    overlay?.kind === 'form'
  ) {
    return { ...state, overlay: null };
  }
  return state;
}

function onEffectFailed(
  state: UiState,
  action: Extract<UiAction, { type: 'effectFailed' }>,
): UiState {
  const { effect, message, hint, keychain } = action;
  const retry = keychain ? withFileStore(effect) : null;
  if (retry) {
    return {
      ...state,
      overlay: { kind: 'confirmInsecure', retry, message: `${message}.`, back: formBack(state) },
    };
  }
  const overlay = state.overlay;
  if (overlay?.kind === 'form') {
    // Everything typed stays; the message goes beside the field it is about.
    const form = overlay.form;
    const issue = issueFromError(form, message);
    const next = issue
      ? { ...form, error: issue.message, errorField: issue.field, focus: issue.field }
      : { ...form, error: message, errorField: null };
    return { ...state, overlay: { kind: 'form', form: { ...next, hint, busy: false } } };
  }
  return withEffect(state, {
    type: 'notify',
    kind: 'error',
    text: hint ? `${message}. ${hint}` : message,
  });
}

/** The same save with the secret in the 0600 plaintext file instead of the keychain. */
function withFileStore(effect: Effect): Effect | null {
  if (
    (effect.type === 'addProfile' || effect.type === 'updateProfile') &&
    effect.profile.secret.store === 'keyring'
  ) {
    return { ...effect, profile: { ...effect.profile, secret: { store: 'file' } } };
  }
  return null;
}

function formBack(state: UiState) {
  const overlay = state.overlay;
  return overlay?.kind === 'form'
    ? { kind: 'form' as const, form: { ...overlay.form, busy: false } }
    : null;
}
