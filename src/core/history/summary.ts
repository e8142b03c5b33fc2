import type { SubjectKind, TokenIdentity } from '../identity/types.js';

/** Who made a call, in the few fields every side-by-side view and history line shows. */
export interface IdentitySummary {
  subjectKind: SubjectKind | null;
  /** SailPoint's "user context": whether the token acts as a person. */
  userContext: boolean | null;
  userName: string | null;
  authorities: string[];
  clientId: string | null;
}

export function summarizeIdentity(identity: TokenIdentity | null): IdentitySummary | null {
  if (!identity) return null;
  return {
    subjectKind: identity.subjectKind,
    userContext: identity.userContext,
    userName: identity.userName,
    authorities: [...identity.authorities],
    clientId: identity.clientId,
  };
}

/** "user jane.doe", "app (no user)", "unknown": how a column or a history line names the caller. */
export function describeCaller(summary: IdentitySummary | null): string {
  if (!summary) return 'no token';
  if (summary.userContext === true || summary.subjectKind === 'user') {
    return `user ${summary.userName ?? '(unnamed)'}`;
  }
  if (summary.userContext === false || summary.subjectKind === 'app') {
    return `app ${summary.clientId ?? ''} (no user)`.replace('  ', ' ');
  }
  return 'unknown';
}
