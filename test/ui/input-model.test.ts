import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../../src/ui/keymap.js';
import { joinList, splitList } from '../../src/ui/state/list-field.js';
import { type ProfileForm, newProfileForm } from '../../src/ui/state/profile-form.js';
import { requestRows } from '../../src/ui/state/request-rows.js';
import { uiReducer } from '../../src/ui/state/ui-reducer.js';
import { INITIAL_UI, type UiState } from '../../src/ui/state/ui-state.js';
import { KEY } from './keys.js';
import { DRAFT, PROFILE, effectTypes, press, view } from './reducer-fixture.js';

/** One chunk, as Ink hands over keys that arrived together: `jjjj` in one call. */
function chunk(state: UiState, input: string, info = view(), key: KeyPress = {}): UiState {
  return uiReducer(state, { type: 'key', input, key, view: info });
}

const response = { ...INITIAL_UI, focus: 'response' as const };
const formOf = (state: UiState): ProfileForm => {
  if (state.overlay?.kind !== 'form') throw new Error(`no form: ${state.overlay?.kind}`);
  return state.overlay.form;
};

describe('keys that arrive together (issue 11, item 1)', () => {
  it('ten j in one chunk scroll ten lines; G g j in one chunk end one line down', () => {
    expect(chunk(response, 'jjjjjjjjjj').offsets.body).toBe(10);
    expect(chunk(chunk(response, 'j'.repeat(50)), 'kkk').offsets.body).toBe(47);
    expect(chunk(response, 'GGgj').offsets.body).toBe(1);
    // Past the end they stop at the last page, as single keys do.
    expect(chunk(response, 'j'.repeat(5000)).offsets.body).toBe(1000 - 20);
  });

  it('a key that opens a question drops the rest of the chunk: no typed-ahead answer', () => {
    const production = view({ production: true });
    const asked = chunk(INITIAL_UI, 'sy', production);
    expect(asked.overlay?.kind).toBe('confirmSend');
    expect(asked.effects).toEqual([]);
    const deleting = chunk(INITIAL_UI, 'Dy', production);
    expect(deleting.overlay?.kind).toBe('confirmDelete');
    expect(deleting.effects).toEqual([]);
    // Once the question is on screen, a key answers it as before.
    expect(effectTypes(chunk(asked, 'y', production))).toEqual(['send']);
  });

  it('every printable command counts each character: lists, fields, help, pickers', () => {
    const profiles = view({
      profiles: ['a', 'b', 'c'].map((name) => ({
        id: `saved:${name}`,
        name,
        origin: 'saved' as const,
        profile: { ...PROFILE, name },
      })),
      currentProfileId: 'saved:a',
    });
    expect(chunk(INITIAL_UI, 'jj', profiles).highlightedProfile).toBe('saved:c');
    const request = { ...INITIAL_UI, focus: 'request' as const };
    expect(chunk(request, 'jjj').requestRow).toBe(3);
    const help = chunk(INITIAL_UI, '?jjjj');
    expect(help.overlay).toEqual({ kind: 'help', offset: 4 });
    expect(chunk(INITIAL_UI, 'ojk').overlay).toEqual({ kind: 'grant', cursor: 0 });
  });

  it('once a text field has the keyboard, the rest of the chunk is typed text', () => {
    const searching = chunk(INITIAL_UI, '/access-req');
    expect(searching.search).toMatchObject({ typing: true, input: { value: 'access-req' } });
    expect(searching.effects).toEqual([]);
    const request = { ...INITIAL_UI, focus: 'request' as const, requestRow: 2 };
    const editing = press(request, [KEY.enter]);
    expect(chunk(editing, 'jjjq').editing?.input.value).toBe('jjjq');
    const form = chunk(INITIAL_UI, 'aacme');
    expect(formOf(form).values.name.value).toBe('acme');
  });
});

describe('one meaning per key and place (issue 11, item 2)', () => {
  it('s then o opens the grant picker (s moves focus to the response); s then g is "top"', () => {
    const sent = press(INITIAL_UI, ['s']);
    expect(sent.focus).toBe('response');
    expect(press(sent, ['o']).overlay).toEqual({ kind: 'grant', cursor: 0 });
    const scrolled = press(sent, ['j', 'j', 'g']);
    expect(scrolled.overlay).toBeNull();
    expect(scrolled.offsets.body).toBe(0);
  });

  it('g/G go to the first and last item of a list and a form, as they do in a body', () => {
    const request = { ...INITIAL_UI, focus: 'request' as const };
    const last = requestRows(DRAFT).length - 1;
    expect(press(request, ['G']).requestRow).toBe(last);
    expect(press(request, ['G', 'g']).requestRow).toBe(0);
    const history = press(INITIAL_UI, ['h']);
    const entries = view({ historyIds: ['h3', 'h2', 'h1'] });
    expect(press(history, ['G'], entries).overlay).toEqual({ kind: 'history', cursor: 2 });
  });
});

