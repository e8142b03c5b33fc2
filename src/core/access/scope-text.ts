import { noun, plural } from '../text/plural.js';
import type { ScopeAudit } from './scope-audit.js';
import type { ScopePlan } from './scope-plan.js';

/*
 * The words of a scopes plan and a scopes audit, shared by `keyhole scopes plan|audit` and the
 * TUI's views, so both say the same. Layout (tables, colours, stderr) is each one's own.
 */

/** `Scopes for 2 operations: 2 scopes (the fewest, proved)`. */
export function planTitle(plan: ScopePlan): string {
  return (
    `Scopes for ${plural(plan.operations.length, 'operation')}: ${plural(plan.scopes.length, 'scope')} ` +
    `(${plan.exact ? 'the fewest, proved' : 'greedy: the search was too big to prove it the fewest'})`
  );
}

/** What kind of credential the plan is for, and why. */
export function credentialText(plan: ScopePlan): string {
  const users = plan.operations.filter((op) => op.needsUser).length;
  if (plan.needsUser) {
    return `a user's: ${plural(users, 'operation')} ${noun(users, 'needs', 'need')} a user, so use a PAT (an API key cannot)`;
  }
  return plan.kind === 'app'
    ? 'no user needed: an API client (client credentials) will do'
    : "a user's (planned for a PAT; no operation needs a user)";
}

/** `user level: ORG_ADMIN (…)`, `user level: any user`, or null for a plan without a user. */
export function userLevelLine(plan: ScopePlan): string | null {
  if (plan.userLevels.length > 0) {
    return `user level: ${plan.userLevels.join(' and ')} (enough for every operation here)`;
  }
  return plan.kind === 'user' ? 'user level: any user' : null;
}

/** Each chosen scope beside the operations it grants. */
export function grantRows(plan: ScopePlan): string[][] {
  return plan.scopes.map((scope) => [scope, listed(plan.grants[scope] ?? [])]);
}

/** The operations of the plan as a table: what each one takes. */
export function operationTable(plan: ScopePlan): { headers: string[]; rows: string[][] } {
  const listWord = plan.rule === 'any' ? 'SCOPES (any one)' : 'SCOPES (all)';
  return {
    headers: ['METHOD', 'PATH', 'OPERATION', listWord, 'USER', 'LEVELS'],
    rows: plan.operations.map((op) => [
      op.method,
      op.path,
      op.operationId ?? '-',
      op.undecided !== null ? '?' : op.public ? 'public' : op.scopes.join(' ') || '(none)',
      op.needsUser ? 'yes' : '',
      op.userLevels.join(' '),
    ]),
  };
}

/** The heading over the operations keyhole cannot decide, and one line for each. */
export function undecidedLines(plan: ScopePlan): { title: string; lines: string[] } | null {
  const undecided = plan.operations.filter((op) => op.undecided !== null);
  if (undecided.length === 0) return null;
  return {
    title: `Undecided (${undecided.length}): keyhole cannot tell what these need`,
    lines: undecided.map((op) => `  ${op.method} ${op.path}: ${op.undecided}`),
  };
}

/** `Audit of demo-pat: a user token (PAT), rule: …`. */
export function auditTitle(name: string, audit: ScopeAudit): string {
  const kind =
    audit.kind === 'user'
      ? 'a user token (PAT)'
      : audit.kind === 'app'
        ? 'no user (API client)'
        : 'unknown kind';
  return `Audit of ${name}: ${kind}, rule: ${audit.ruleText}`;
}

/** What the token holds and what was recorded: scopes, authorities, calls. */
export function auditHeldLines(audit: ScopeAudit): string[] {
  return [
    `holds scopes: ${audit.held.scopes.join(' ') || '(none listed)'}`,
    ...(audit.held.authorities.length > 0
      ? [`authorities: ${audit.held.authorities.join(' ')}`]
      : []),
    `recorded: ${plural(audit.calls.total, 'call')} to ${plural(audit.operations.length, 'operation')}` +
      (audit.calls.from ? ` from ${audit.calls.from} to ${audit.calls.to}` : ''),
  ];
}

/** The heading over the operations that went through only because of `sp:scopes:all`. */
export function allScopesTitle(audit: ScopeAudit): string | null {
  if (!audit.allScopes) return null;
  return (
    `holds sp:scopes:all: every scope. ${plural(audit.onlyByAllScopes.length, 'operation')} ` +
    'succeeded only because of it:'
  );
}

/** Held but never needed, refused every time, not in the specs. */
export function auditFindingLines(audit: ScopeAudit): string[] {
  const never =
    audit.neverNeeded.length > 0
      ? `held but never needed: ${audit.neverNeeded.join(' ')}`
      : audit.allScopes
        ? 'held but never needed: every scope sp:scopes:all holds beyond the plan below'
        : 'held but never needed: nothing';
  return [
    never,
    ...(audit.refused.length > 0
      ? [`refused every time (401/403): ${audit.refused.join(', ')}`]
      : []),
    ...(audit.unmatched.length > 0
      ? [
          `not in the specs: ${audit.unmatched.map((u) => `${u.method} ${u.path} (${u.calls}×)`).join(', ')}`,
        ]
      : []),
  ];
}

/** The plan that would have been enough for what succeeded, under its heading. */
export function auditEnoughLines(audit: ScopeAudit): string[] {
  const { plan } = audit;
  return [
    `  scopes: ${plan.scopes.join(' ') || '(none)'}${plan.exact ? '' : ' (greedy)'}`,
    `  user: ${plan.needsUser ? 'needed (a PAT)' : 'not needed (an API client will do)'}`,
    ...(plan.userLevels.length > 0
      ? [
          `  user level${plan.needsUser ? '' : " (for this PAT's user)"}: ` +
            plan.userLevels.join(' and '),
        ]
      : []),
  ];
}

export const ENOUGH_TITLE = 'Enough for what succeeded:';

/** The first few of a list, and how many more: a scope can grant dozens of operations. */
const SHOWN_GRANTS = 4;
function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, SHOWN_GRANTS).join(', ');
  return ids.length > SHOWN_GRANTS ? `${shown} and ${ids.length - SHOWN_GRANTS} more` : shown;
}
