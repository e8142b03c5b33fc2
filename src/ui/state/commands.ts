import { bodyJsonProblem, describeJsonProblem } from '../../core/call/json-body.js';
import { removalPlan } from '../../core/profiles/removal.js';
import { keepDemoCommands } from '../../core/session/demo-profiles.js';
import { draftUrl } from '../../core/session/index.js';
import type { Command } from '../keymap.js';
import { planTargets, toggleMark } from './endpoint-marks.js';
import { newProfileForm } from './profile-form.js';
import { editValue, editableInline, stepChoice } from './request-rows.js';
import { selectedInput, textInput } from './text-input.js';
import { PANELS, type PromptPurpose, type UiState, type ViewInfo, withEffect } from './ui-state.js';

/** What a command does to the UI state; work for the session goes out as effects. */
export function runCommand(state: UiState, command: Command, view: ViewInfo): UiState {
  switch (command) {
    case 'quit':
      return withEffect(state, { type: 'quit' });
    case 'profiles':
      return { ...state, focus: 'profiles' };
    case 'addProfile':
      return { ...state, overlay: { kind: 'form', form: newProfileForm() } };
    case 'findEndpoint':
      // A new search each time: the last one is rarely what comes next.
      return {
        ...state,
        focus: 'endpoints',
        search: { input: textInput(''), typing: true, selected: 0, version: state.search.version },
      };
    case 'apiVersion':
      return nextApiVersion(state, view);
    case 'grant':
      if (view.grants.length > 1) {
        const current = view.currentGrant;
        const cursor = current ? Math.max(0, view.grants.indexOf(current)) : 0;
        return { ...state, overlay: { kind: 'grant', cursor } };
      }
      return notify(state, `this profile can use only ${view.grants[0] ?? 'its own grant'}`);
    case 'editBody':
      return withEffect(state, { type: 'editBody' });
    case 'send':
      return send(state, view);
    case 'cancel':
      return withEffect(state, { type: 'cancel' });
    case 'token':
      return {
        ...state,
        focus: 'response',
        rightView: state.rightView === 'token' ? 'response' : 'token',
      };
    case 'refresh':
      return withEffect(state, { type: 'refreshToken' });
    case 'focusNext':
    case 'focusPrev': {
      const step = command === 'focusNext' ? 1 : PANELS.length - 1;
      const next = PANELS[(PANELS.indexOf(state.focus) + step) % PANELS.length] ?? 'profiles';
      return { ...state, focus: next };
    }
    case 'help':
      return { ...state, overlay: { kind: 'help', offset: 0 } };
    case 'up':
    case 'down':
      return move(state, cursorStep(command) ?? 0, view);
    case 'choose':
      return choose(state, view);
    case 'editProfile':
    case 'renameProfile':
    case 'deleteProfile':
    case 'keepDemo':
      return profileCommand(state, command, view);
    case 'editField':
      return editField(state, view);
    case 'removeField': {
      const row = view.rows[state.requestRow];
      return row ? withEffect(state, { type: 'clearField', row }) : state;
    }
    case 'nextChoice':
    case 'prevChoice':
      return stepValue(state, command === 'nextChoice' ? 1 : -1, view);
    case 'top':
    case 'bottom':
      // g/G: the first or last line where something scrolls, the first or last item elsewhere.
      if (state.focus !== 'response') return move(state, cursorStep(command) ?? 0, view);
      return scroll(state, command, view);
    case 'lineDown':
    case 'lineUp':
    case 'pageDown':
    case 'pageUp':
      return scroll(state, command, view);
    case 'findInBody':
      if (!view.hasBody) return notify(state, 'there is no response body to find in yet');
      // The last query, selected: typing replaces it, Enter looks for it again.
      return {
        ...state,
        overlay: {
          kind: 'prompt',
          purpose: 'findInBody',
          input: selectedInput(state.find.query),
          profileId: null,
          error: null,
        },
      };
    case 'nextMatch':
    case 'prevMatch': {
      if (state.find.query === '') return prompt(state, 'findInBody', '');
      return findStep(state, command === 'nextMatch' ? 1 : -1, view.pageSize);
    }
    case 'saveBody':
      if (!view.hasBody) return notify(state, 'there is no response body to save yet');
      return prompt(state, 'saveBody', view.defaultBodyFile);
    case 'compare': {
      if (view.profiles.length < 2) return notify(state, 'compare needs two or more profiles');
      const current = view.currentProfileId;
      const ticked = current ? [current] : [];
      return { ...state, overlay: { kind: 'comparePick', cursor: 0, ticked } };
    }
    case 'history':
      return withEffect(
        { ...state, overlay: { kind: 'history', cursor: 0 } },
        { type: 'loadHistory' },
      );
    case 'copyCurl':
      return withEffect(state, { type: 'copyCurl' });
    case 'importCurl':
      return prompt(state, 'importCurl', '');
    case 'matrix':
      return withEffect(
        { ...state, overlay: { kind: 'matrix', offset: 0 } },
        { type: 'buildMatrix', search: state.search.input.value },
      );
    case 'mark': {
      const id = view.endpointIds[state.search.selected];
      return id === undefined ? state : { ...state, marks: toggleMark(state.marks, id) };
    }
    case 'scopePlan': {
      const ids = planTargets(state.marks, view.endpointIds[state.search.selected]);
      if (ids.length === 0) return notify(state, 'no operation to plan: mark some with Space');
      return { ...state, overlay: { kind: 'scopePlan', offset: 0, ids } };
    }
    case 'scopeAudit':
      return withEffect(
        { ...state, overlay: { kind: 'scopeAudit', offset: 0 } },
        { type: 'auditScopes' },
      );
    case 'toggleHeaders':
      return { ...state, rightView: 'response', showHeaders: !state.showHeaders };
    default:
      // Form, dialog and text-field keys are read where those are open.
      return state;
  }
}