describe('one model for forms (issue 11, item 3)', () => {
  it('Enter in the profile form saves the field (checked at once) and moves on', () => {
    const form = press(INITIAL_UI, ['a']);
    const empty = press(form, [KEY.enter]);
    expect(formOf(empty)).toMatchObject({
      focus: 'name',
      errorField: 'name',
      error: 'the profile needs a name',
    });
    const named = press(empty, ['x', KEY.enter]);
    expect(formOf(named)).toMatchObject({ focus: 'preset', error: null, errorField: null });
    const badName = press(form, ['-', 'x', KEY.enter]);
    expect(formOf(badName)).toMatchObject({ focus: 'name', errorField: 'name' });
    expect(formOf(badName).error).toMatch(/letters, digits/);
  });

  it('Enter in the request panel saves the field and moves on too; a bad value stays open', () => {
    const request = { ...INITIAL_UI, focus: 'request' as const };
    const editing = press(request, [KEY.enter, ...Array(4).fill(KEY.backspace)]);
    const typed = press(editing, ['p', 'u', 't', KEY.enter]);
    expect(typed.editing).toBeNull();
    expect(typed.requestRow).toBe(1);
    expect(typed.effects).toEqual([{ type: 'setField', row: { kind: 'method' }, value: 'put' }]);
    const bad = press(editing, ['F', 'O', 'O', KEY.enter]);
    expect(bad.requestRow).toBe(0);
    expect(bad.editing).toMatchObject({ input: { value: 'FOO' } });
    expect(bad.editing?.error).toMatch(/not an HTTP method/);
  });

  it('typing on a choice picks the option it starts; a letter no option starts says so', () => {
    const form = press(INITIAL_UI, ['a', 'x', KEY.tab]);
    expect(formOf(form).focus).toBe('preset');
    const picked = press(form, ['o']);
    expect(formOf(picked).values.preset.value).toBe('oidc');
    expect(formOf(press(picked, ['s'])).values.preset.value).toBe('sailpoint');
    const wrong = press(form, ['z']);
    expect(formOf(wrong).values.preset.value).toBe('sailpoint');
    expect(formOf(wrong)).toMatchObject({ errorField: 'preset' });
    expect(formOf(wrong).error).toMatch(
      /is a choice \(sailpoint, .*\): ←\/→, Space or a first letter/,
    );
    // q on a choice is not "quit": the form has the keyboard.
    expect(press(form, ['q']).effects).toEqual([]);
  });
});

describe('the add-profile form keeps what was typed (issue 11, item 5)', () => {
  /** The form filled in by keys: name, host, client id, a secret; the cursor on Save. */
  function filledForm(name: string): UiState {
    let state = press(INITIAL_UI, ['a', ...name]);
    state = press(state, [KEY.tab, KEY.tab, ...'acme', KEY.tab, KEY.tab, ...'c1']);
    state = press(state, [KEY.tab, KEY.tab, ...'s3cret']);
    return press(state, Array(6).fill(KEY.tab)); // kind, grant, scopes, specs, tags, Save
  }

  it('a taken name is found before anything is saved or asked, beside the name field', () => {
    const state = filledForm('acme-pat');
    expect(formOf(state).focus).toBe('save');
    const submitted = press(state, [KEY.enter]);
    expect(submitted.effects).toEqual([]);
    const form = formOf(submitted);
    expect(form).toMatchObject({ focus: 'name', errorField: 'name', busy: false });
    expect(form.error).toBe('a profile named "acme-pat" already exists: pick another name');
    expect(form.values.secret.value).toBe('s3cret');
    expect(form.values.host.value).toBe('acme');
    // Enter on the name field checks it the same way.
    expect(formOf(press(submitted, [KEY.enter])).errorField).toBe('name');
    const renamed = press(submitted, [...'-2', KEY.enter]);
    expect(formOf(renamed)).toMatchObject({ focus: 'preset', error: null });
  });

  it('the name comes first: a taken name is reported before a missing host', () => {
    const state = press(INITIAL_UI, ['a', ...'acme-pat', KEY.shiftTab, KEY.enter]);
    expect(formOf(state)).toMatchObject({ errorField: 'name', focus: 'name' });
  });

  it('a failure after the plaintext question lands in the form, secret kept', () => {
    const saving = press(filledForm('new-one'), [KEY.enter]);
    expect(effectTypes(saving)).toEqual(['addProfile']);
    const effect = saving.effects[0]!;
    const offered = uiReducer(
      { ...saving, effects: [] },
      { type: 'effectFailed', effect, message: 'no keychain', hint: null, keychain: true },
    );
    expect(offered.overlay?.kind).toBe('confirmInsecure');
    const retrying = press(offered, ['y']);
    expect(retrying.overlay?.kind).toBe('form');
    const retry = retrying.effects[0]!;
    const failed = uiReducer(retrying, {
      type: 'effectFailed',
      effect: retry,
      message: 'a profile named "new-one" already exists',
      hint: null,
      keychain: false,
    });
    expect(formOf(failed)).toMatchObject({ errorField: 'name', busy: false });
    expect(formOf(failed).values.secret.value).toBe('s3cret');
  });

  it('messages name fields as the form does, not by their property names', () => {
    const state = press(INITIAL_UI, ['a', ...'x', KEY.tab, KEY.tab, ...'ftp://acme', KEY.enter]);
    const form = formOf(state);
    expect(form).toMatchObject({ errorField: 'host', focus: 'host' });
    expect(form.error).not.toMatch(/baseUrl/);
    const failed = uiReducer(
      { ...INITIAL_UI, overlay: { kind: 'form', form: newProfileForm() } },
      {
        type: 'effectFailed',
        effect: { type: 'addProfile', profile: PROFILE },
        message: 'invalid profile: baseUrl: "http://x" uses plain http',
        hint: null,
        keychain: false,
      },
    );
    expect(formOf(failed)).toMatchObject({
      errorField: 'host',
      error: '"http://x" uses plain http',
    });
  });
});

