import { describe, expect, it } from 'vitest';
import { planTargets, toggleMark } from '../../src/ui/state/endpoint-marks.js';
import { INITIAL_UI, type UiState } from '../../src/ui/state/ui-state.js';
import { KEY } from './keys.js';
import { effectTypes, press, view } from './reducer-fixture.js';

const endpoints: UiState = { ...INITIAL_UI, focus: 'endpoints' };

describe('marking endpoints for the scopes plan', () => {
  it('toggles a mark, and plans the marks or else the highlighted operation', () => {
    expect(toggleMark([], 'a')).toEqual(['a']);
    expect(toggleMark(['a', 'b'], 'a')).toEqual(['b']);
    expect(planTargets(['b', 'a'], 'c')).toEqual(['b', 'a']);
    expect(planTargets([], 'c')).toEqual(['c']);
    expect(planTargets([], undefined)).toEqual([]);
  });

  it('Space marks the highlighted operation and again unmarks it; a burst marks each row', () => {
    const marked = press(endpoints, [' ', 'j', ' ']);
    expect(marked.marks).toEqual(['GET /v3/identities', 'POST /v3/access-requests']);
    expect(press(marked, [' ']).marks).toEqual(['GET /v3/identities']);
    // One chunk, as key repeat or SSH delivers it: each character is its own key.
    expect(press(endpoints, [' j j ']).marks).toEqual([
      'GET /v3/identities',
      'POST /v3/access-requests',
      'GET /beta/workflows',
    ]);
  });

  it('marks stay when the search changes what is shown', () => {
    const marked = press(endpoints, ['j', ' ']);
    const searched = press(marked, ['/', 'work', KEY.escape]);
    expect(searched.search.input.value).toBe('work');
    expect(searched.marks).toEqual(['POST /v3/access-requests']);
    // Space typed in the search is text, never a mark.
    const typing = press(endpoints, ['/', 'a b']);
    expect(typing.search.input.value).toBe('a b');
    expect(typing.marks).toEqual([]);
  });

  it('L opens the plan of the marks, or of the highlighted one; with no operation it says so', () => {
    const marked = press(endpoints, [' ', 'j', 'j', ' ']);
    expect(press(marked, ['L']).overlay).toEqual({
      kind: 'scopePlan',
      offset: 0,
      ids: ['GET /v3/identities', 'GET /beta/workflows'],
    });
    expect(press(endpoints, ['j', 'L']).overlay).toEqual({
      kind: 'scopePlan',
      offset: 0,
      ids: ['POST /v3/access-requests'],
    });
    const none = press(endpoints, ['L'], view({ endpointIds: [] }));
    expect(none.overlay).toBeNull();
    expect(none.effects).toEqual([
      { type: 'notify', kind: 'error', text: 'no operation to plan: mark some with Space' },
    ]);
  });

  it('the plan view scrolls and Esc closes it; Space pages there rather than marking', () => {
    const open = press(endpoints, [' ', 'L'], view({ viewLines: 50, pageSize: 10 }));
    const scrolled = press(open, ['j', 'j', ' '], view({ viewLines: 50, pageSize: 10 }));
    expect(scrolled.overlay).toMatchObject({ kind: 'scopePlan', offset: 11 });
    expect(scrolled.marks).toEqual(['GET /v3/identities']);
    expect(press(scrolled, [KEY.escape]).overlay).toBeNull();
  });

  it('Space and L mean nothing outside the Endpoints panel', () => {
    const request = { ...INITIAL_UI, focus: 'request' as const };
    const after = press(request, [' ', 'L']);
    expect(after.marks).toEqual([]);
    expect(after.overlay).toBeNull();
    expect(after.effects).toEqual([]);
  });
});

describe('the scopes audit from the token panel', () => {
  const token: UiState = { ...INITIAL_UI, focus: 'response', rightView: 'token' };

  it('A on the token panel opens the audit; closing it tells the session', () => {
    const open = press(token, ['A']);
    expect(open.overlay).toEqual({ kind: 'scopeAudit', offset: 0 });
    expect(effectTypes(open)).toEqual(['auditScopes']);
    const closed = press({ ...open, effects: [] }, [KEY.escape]);
    expect(closed.overlay).toBeNull();
    expect(effectTypes(closed)).toEqual(['closeAudit']);
  });

  it('A means nothing on the response itself or in other panels; t then A reaches it', () => {
    const response = { ...INITIAL_UI, focus: 'response' as const };
    expect(press(response, ['A']).overlay).toBeNull();
    expect(press(endpoints, ['A']).overlay).toBeNull();
    expect(press(INITIAL_UI, ['t', 'A']).overlay?.kind).toBe('scopeAudit');
  });
});
