import type { Profile } from '../../src/core/profiles/schema.js';
import { EMPTY_DRAFT, type RequestDraft } from '../../src/core/session/index.js';
import type { KeyPress } from '../../src/ui/keymap.js';
import { requestRows } from '../../src/ui/state/request-rows.js';
import { uiReducer } from '../../src/ui/state/ui-reducer.js';
import type { UiState, ViewInfo } from '../../src/ui/state/ui-state.js';
import { KEY } from './keys.js';

/** What the reducer tests share: a saved profile, a POST draft and the view of them. */
export const PROFILE: Profile = {
  name: 'acme-pat',
  baseUrl: 'https://acme.api.identitynow.com',
  grant: 'client_credentials',
  clientId: 'c',
  secret: { store: 'keyring' },
  scopes: [],
  kind: 'pat',
  preset: 'sailpoint',
  specs: [],
  tags: [],
};

export const DRAFT: RequestDraft = {
  ...EMPTY_DRAFT,
  method: 'POST',
  pathTemplate: '/v3/access-requests',
  query: [{ name: 'limit', value: '', required: false, example: '250' }],
  body: '{}',
};

export function view(overrides: Partial<ViewInfo> = {}): ViewInfo {
  const draft = overrides.draft ?? DRAFT;
  return {
    endpointIds: ['GET /v3/identities', 'POST /v3/access-requests', 'GET /beta/workflows'],
    apiVersions: ['v3', 'beta'],
    currentProfileId: 'saved:acme-pat',
    profiles: [{ id: 'saved:acme-pat', name: 'acme-pat', origin: 'saved', profile: PROFILE }],
    production: false,
    method: draft.method,
    draft,
    rows: requestRows(draft),
    rightLines: 1000,
    pageSize: 20,
    sending: false,
    hasBody: true,
    grants: ['client_credentials', 'authorization_code'],
    currentGrant: 'client_credentials',
    helpLines: 60,
    defaultBodyFile: './keyhole-response-x.json',
    historyIds: [],
    viewLines: 0,
    responseNumber: null,
    ...overrides,
  };
}

/** Applies key presses one after another, as a burst would arrive. */
export function press(
  state: UiState,
  keys: Array<[string, KeyPress] | string>,
  info = view(),
): UiState {
  return keys.reduce<UiState>((current, item) => {
    const [input, key] = typeof item === 'string' ? KEY.char(item) : item;
    return uiReducer(current, { type: 'key', input, key, view: info });
  }, state);
}

export const effectTypes = (state: UiState) => state.effects.map((effect) => effect.type);
