import { describe, expect, it } from 'vitest';
import { requestRows } from '../../src/ui/state/request-rows.js';
import { newProfileForm } from '../../src/ui/state/profile-form.js';
import { type UiAction, uiReducer } from '../../src/ui/state/ui-reducer.js';
import { INITIAL_UI, type UiState } from '../../src/ui/state/ui-state.js';
import { KEY } from './keys.js';
import { DRAFT, PROFILE, effectTypes, press, view } from './reducer-fixture.js';

describe('the UI reducer', () => {
  it('/ focuses the endpoint search; typed keys go to it, not to global commands', () => {
    const state = press(INITIAL_UI, ['/', 'q', 's', 'g']);
    expect(state.focus).toBe('endpoints');
    expect(state.search.typing).toBe(true);
    expect(state.search.input.value).toBe('qsg');
    expect(state.effects).toEqual([]);
  });

  it('a burst of ↓ ↓ Enter picks the third endpoint (no key lost)', () => {
    const state = press(INITIAL_UI, ['/', KEY.down, KEY.down, KEY.enter]);
    expect(state.effects).toEqual([{ type: 'pickOperation', id: 'GET /beta/workflows' }]);
    expect(state.focus).toBe('request');
  });

  it('Esc stops typing; then j/k move the endpoint list', () => {
    const state = press(INITIAL_UI, ['/', KEY.escape, 'j', 'j', 'k']);
    expect(state.search.typing).toBe(false);
    expect(state.search.selected).toBe(1);
  });

  it('Ctrl+C quits even while typing', () => {
    expect(effectTypes(press(INITIAL_UI, ['/', 'a', KEY.ctrlC]))).toEqual(['quit']);
  });

  it('Tab and Shift+Tab cycle the focus through the four panels', () => {
    const forward = press(INITIAL_UI, [KEY.tab, KEY.tab, KEY.tab]);
    expect(forward.focus).toBe('response');
    expect(press(forward, [KEY.tab]).focus).toBe('profiles');
    expect(press(INITIAL_UI, [KEY.shiftTab]).focus).toBe('response');
  });

  it('s sends at once and focuses the response; with a production profile it asks first', () => {
    const sent = press(INITIAL_UI, ['s']);
    expect(effectTypes(sent)).toEqual(['send']);
    expect(sent.focus).toBe('response');

    const production = view({ production: true });
    const asked = press(INITIAL_UI, ['s'], production);
    // The question names what a yes sends: the method and the full URL.
    expect(asked.overlay).toEqual({
      kind: 'confirmSend',
      method: 'POST',
      url: 'https://acme.api.identitynow.com/v3/access-requests',
      profile: 'acme-pat',
    });
    expect(asked.effects).toEqual([]);
    expect(effectTypes(press(asked, ['y'], production))).toEqual(['send']);
    const declined = press(asked, ['n'], production);
    expect(declined.overlay).toBeNull();
    expect(declined.effects).toEqual([]);
  });

  it('a production GET is sent without asking', () => {
    const get = view({ production: true, method: 'GET' });
    expect(effectTypes(press(INITIAL_UI, ['s'], get))).toEqual(['send']);
  });

  it('in the response panel g/G/j/k/PgDn scroll the body within its bounds', () => {
    const focused = { ...INITIAL_UI, focus: 'response' as const };
    const bottom = press(focused, ['G']);
    expect(bottom.offsets.body).toBe(980);
    expect(press(bottom, ['j']).offsets.body).toBe(980);
    const top = press(bottom, ['g']);
    expect(top.offsets.body).toBe(0);
    expect(press(top, ['k']).offsets.body).toBe(0);
    expect(press(top, ['j', 'j', KEY.pageDown]).offsets.body).toBe(21);
  });

  it('o opens the grant picker from any panel, and only with a choice', () => {
    const picker = press(INITIAL_UI, ['o']);
    expect(picker.overlay).toEqual({ kind: 'grant', cursor: 0 });
    const moved = press(picker, ['j', 'j', 'k', 'j']);
    expect(moved.overlay).toEqual({ kind: 'grant', cursor: 1 });
    expect(press(moved, [KEY.enter]).effects).toEqual([
      { type: 'setGrant', grant: 'authorization_code' },
    ]);
    const single = press(INITIAL_UI, ['o'], view({ grants: ['client_credentials'] }));
    expect(single.overlay).toBeNull();
    expect(effectTypes(single)).toEqual(['notify']);
  });

  it('Esc asks the session to cancel, and closes an overlay without cancelling', () => {
    expect(effectTypes(press(INITIAL_UI, [KEY.escape]))).toEqual(['cancel']);
    const help = press(INITIAL_UI, ['?']);
    expect(help.overlay?.kind).toBe('help');
    const closed = press(help, [KEY.escape]);
    expect(closed.overlay).toBeNull();
    expect(closed.effects).toEqual([]);
  });

  it('the help overlay scrolls with the body keys and stops at its last page', () => {
    const help = press(INITIAL_UI, ['?']);
    const offsetOf = (state: UiState) =>
      state.overlay?.kind === 'help' ? state.overlay.offset : -1;
    expect(offsetOf(press(help, ['j', 'j']))).toBe(2);
    expect(offsetOf(press(help, ['G']))).toBe(40);
    expect(offsetOf(press(help, ['G', 'k']))).toBe(39);
    expect(offsetOf(press(help, ['j', 'g']))).toBe(0);
  });

  it('Enter edits a request field in place; Enter saves, a bad value keeps the editor open', () => {
    const request = { ...INITIAL_UI, focus: 'request' as const };
    const editing = press(request, [KEY.enter]);
    expect(editing.editing?.input.value).toBe('POST');
    const bad = press(editing, [
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      'x',
      KEY.enter,
    ]);
    expect(bad.editing?.error).toMatch(/not an HTTP method/);
    const good = press(editing, [
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      'g',
      'e',
      't',
      KEY.enter,
    ]);
    expect(good.editing).toBeNull();
    expect(good.effects).toEqual([{ type: 'setField', row: { kind: 'method' }, value: 'get' }]);
  });

  it('the body row and e go to $EDITOR', () => {
    const request = { ...INITIAL_UI, focus: 'request' as const };
    const rows = requestRows(DRAFT);
    const onBody = { ...request, requestRow: rows.length - 1 };
    expect(effectTypes(press(onBody, [KEY.enter]))).toEqual(['editBody']);
    expect(effectTypes(press(INITIAL_UI, ['e']))).toEqual(['editBody']);
  });

  it('a demo profile cannot be edited or saved; S says why and how to keep one, any key closes', () => {
    const demo = view({
      currentProfileId: 'demo:demo-pat',
      profiles: [
        {
          id: 'demo:demo-pat',
          name: 'demo-pat',
          origin: 'demo',
          profile: { ...PROFILE, name: 'demo-pat', clientId: 'demo-pat-client' },
        },
      ],
    });
    expect(effectTypes(press(INITIAL_UI, ['E'], demo))).toEqual(['notify']);
    const explained = press(INITIAL_UI, ['S'], demo);
    expect(explained.overlay).toEqual({
      kind: 'demoNotSaved',
      name: 'demo-pat',
      commands: [
        'keyhole demo-server --port 4010',
        'keyhole profiles add my-demo-pat --base-url http://127.0.0.1:4010 \\',
        '  --client-id demo-pat-client --kind pat \\',
        '  --jwks-url http://127.0.0.1:4010/demo/jwks.json \\',
        '  --spec http://127.0.0.1:4010/demo/openapi.json',
      ],
    });
    expect(explained.effects).toEqual([]);
    const closed = press(explained, [KEY.enter], demo);
    expect(closed.overlay).toBeNull();
    expect(closed.effects).toEqual([]);
    // Keys typed ahead in the same chunk do not close it unseen.
    expect(press(INITIAL_UI, ['Sx'], demo).overlay?.kind).toBe('demoNotSaved');
  });

  it("the profiles list is the reducer's: ↓ then Enter uses the next profile, even in a burst", () => {
    const two = view({
      profiles: [
        { id: 'saved:acme-pat', name: 'acme-pat', origin: 'saved', profile: PROFILE },
        { id: 'saved:acme-api', name: 'acme-api', origin: 'saved', profile: PROFILE },
      ],
    });
    const chosen = press(INITIAL_UI, ['j', KEY.enter], two);
    expect(chosen.effects).toEqual([{ type: 'selectProfile', id: 'saved:acme-api' }]);
    expect(press(chosen, ['j', 'j', 'k'], two).highlightedProfile).toBe('saved:acme-pat');
  });

  it('D asks before deleting, naming all that the delete removes', () => {
    const asked = press(INITIAL_UI, ['D']);
    expect(asked.overlay).toEqual({
      kind: 'confirmDelete',
      profileId: 'saved:acme-pat',
      name: 'acme-pat',
      removes:
        'the profile, its secret in the OS keychain, its cached tokens, its observations (the statuses seen per operation) and its request history',
      keeps: null,
    });
    expect(press(asked, ['y']).effects).toEqual([{ type: 'deleteProfile', id: 'saved:acme-pat' }]);
  });

  it('without a keychain, a save offers the plaintext file, and "no" returns to the form', () => {
    const form = {
      ...INITIAL_UI,
      overlay: { kind: 'form' as const, form: { ...newProfileForm(), busy: true } },
    };
    const effect = { type: 'addProfile' as const, profile: PROFILE, secret: 's3cret' };
    const failed: UiAction = {
      type: 'effectFailed',
      effect,
      message: 'the OS keychain is not usable here (no D-Bus)',
      hint: 'Keep the secret elsewhere',
      keychain: true,
    };
    const offered = uiReducer(form, failed);
    expect(offered.overlay?.kind).toBe('confirmInsecure');
    const retried = press(offered, ['y']);
    expect(retried.effects).toEqual([
      { ...effect, profile: { ...PROFILE, secret: { store: 'file' } } },
    ]);
    const back = press(offered, ['n']);
    expect(back.overlay).toMatchObject({ kind: 'form', form: { busy: false } });
  });

  it('other save failures are shown in the form', () => {
    const form = { ...INITIAL_UI, overlay: { kind: 'form' as const, form: newProfileForm() } };
    const failed = uiReducer(form, {
      type: 'effectFailed',
      effect: { type: 'addProfile', profile: PROFILE },
      message: 'a profile named "acme-pat" already exists',
      hint: 'Pick another name, or remove it first.',
      keychain: false,
    });
    expect(failed.overlay).toMatchObject({
      kind: 'form',
      form: {
        error: 'a profile named "acme-pat" already exists: pick another name',
        errorField: 'name',
        focus: 'name',
      },
    });
  });

  it('f finds in the body; n and N step from the hit shown, or from the top line', () => {
    const focused = { ...INITIAL_UI, focus: 'response' as const };
    const shown = view({ responseNumber: 1 });
    const asked = press(focused, ['f', 'j', 'a', 'n', 'e', KEY.enter], shown);
    expect(asked.find.query).toBe('jane');
    expect(asked.effects).toEqual([{ type: 'findInBody', query: 'jane', from: 0, direction: 1 }]);
    const match = { line: 40, column: 3, index: 2, total: 41, capped: false };
    const found = uiReducer({ ...asked, effects: [] }, { type: 'bodyFound', match, response: 1 });
    expect(found.offsets.body).toBe(40);
    // The hit is on screen: n and N go to the hit after or before it (two on a line count).
    expect(press(found, ['n'], shown).effects).toEqual([
      { type: 'findInBody', query: 'jane', from: 40, direction: 1, current: 2 },
    ]);
    expect(press(found, ['N'], shown).effects).toEqual([
      { type: 'findInBody', query: 'jane', from: 40, direction: -1, current: 2 },
    ]);
    // Scrolled away from it: n finds from the top line shown, N from the bottom one.
    const away = { ...found, offsets: { ...found.offsets, body: 400 } };
    expect(press(away, ['n'], shown).effects).toEqual([
      { type: 'findInBody', query: 'jane', from: 400, direction: 1 },
    ]);
    expect(press(away, ['N'], shown).effects).toEqual([
      { type: 'findInBody', query: 'jane', from: 419, direction: -1 },
    ]);
  });

  it('f offers the last query selected: typing replaces it, Enter looks for it again', () => {
    const match = { line: 40, column: 3, index: 2, total: 41, capped: false };
    const found = {
      ...INITIAL_UI,
      focus: 'response' as const,
      find: { query: 'jane', match },
      offsets: { ...INITIAL_UI.offsets, body: 40 },
    };
    const offered = press(found, ['f']);
    expect(offered.overlay).toMatchObject({
      kind: 'prompt',
      purpose: 'findInBody',
      input: { value: 'jane', selected: true },
    });
    // Typed over: the new query replaces the old one whole.
    const replaced = press(offered, ['s', 'a', 'm', KEY.enter]);
    expect(replaced.find).toEqual({ query: 'sam', match: null });
    expect(replaced.effects).toEqual([
      { type: 'findInBody', query: 'sam', from: 40, direction: 1 },
    ]);
    // Enter on the offered query: the next hit after the one shown.
    expect(press(offered, [KEY.enter]).effects).toEqual([
      { type: 'findInBody', query: 'jane', from: 40, direction: 1, current: 2 },
    ]);
    // A cursor key keeps the query and ends the selection, so it can be edited.
    const kept = press(offered, [KEY.left, 's', KEY.enter]);
    expect(kept.find.query).toBe('janse');
  });

  it('w offers a default file name and saves there', () => {
    const focused = { ...INITIAL_UI, focus: 'response' as const };
    const asked = press(focused, ['w']);
    expect(asked.overlay).toMatchObject({
      kind: 'prompt',
      purpose: 'saveBody',
      input: { value: './keyhole-response-x.json' },
    });
    expect(press(asked, [KEY.enter]).effects).toEqual([
      { type: 'saveBody', path: './keyhole-response-x.json' },
    ]);
  });

  it('effects are taken off the queue once the App has started them', () => {
    const sent = press(INITIAL_UI, ['s', 'r']);
    const taken = uiReducer(sent, { type: 'effectsTaken', effects: sent.effects.slice(0, 1) });
    expect(effectTypes(taken)).toEqual(['refreshToken']);
  });
});

