import { useSyncExternalStore } from 'react';
import type { SessionSnapshot, Workbench } from '../../core/session/index.js';

/** The session's current snapshot; re-renders whenever the workbench publishes a new one. */
export function useSession(workbench: Workbench): SessionSnapshot {
  return useSyncExternalStore(workbench.subscribe, workbench.getSnapshot);
}