/**
 * The next or previous hit: after the one shown while it is on screen, else from the top line
 * shown (the body was scrolled away from it).
 */
export function findStep(state: UiState, direction: 1 | -1, pageSize: number): UiState {
  const { query, match } = state.find;
  const top = state.offsets.body;
  const onScreen = match !== null && match.line >= top && match.line < top + pageSize;
  return withEffect(state, {
    type: 'findInBody',
    query,
    from: onScreen ? match.line : top + (direction === 1 ? 0 : pageSize - 1),
    direction,
    ...(onScreen ? { current: match.index } : {}),
  });
}

function notify(state: UiState, text: string): UiState {
  return withEffect(state, { type: 'notify', kind: 'error', text });
}

function prompt(
  state: UiState,
  purpose: PromptPurpose,
  value: string,
  profileId: string | null = null,
): UiState {
  return {
    ...state,
    overlay: { kind: 'prompt', purpose, input: textInput(value), profileId, error: null },
  };
}

function send(state: UiState, view: ViewInfo): UiState {
  if (view.sending) return state;
  const draft = view.draft;
  const problem = bodyJsonProblem(draft.body, draft.headers);
  if (problem) {
    const text = describeJsonProblem(problem);
    return { ...state, overlay: { kind: 'confirmInvalidJson', problem: text } };
  }
  return sendChecked(state, view);
}

/** Send, after the body check: a non-GET with a production profile still asks first. */
export function sendChecked(state: UiState, view: ViewInfo): UiState {
  if (view.production && view.method.toUpperCase() !== 'GET') {
    const current = view.profiles.find((p) => p.id === view.currentProfileId);
    const url = current ? draftUrl(view.draft, current.profile.baseUrl) : view.draft.pathTemplate;
    const profile = current?.name ?? '';
    return { ...state, overlay: { kind: 'confirmSend', method: view.method, url, profile } };
  }
  return sendNow(state);
}

/** Sends, and shows the response panel focused so the body can be scrolled at once. */
export function sendNow(state: UiState): UiState {
  return withEffect(
    { ...state, focus: 'response', rightView: 'response', showHeaders: false },
    { type: 'send' },
  );
}

/** How far a cursor command moves a list cursor: ±1, or to either end; null for other commands. */
export function cursorStep(command: Command | null): number | null {
  if (command === 'up') return -1;
  if (command === 'down') return 1;
  if (command === 'top') return -Infinity;
  if (command === 'bottom') return Infinity;
  return null;
}

/** `v` in the Endpoints panel: all versions → the first → … → the last → all again. */
function nextApiVersion(state: UiState, view: ViewInfo): UiState {
  if (view.apiVersions.length === 0) {
    return notify(
      state,
      'no API versions here: no path starts with /v3, /beta, /v2025 or the like',
    );
  }
  const at = state.search.version === null ? -1 : view.apiVersions.indexOf(state.search.version);
  const version = view.apiVersions[at + 1] ?? null;
  return { ...state, focus: 'endpoints', search: { ...state.search, version, selected: 0 } };
}