describe('specs with spaces (issue 11, item 6)', () => {
  it('are separated by commas, so a path may hold spaces', () => {
    let state = press(INITIAL_UI, ['a', ...'acme-2', KEY.tab, KEY.tab, ...'acme']);
    state = press(state, [KEY.tab, KEY.tab, ...'c1', KEY.tab, KEY.tab, ...'s3cret']);
    state = press(state, [KEY.tab, KEY.tab, KEY.tab, KEY.tab]);
    expect(formOf(state).focus).toBe('specs');
    state = chunk(state, '/home/me/My Specs/v3 api.yaml, https://x.example/openapi.json');
    state = press(state, [KEY.tab, KEY.tab, KEY.enter]);
    const effect = state.effects[0];
    if (effect?.type !== 'addProfile') throw new Error(`no save: ${JSON.stringify(state)}`);
    expect(effect.profile.specs).toEqual([
      '/home/me/My Specs/v3 api.yaml',
      'https://x.example/openapi.json',
    ]);
  });

  it('an edit shows them back the same way, quoting one that holds a comma', () => {
    const specs = ['/My Specs/a.yaml', 'b, c.json', ' padded ', 'say "hi".json'];
    const form = newProfileForm({ ...PROFILE, specs }, 'saved:acme-pat');
    expect(form.values.specs.value).toBe(
      '/My Specs/a.yaml, "b, c.json", " padded ", "say ""hi"".json"',
    );
    expect(splitList(form.values.specs.value)).toEqual(specs);
    expect(splitList(' a.yaml ,, b c.yaml\n"d"  ')).toEqual(['a.yaml', 'b c.yaml', 'd']);
    expect(splitList('"open')).toEqual(['open']);
    expect(joinList([])).toBe('');
  });
});

describe('a body that is not JSON (issue 11, item 7)', () => {
  const broken = view({ draft: { ...DRAFT, body: '{\n  "a": 1,\n}' } });

  it('s asks first, saying where it breaks; y sends it anyway, any other key does not', () => {
    const asked = press(INITIAL_UI, ['s'], broken);
    expect(asked.overlay).toEqual({
      kind: 'confirmInvalidJson',
      problem: 'not valid JSON: a property name in double quotes expected at line 3, column 1',
    });
    expect(asked.effects).toEqual([]);
    expect(effectTypes(press(asked, ['y'], broken))).toEqual(['send']);
    const kept = press(asked, ['n'], broken);
    expect(kept.overlay).toBeNull();
    expect(kept.effects).toEqual([]);
  });

  it('is not asked about for JSON, or for a body of another type; production still asks', () => {
    expect(effectTypes(press(INITIAL_UI, ['s']))).toEqual(['send']);
    const csv = {
      ...DRAFT,
      body: 'a,b\n1,2',
      headers: [{ name: 'content-type', value: 'text/csv', required: false, example: null }],
    };
    expect(effectTypes(press(INITIAL_UI, ['s'], view({ draft: csv })))).toEqual(['send']);
    const production = view({ draft: broken.draft, production: true });
    const first = press(INITIAL_UI, ['s'], production);
    expect(first.overlay?.kind).toBe('confirmInvalidJson');
    expect(press(first, ['y'], production).overlay?.kind).toBe('confirmSend');
  });
});
