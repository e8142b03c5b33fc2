import { useEffect, useRef } from 'react';
import { isKeychainUnavailable } from '../../core/session/index.js';
import { KeyholeError } from '../../core/errors.js';
import { type EffectContext, runEffect } from '../effects.js';
import type { UiAction } from '../state/ui-reducer.js';
import type { Effect } from '../state/ui-state.js';

/**
 * Runs the effects the reducer queued, each exactly once, after the render that queued them,
 * and reports how each ended so the reducer can close a form or show its error.
 */
export function useEffectRunner(
  effects: readonly Effect[],
  dispatch: (action: UiAction) => void,
  context: EffectContext,
): void {
  const started = useRef(new WeakSet<Effect>());
  const latest = useRef(context);
  latest.current = context;
  useEffect(() => {
    const fresh = effects.filter((effect) => !started.current.has(effect));
    if (fresh.length === 0) return;
    for (const effect of fresh) started.current.add(effect);
    dispatch({ type: 'effectsTaken', effects: fresh });
    for (const effect of fresh) {
      Promise.resolve()
        .then(() => runEffect(effect, latest.current))
        .then(
          () => dispatch({ type: 'effectDone', effect }),
          (error: unknown) =>
            dispatch({
              type: 'effectFailed',
              effect,
              message: error instanceof Error ? error.message : String(error),
              hint: error instanceof KeyholeError ? (error.hint ?? null) : null,
              keychain: isKeychainUnavailable(error),
            }),
        );
    }
  }, [effects, dispatch]);
}
