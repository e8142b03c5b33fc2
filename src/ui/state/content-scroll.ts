import type { ShownContent, UiState, ViewInfo } from './ui-state.js';

/** What the scrollable views showed in the render a key was read against. */
export function shownIn(view: ViewInfo): ShownContent {
  return { response: view.responseNumber, token: view.currentProfileId };
}

/**
 * The UI state as it applies to `shown`. An offset scrolls one content: a new response (even one
 * that reads the same as the last) opens at line 1 with no find match, another profile's token
 * card at its top. Used by the reducer before every key and by the App before every render, so
 * no frame shows new content at an old offset and no key scrolls from one.
 */
export function forContent(state: UiState, shown: ShownContent): UiState {
  const was = state.scrolledFor;
  if (was.response === shown.response && was.token === shown.token) return state;
  const newResponse = was.response !== shown.response;
  const newToken = was.token !== shown.token;
  return {
    ...state,
    scrolledFor: shown,
    offsets: {
      body: newResponse ? 0 : state.offsets.body,
      headers: newResponse ? 0 : state.offsets.headers,
      token: newToken ? 0 : state.offsets.token,
    },
    find: newResponse ? { ...state.find, match: null } : state.find,
  };
}
