import type { Workbench } from '../core/session/index.js';
import { type TmuxRunner, copyText } from './clipboard.js';
import { applyField, clearField, stepChoice } from './state/request-rows.js';
import type { UiAction } from './state/ui-reducer.js';
import type { Effect, UiState } from './state/ui-state.js';

/** How the App ends: quit, or step aside so the body can be edited in $EDITOR. */
export type AppExit = { readonly type: 'quit' } | { readonly type: 'edit'; readonly ui: UiState };

export interface EffectContext {
  readonly workbench: Workbench;
  readonly dispatch: (action: UiAction) => void;
  readonly exit: (outcome: AppExit) => void;
  /** The UI state to come back to after the editor. */
  readonly ui: () => UiState;
  /** Writes to the terminal as it is (OSC 52). */
  readonly write: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** How tmux is asked to take the text. @default the tmux on PATH */
  readonly tmux?: TmuxRunner;
}

/**
 * Runs one effect against the session. Sends and token loads are started, not awaited: their
 * progress arrives through the workbench. Profile changes are awaited, so a failure can go back
 * to the form that asked for it.
 */
export async function runEffect(effect: Effect, context: EffectContext): Promise<void> {
  const { workbench } = context;
  switch (effect.type) {
    case 'quit':
      return context.exit({ type: 'quit' });
    case 'editBody':
      return context.exit({ type: 'edit', ui: { ...context.ui(), effects: [] } });
    case 'send':
      void workbench.send();
      return;
    case 'cancel':
      workbench.cancel();
      return;
    case 'selectProfile':
      return workbench.selectProfile(effect.id);
    case 'pickOperation':
      return workbench.pickOperation(effect.id);
    case 'refreshToken':
      return workbench.refreshToken();
    case 'setGrant':
      return workbench.setGrant(effect.grant);
    case 'setField':
      return workbench.updateRequest((draft) => {
        const result = applyField(draft, effect.row, effect.value);
        return 'draft' in result ? result.draft : draft;
      });
    case 'clearField':
      return workbench.updateRequest((draft) => clearField(draft, effect.row));
    case 'stepField':
      return workbench.updateRequest((draft) => {
        const value = stepChoice(draft, effect.row, effect.step);
        if (value === null) return draft;
        const result = applyField(draft, effect.row, value);
        return 'draft' in result ? result.draft : draft;
      });
    case 'saveBody':
      return workbench.saveBody(effect.path);
    case 'findInBody': {
      const response = workbench.getSnapshot().response;
      if (response.status !== 'done') return;
      // A big body shows its first lines while the rest is laid out: the find waits for all.
      await response.view.body.whenReady();
      const match = response.view.body.find(
        effect.query,
        effect.from,
        effect.direction,
        effect.current,
      );
      if (match === null) workbench.tell('find', 'error', `"${effect.query}" is not in the body`);
      else workbench.settle('find');
      context.dispatch({ type: 'bodyFound', match, response: response.number });
      return;
    }
    case 'addProfile':
      return workbench.addProfile(effect.profile, effect.secret);
    case 'updateProfile':
      return workbench.updateProfile(effect.id, effect.profile, effect.secret);
    case 'renameProfile':
      return workbench.renameProfile(effect.id, effect.name);
    case 'deleteProfile':
      return workbench.removeProfile(effect.id);
    case 'notify':
      return workbench.tell('key', effect.kind, effect.text);
    case 'compare':
      return workbench.compare(effect.ids);
    case 'loadHistory':
      return workbench.loadHistory();
    case 'replayHistory':
      return workbench.replayHistory(effect.id);
    case 'importCurl':
      return workbench.importCurl(effect.text);
    case 'buildMatrix':
      return workbench.buildMatrix(effect.search);
    case 'probeMatrix':
      return workbench.probeMatrix();
    case 'auditScopes':
      return workbench.auditScopes();
    case 'closeAudit':
      return workbench.closeAudit();
    case 'copyCurl':
      return copyCurl(context);
  }
}

/**
 * The request as curl, onto a clipboard. Unless a clipboard confirmed it, the command is also
 * shown in a plain view to select with the mouse: a terminal never confirms OSC 52.
 */
async function copyCurl(context: EffectContext): Promise<void> {
  const { command, warnings } = context.workbench.curlCommand();
  const outcome = await copyText(command, {
    env: context.env,
    write: context.write,
    ...(context.tmux ? { tmux: context.tmux } : {}),
  });
  if (outcome.status !== 'copied') {
    context.dispatch({ type: 'showCurl', command, why: outcome.why, warnings });
  }
  context.workbench.tell(
    'copy',
    outcome.status === 'none' ? 'error' : 'info',
    [outcome.why, ...warnings].join('; '),
  );
}