/** A list cursor moved by `step`, kept within `count` items. */
export function stepCursor(cursor: number, step: number, count: number): number {
  return Math.min(Math.max(0, count - 1), Math.max(0, cursor + step));
}

function move(state: UiState, step: number, view: ViewInfo): UiState {
  if (state.focus === 'profiles') {
    const ids = view.profiles.map((p) => p.id);
    const at = Math.max(0, ids.indexOf(state.highlightedProfile ?? view.currentProfileId ?? ''));
    const next = ids[stepCursor(at, step, ids.length)];
    return next === undefined ? state : { ...state, highlightedProfile: next };
  }
  if (state.focus === 'endpoints') {
    const selected = stepCursor(state.search.selected, step, view.endpointIds.length);
    return { ...state, search: { ...state.search, selected } };
  }
  if (state.focus === 'request') {
    return { ...state, requestRow: stepCursor(state.requestRow, step, view.rows.length) };
  }
  return state;
}

function choose(state: UiState, view: ViewInfo): UiState {
  if (state.focus === 'profiles') {
    const id = state.highlightedProfile ?? view.currentProfileId;
    return id ? withEffect(state, { type: 'selectProfile', id }) : state;
  }
  if (state.focus !== 'endpoints') return state;
  const id = view.endpointIds[state.search.selected];
  if (id === undefined) return state;
  return withEffect({ ...state, focus: 'request', requestRow: 0 }, { type: 'pickOperation', id });
}

function editField(state: UiState, view: ViewInfo): UiState {
  const row = view.rows[state.requestRow];
  if (!row) return state;
  if (row.kind === 'body') return withEffect(state, { type: 'editBody' });
  if (!editableInline(row)) {
    return notify(
      state,
      "Authorization carries the profile's token: switch profile, or r for a new one",
    );
  }
  return { ...state, editing: { row, input: textInput(editValue(view.draft, row)), error: null } };
}

/**
 * ←/→ on a server variable with listed values: the next or previous one, saved at once. The
 * step is taken from the session's draft when the effect runs, so →→ in one burst moves twice.
 */
function stepValue(state: UiState, step: 1 | -1, view: ViewInfo): UiState {
  const row = view.rows[state.requestRow];
  if (!row || stepChoice(view.draft, row, step) === null) return state;
  return withEffect(state, { type: 'stepField', row, step });
}

function profileCommand(
  state: UiState,
  command: 'editProfile' | 'renameProfile' | 'deleteProfile' | 'keepDemo',
  view: ViewInfo,
): UiState {
  const id = state.highlightedProfile ?? view.currentProfileId;
  const target = view.profiles.find((p) => p.id === id);
  if (!target) return state;
  if (command === 'keepDemo') {
    if (target.origin !== 'demo') return notify(state, `${target.name} is saved already`);
    const commands = keepDemoCommands(target.profile);
    return { ...state, overlay: { kind: 'demoNotSaved', name: target.name, commands } };
  }
  if (target.origin === 'demo') {
    return notify(
      state,
      `${target.name} is a demo profile and lasts until you quit: S says how to keep one`,
    );
  }
  if (command === 'editProfile') {
    return { ...state, overlay: { kind: 'form', form: newProfileForm(target.profile, target.id) } };
  }
  if (command === 'renameProfile') return prompt(state, 'rename', target.name, target.id);
  const plan = removalPlan(target.profile);
  return {
    ...state,
    overlay: { kind: 'confirmDelete', profileId: target.id, name: target.name, ...plan },
  };
}

function scroll(
  state: UiState,
  command: 'lineDown' | 'lineUp' | 'pageDown' | 'pageUp' | 'top' | 'bottom',
  view: ViewInfo,
): UiState {
  const which = state.rightView === 'token' ? 'token' : state.showHeaders ? 'headers' : 'body';
  const max = Math.max(0, view.rightLines - view.pageSize);
  const page = Math.max(1, view.pageSize - 1);
  const current = Math.min(state.offsets[which], max);
  const target = {
    lineDown: current + 1,
    lineUp: current - 1,
    pageDown: current + page,
    pageUp: current - page,
    top: 0,
    bottom: max,
  }[command];
  const offset = Math.min(max, Math.max(0, target));
  return { ...state, offsets: { ...state.offsets, [which]: offset } };
}
