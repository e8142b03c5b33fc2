import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/core/profiles/schema.js';
import { EMPTY_DRAFT } from '../../src/core/session/index.js';
import type { KeyPress } from '../../src/ui/keymap.js';
import { uiReducer } from '../../src/ui/state/ui-reducer.js';
import { INITIAL_UI, type UiState, type ViewInfo } from '../../src/ui/state/ui-state.js';
import { KEY } from './keys.js';

const profile = (name: string): Profile => ({
  name,
  baseUrl: 'https://acme.api.identitynow.com',
  grant: 'client_credentials',
  clientId: 'c',
  secret: { store: 'keyring' },
  scopes: [],
  kind: 'pat',
  preset: 'sailpoint',
  specs: [],
  tags: [],
});

function view(overrides: Partial<ViewInfo> = {}): ViewInfo {
  return {
    endpointIds: [],
    apiVersions: [],
    currentProfileId: 'saved:a',
    profiles: ['a', 'b', 'c'].map((name) => ({
      id: `saved:${name}`,
      name,
      origin: 'saved' as const,
      profile: profile(name),
    })),
    production: false,
    method: 'GET',
    draft: EMPTY_DRAFT,
    rows: [],
    rightLines: 0,
    pageSize: 10,
    sending: false,
    hasBody: false,
    grants: ['client_credentials'],
    currentGrant: 'client_credentials',
    helpLines: 0,
    defaultBodyFile: './x.json',
    historyIds: ['h1', 'h2', 'h3'],
    viewLines: 50,
    responseNumber: null,
    ...overrides,
  };
}

function press(state: UiState, keys: Array<[string, KeyPress] | string>, info = view()): UiState {
  return keys.reduce<UiState>((current, item) => {
    const [input, key] = typeof item === 'string' ? KEY.char(item) : item;
    return uiReducer(current, { type: 'key', input, key, view: info });
  }, state);
}

describe('the compare, history, curl and matrix keys', () => {
  it('c opens the picker with the current profile ticked; Space ticks, Enter compares a GET', () => {
    const picked = press(INITIAL_UI, ['c', 'j', ' ']);
    expect(picked.overlay).toEqual({
      kind: 'comparePick',
      cursor: 1,
      ticked: ['saved:a', 'saved:b'],
    });
    const sent = press(picked, [KEY.enter]);
    expect(sent.overlay).toEqual({ kind: 'compare', offset: 0 });
    expect(sent.effects).toEqual([{ type: 'compare', ids: ['saved:a', 'saved:b'] }]);
  });

  it('a mutating method asks first; y sends, any other key cancels', () => {
    const info = view({ method: 'POST' });
    const asked = press(INITIAL_UI, ['c', 'j', ' ', KEY.enter], info);
    expect(asked.overlay).toEqual({
      kind: 'confirmCompare',
      ids: ['saved:a', 'saved:b'],
      method: 'POST',
    });
    expect(press(asked, ['y'], info).effects).toEqual([
      { type: 'compare', ids: ['saved:a', 'saved:b'] },
    ]);
    const no = press(asked, ['n'], info);
    expect(no.overlay).toBeNull();
    expect(no.effects).toEqual([]);
  });

  it('one ticked profile is not enough; untick works', () => {
    const alone = press(INITIAL_UI, ['c', KEY.enter]);
    expect(alone.overlay?.kind).toBe('comparePick');
    expect(alone.effects[0]).toMatchObject({ type: 'notify', kind: 'error' });
    const none = press(INITIAL_UI, ['c', ' ']);
    expect(none.overlay).toMatchObject({ ticked: [] });
  });

  it('h loads the history; j and Enter replay the second entry into the request panel', () => {
    const open = press(INITIAL_UI, ['h']);
    expect(open.overlay).toEqual({ kind: 'history', cursor: 0 });
    expect(open.effects).toEqual([{ type: 'loadHistory' }]);
    const replayed = press({ ...open, effects: [] }, ['j', KEY.enter]);
    expect(replayed.overlay).toBeNull();
    expect(replayed.focus).toBe('request');
    expect(replayed.effects).toEqual([{ type: 'replayHistory', id: 'h2' }]);
  });

  it('h means history even in the response panel; H toggles the headers there', () => {
    const response = { ...INITIAL_UI, focus: 'response' as const };
    expect(press(response, ['h']).overlay?.kind).toBe('history');
    expect(press(response, ['H']).showHeaders).toBe(true);
  });

  it('y copies, m opens the matrix over the search, P probes, j scrolls', () => {
    expect(press(INITIAL_UI, ['y']).effects).toEqual([{ type: 'copyCurl' }]);
    const searched = {
      ...INITIAL_UI,
      search: { ...INITIAL_UI.search, input: { value: 'iden', cursor: 4 } },
    };
    const matrix = press(searched, ['m']);
    expect(matrix.effects).toEqual([{ type: 'buildMatrix', search: 'iden' }]);
    const probed = press({ ...matrix, effects: [] }, ['P', 'j', 'j']);
    expect(probed.effects).toEqual([{ type: 'probeMatrix' }]);
    expect(probed.overlay).toEqual({ kind: 'matrix', offset: 2 });
    expect(press(probed, [KEY.escape]).overlay).toBeNull();
  });

  it('i reads a curl command; a line ending in a backslash continues', () => {
    const open = press(INITIAL_UI, ['i']);
    const typed = press(open, ['curl https://x/v3 \\', KEY.enter, "-d '{}'", KEY.enter]);
    expect(typed.overlay).toBeNull();
    expect(typed.effects).toEqual([{ type: 'importCurl', text: "curl https://x/v3 -d '{}'" }]);
  });

  it('the curl overlay opens when no clipboard took the command, and closes on Enter', () => {
    const shown = uiReducer(INITIAL_UI, {
      type: 'showCurl',
      command: 'curl x',
      why: 'not copied',
      warnings: [],
    });
    expect(shown.overlay).toEqual({
      kind: 'curl',
      command: 'curl x',
      why: 'not copied',
      warnings: [],
      offset: 0,
    });
    expect(press(shown, [KEY.enter]).overlay).toBeNull();
  });
});
