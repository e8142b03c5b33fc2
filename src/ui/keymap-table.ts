/**
 * Every key binding of the TUI, in one table. The reducer asks `commandFor` (keymap.ts) what a
 * key means, the footer shows `hintsFor`, the `?` overlay and README's table come from `KEYMAP`.
 */

/**
 * Where a binding applies. Each place (a panel, an overlay) reads a fixed list of scopes, and no
 * key is bound twice within one place (test/ui/keymap.test.ts), so a key means one thing there.
 */
export type Scope =
  | 'global'
  | 'list'
  | 'profiles'
  | 'endpoints'
  | 'request'
  | 'scroll'
  | 'response'
  | 'token'
  | 'picker'
  | 'matrix'
  | 'form'
  | 'dialog'
  | 'text';

export type Command =
  | 'profiles'
  | 'addProfile'
  | 'findEndpoint'
  | 'apiVersion'
  | 'grant'
  | 'editBody'
  | 'send'
  | 'cancel'
  | 'token'
  | 'refresh'
  | 'compare'
  | 'history'
  | 'copyCurl'
  | 'importCurl'
  | 'matrix'
  | 'mark'
  | 'scopePlan'
  | 'scopeAudit'
  | 'tick'
  | 'probe'
  | 'focusNext'
  | 'focusPrev'
  | 'help'
  | 'quit'
  | 'up'
  | 'down'
  | 'choose'
  | 'editProfile'
  | 'renameProfile'
  | 'deleteProfile'
  | 'keepDemo'
  | 'editField'
  | 'removeField'
  | 'lineDown'
  | 'lineUp'
  | 'pageDown'
  | 'pageUp'
  | 'top'
  | 'bottom'
  | 'findInBody'
  | 'nextMatch'
  | 'prevMatch'
  | 'saveBody'
  | 'toggleHeaders'
  | 'nextField'
  | 'prevField'
  | 'nextChoice'
  | 'prevChoice'
  | 'submitField'
  | 'confirm'
  | 'cursorLeft'
  | 'cursorRight'
  | 'lineStart'
  | 'lineEnd'
  | 'deleteBack'
  | 'clearLine'
  | 'deleteWord'
  | 'accept';

export interface Binding {
  readonly command: Command;
  readonly scope: Scope;
  /** As shown to people: `q`, `G`, `Enter`, `Esc`, `Tab`, `Shift+Tab`, `↑`, `PgDn`, `Ctrl+C`. */
  readonly keys: readonly string[];
  /** Short footer label; bindings without one appear only in the help. */
  readonly hint?: string;
  readonly help: string;
}

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'any panel (not while typing or in an overlay)',
  list: 'lists: profiles, endpoints, grant picker, history, compare picker',
  profiles: 'profiles panel',
  endpoints: 'endpoints panel',
  request: 'request panel',
  scroll: 'what scrolls: response, token card, help and compare/matrix/scopes',
  response: 'response panel',
  token: 'token panel',
  picker: 'compare picker',
  matrix: 'matrix view',
  form: 'profile form',
  dialog: 'questions (y/N)',
  text: 'text fields: search, request field, form, prompts',
};

/** The scopes each place reads, the most specific first. */
export const PLACES = {
  profiles: ['list', 'profiles', 'global'],
  endpoints: ['endpoints', 'list', 'global'],
  request: ['request', 'global'],
  response: ['scroll', 'response', 'global'],
  // The token card sits where the response does: the response's keys work on it as before.
  token: ['token', 'scroll', 'response', 'global'],
  help: ['scroll', 'global'],
  grantPicker: ['list', 'global'],
  comparePicker: ['picker', 'list', 'global'],
  history: ['list', 'global'],
  compareView: ['scroll', 'global'],
  matrixView: ['matrix', 'scroll', 'global'],
  scopesView: ['scroll', 'global'],
} as const satisfies Record<string, readonly Scope[]>;

