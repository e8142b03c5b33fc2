import type { BodyMatch } from '../../core/session/index.js';
import type { TextInput } from './text-input.js';
import type { Overlay, UiState } from './ui-state.js';

/** The find bar under the body: the query being typed, or where the last find landed. */
export type FindBar =
  | { readonly kind: 'typing'; readonly input: TextInput }
  | { readonly kind: 'found'; readonly query: string; readonly match: BodyMatch };

/** Whether an overlay is the find prompt, which is drawn in the response panel, not over it. */
export function isFindPrompt(overlay: Overlay | null): boolean {
  return overlay?.kind === 'prompt' && overlay.purpose === 'findInBody';
}

/** What the find bar shows now; null: no bar (the body gets its line back). */
export function findBar(ui: UiState): FindBar | null {
  const overlay = ui.overlay;
  if (overlay?.kind === 'prompt' && overlay.purpose === 'findInBody') {
    return { kind: 'typing', input: overlay.input };
  }
  if (ui.showHeaders || ui.rightView !== 'response') return null;
  const { query, match } = ui.find;
  return query !== '' && match ? { kind: 'found', query, match } : null;
}