describe('scroll offsets per content (issue 11, item 8)', () => {
  const scrolled: UiState = {
    ...INITIAL_UI,
    focus: 'response',
    offsets: { body: 7, headers: 3, token: 12 },
    scrolledFor: { response: 1, token: 'saved:acme-pat' },
    find: { query: 'jane', match: { line: 7, column: 0, index: 0, total: 1, capped: false } },
  };

  it("another profile's token card opens at its top; the body and headers keep theirs", () => {
    const token = { ...scrolled, rightView: 'token' as const };
    const next = press(token, ['j'], view({ responseNumber: 1, currentProfileId: 'saved:b' }));
    expect(next.offsets).toEqual({ body: 7, headers: 3, token: 1 });
    expect(next.find.match).toMatchObject({ line: 7, column: 0 });
  });

  it('a new response, however alike, opens at line 1; n searches it from its top', () => {
    const next = press(scrolled, ['n'], view({ responseNumber: 2 }));
    expect(next.offsets).toEqual({ body: 0, headers: 0, token: 12 });
    expect(next.find.match).toBeNull();
    expect(next.effects).toEqual([{ type: 'findInBody', query: 'jane', from: 0, direction: 1 }]);
    // The same response shown again keeps its place.
    expect(press(scrolled, ['j'], view({ responseNumber: 1 })).offsets.body).toBe(8);
  });

  it('a match found in a newer response scrolls that one', () => {
    const found = uiReducer(scrolled, {
      type: 'bodyFound',
      match: { line: 30, column: 2, index: 4, total: 9, capped: false },
      response: 2,
    });
    expect(found.offsets).toEqual({ body: 30, headers: 0, token: 12 });
    expect(found.scrolledFor.response).toBe(2);
  });
});