export const KEYMAP: readonly Binding[] = [
  {
    command: 'profiles',
    scope: 'global',
    keys: ['p'],
    hint: 'profiles',
    help: 'focus the profiles list',
  },
  {
    command: 'addProfile',
    scope: 'global',
    keys: ['a'],
    hint: 'add',
    help: 'add a profile (a form)',
  },
  {
    command: 'findEndpoint',
    scope: 'global',
    keys: ['/'],
    hint: 'find',
    help: 'find an endpoint: type to search the catalog, Enter picks',
  },
  {
    command: 'grant',
    scope: 'global',
    // Not g: g/G are top/bottom wherever something scrolls or moves, as in vim, less and k9s.
    keys: ['o'],
    hint: 'grant',
    help: "pick the profile's grant; switching gets a new token",
  },
  {
    command: 'editBody',
    scope: 'global',
    keys: ['e'],
    hint: 'edit body',
    help: 'edit the request body in $EDITOR (fallback vi)',
  },
  {
    command: 'send',
    scope: 'global',
    keys: ['s'],
    hint: 'send',
    help: 'send the request (asks first for non-GET on a production profile)',
  },
  {
    command: 'cancel',
    scope: 'global',
    keys: ['Esc'],
    help: 'cancel the request in flight or a login; in an overlay or a text field: leave it',
  },
  {
    command: 'token',
    scope: 'global',
    keys: ['t'],
    hint: 'token',
    help: 'show the token panel (again: back to the response)',
  },
  {
    command: 'refresh',
    scope: 'global',
    keys: ['r'],
    hint: 'new token',
    help: 'get a new token now (a login grant opens the browser)',
  },
  {
    command: 'compare',
    scope: 'global',
    keys: ['c'],
    hint: 'compare',
    help: 'send the request with several profiles side by side (asks first for POST/PUT/PATCH/DELETE)',
  },
  {
    command: 'history',
    scope: 'global',
    keys: ['h'],
    hint: 'history',
    help: "the profile's history, newest first; Enter puts an entry back into the request",
  },
  {
    command: 'copyCurl',
    scope: 'global',
    keys: ['y'],
    hint: 'copy curl',
    help: 'copy the request as a curl command (the token is read at run time, never inlined)',
  },
  {
    command: 'importCurl',
    scope: 'global',
    keys: ['i'],
    hint: 'import curl',
    help: "import a pasted curl command into the request (only URLs of the profile's origin)",
  },
  {
    command: 'matrix',
    scope: 'global',
    keys: ['m'],
    hint: 'matrix',
    help: 'the access matrix of all profiles over the endpoint filter',
  },
  {
    command: 'focusNext',
    scope: 'global',
    keys: ['Tab'],
    hint: 'focus',
    help: 'focus the next panel',
  },
  { command: 'focusPrev', scope: 'global', keys: ['Shift+Tab'], help: 'focus the previous panel' },
  { command: 'help', scope: 'global', keys: ['?'], hint: 'help', help: 'this help' },
  {
    command: 'quit',
    scope: 'global',
    keys: ['q', 'Ctrl+C'],
    hint: 'quit',
    help: 'quit (Ctrl+C works even while typing)',
  },
  { command: 'up', scope: 'list', keys: ['↑', 'k'], help: 'move up' },
  { command: 'down', scope: 'list', keys: ['↓', 'j'], help: 'move down' },
  { command: 'top', scope: 'list', keys: ['g', 'Home'], help: 'first item' },
  { command: 'bottom', scope: 'list', keys: ['G', 'End'], help: 'last item' },
  {
    command: 'choose',
    scope: 'list',
    keys: ['Enter'],
    help: 'choose: use the profile, fill the request from the endpoint or history entry, switch grant, compare',
  },
  {
    command: 'editProfile',
    scope: 'profiles',
    keys: ['E'],
    hint: 'edit',
    help: 'edit the highlighted profile',
  },
  {
    command: 'renameProfile',
    scope: 'profiles',
    keys: ['R'],
    hint: 'rename',
    help: 'rename the highlighted profile',
  },
  {
    command: 'deleteProfile',
    scope: 'profiles',
    keys: ['D'],
    hint: 'delete',
    help: 'delete the highlighted profile and all keyhole kept for it (asks first, naming it)',
  },
  {
    command: 'keepDemo',
    scope: 'profiles',
    keys: ['S'],
    help: 'on a demo profile: why it is not saved, and the commands that keep one',
  },
  {
    command: 'apiVersion',
    scope: 'endpoints',
    keys: ['v'],
    hint: 'version',
    help: 'show one API version (v3, beta, v2025, …), the next, then all again',
  },
  {
    command: 'mark',
    scope: 'endpoints',
    keys: ['Space'],
    hint: 'mark',
    help: 'mark or unmark the operation for the scopes plan (marks stay while you search)',
  },
  {
    command: 'scopePlan',
    scope: 'endpoints',
    // L for least privilege: p, s and S are taken.
    keys: ['L'],
    hint: 'scopes plan',
    help: 'the scopes plan of the marked operations (or the highlighted one): fewest scopes, user, user level',
  },
  { command: 'up', scope: 'request', keys: ['↑', 'k'], help: 'previous field' },
  { command: 'down', scope: 'request', keys: ['↓', 'j'], help: 'next field' },
  { command: 'top', scope: 'request', keys: ['g', 'Home'], help: 'first field' },
  { command: 'bottom', scope: 'request', keys: ['G', 'End'], help: 'last field' },
  {
    command: 'editField',
    scope: 'request',
    keys: ['Enter'],
    hint: 'edit field',
    help: 'open the field to type in it (then Enter saves it and moves on, Esc cancels); on the body: $EDITOR',
  },
  {
    command: 'removeField',
    scope: 'request',
    keys: ['x', 'Delete'],
    hint: 'clear',
    help: "clear a parameter (a server variable goes back to the spec's default) or remove a header",
  },
  {
    command: 'nextChoice',
    scope: 'request',
    keys: ['→'],
    help: 'on a server variable the spec lists values for ({lang}: en, fr, …): the next value',
  },
  { command: 'prevChoice', scope: 'request', keys: ['←'], help: 'the same: the previous value' },
  {
    command: 'lineDown',
    scope: 'scroll',
    keys: ['j', '↓'],
    hint: 'scroll',
    help: 'scroll down a line',
  },
  { command: 'lineUp', scope: 'scroll', keys: ['k', '↑'], help: 'scroll up a line' },
  {
    command: 'pageDown',
    scope: 'scroll',
    keys: ['PgDn', 'Space'],
    hint: 'page',
    help: 'scroll down a page',
  },
  { command: 'pageUp', scope: 'scroll', keys: ['PgUp'], help: 'scroll up a page' },
  {
    command: 'top',
    scope: 'scroll',
    keys: ['g', 'Home'],
    hint: 'top',
    help: 'go to the first line',
  },
  {
    command: 'bottom',
    scope: 'scroll',
    keys: ['G', 'End'],
    hint: 'bottom',
    help: 'go to the last line',
  },
  {
    command: 'findInBody',
    scope: 'response',
    keys: ['f'],
    hint: 'find in body',
    help: 'find text in the body (case-insensitive)',
  },
  { command: 'nextMatch', scope: 'response', keys: ['n'], help: 'next match' },
  { command: 'prevMatch', scope: 'response', keys: ['N'], help: 'previous match' },
  {
    command: 'saveBody',
    scope: 'response',
    keys: ['w'],
    hint: 'save body',
    help: 'write the raw body to a file (default ./keyhole-response-<time>.json)',
  },
  {
    command: 'toggleHeaders',
    scope: 'response',
    keys: ['H'],
    hint: 'headers',
    help: 'show the response headers instead of the body (again: back)',
  },
  {
    command: 'scopeAudit',
    scope: 'token',
    keys: ['A'],
    hint: 'scopes audit',
    help: "the scopes audit of the current profile: its token's scopes beside what its recorded calls needed",
  },
  {
    command: 'tick',
    scope: 'picker',
    keys: ['Space'],
    help: 'tick or untick a profile',
  },
  {
    command: 'probe',
    scope: 'matrix',
    keys: ['P'],
    help: 'probe: call only GETs without path parameters, with every profile',
  },
  { command: 'nextField', scope: 'form', keys: ['Tab', '↓'], help: 'next field' },
  { command: 'prevField', scope: 'form', keys: ['Shift+Tab', '↑'], help: 'previous field' },
  {
    command: 'nextChoice',
    scope: 'form',
    keys: ['→', 'Space'],
    help: 'next option of a choice (or type its first letter)',
  },
  { command: 'prevChoice', scope: 'form', keys: ['←'], help: 'previous option of a choice' },
  {
    command: 'submitField',
    scope: 'form',
    keys: ['Enter'],
    help: 'save the field (checked at once) and move on; on Save, save the profile (Esc leaves)',
  },
  {
    command: 'confirm',
    scope: 'dialog',
    keys: ['y', 'Y'],
    help: 'yes (send to production, send a body that is not JSON, delete, store in plaintext); any other key is no',
  },
  { command: 'cursorLeft', scope: 'text', keys: ['←'], help: 'move the cursor left' },
  { command: 'cursorRight', scope: 'text', keys: ['→'], help: 'move the cursor right' },
  { command: 'lineStart', scope: 'text', keys: ['Home', 'Ctrl+A'], help: 'to the start' },
  { command: 'lineEnd', scope: 'text', keys: ['End', 'Ctrl+E'], help: 'to the end' },
  { command: 'deleteBack', scope: 'text', keys: ['Backspace'], help: 'delete before the cursor' },
  { command: 'clearLine', scope: 'text', keys: ['Ctrl+U'], help: 'delete to the start' },
  { command: 'deleteWord', scope: 'text', keys: ['Ctrl+W'], help: 'delete the word before' },
  {
    command: 'accept',
    scope: 'text',
    keys: ['Enter'],
    help: 'save the field and move on, pick the highlighted endpoint, answer the prompt (Esc: leave)',
  },
];
