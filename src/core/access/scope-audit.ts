import type { CatalogOperation } from '../catalog/types.js';
import { tokenHasUser } from './predict.js';
import { placeCalls, type RecordedCall } from './recorded-calls.js';
import { operationNeeds, type CredentialKind, type ScopeRule } from './scope-needs.js';
import { planScopes, type ScopePlan } from './scope-plan.js';
import { ALL_SCOPES, SCOPE_RULES } from './scopes.js';
import type { SpecSecurityLookup } from './spec-security.js';
import type { AccessSubject } from './types.js';
import { plural } from '../text/plural.js';

export type { RecordedCall } from './recorded-calls.js';

/** One operation the recorded calls reached. */
export interface AuditedOperation {
  id: string;
  operationId: string | null;
  calls: number;
  /** Distinct statuses, in order (null: no response). */
  statuses: (number | null)[];
  /** At least one call was answered below 400. */
  succeeded: boolean;
}

/** The token's scopes beside what its recorded calls needed. */
export interface ScopeAudit {
  rule: ScopeRule;
  ruleText: string;
  /** What the token is: a user's (PAT) or a client's own; null when it does not say. */
  kind: CredentialKind | null;
  held: { scopes: string[]; authorities: string[] };
  calls: { total: number; from: string | null; to: string | null };
  operations: AuditedOperation[];
  /** Calls to paths no loaded spec has: keyhole cannot say what they needed. */
  unmatched: { method: string; path: string; calls: number }[];
  /** The plan over the operations that succeeded: what would have been enough. */
  plan: ScopePlan;
  /** Held scopes the plan does not keep (`sp:scopes:all` apart: see `allScopes`). */
  neverNeeded: string[];
  /** The token holds `sp:scopes:all`, SailPoint's every scope at once. */
  allScopes: boolean;
  /** Operations that succeeded only because the token holds `sp:scopes:all`. */
  onlyByAllScopes: string[];
  /** Operations whose every call was refused (401 or 403). */
  refused: string[];
  /** Why the audit may not be the whole story: history too short, calls keyhole cannot place. */
  warnings: string[];
}

/** Below this many calls, or this span of time, the history is too short to judge by. */
export const AUDIT_MIN_CALLS = 20;
export const AUDIT_MIN_SPAN_MS = 7 * 24 * 60 * 60 * 1000;

export interface AuditOptions {
  rule: ScopeRule;
  specs?: SpecSecurityLookup;
}

/**
 * Audits a token against its recorded calls: the scopes it holds but no call needed, the calls
 * that went through only thanks to `sp:scopes:all`, and the plan that would have been enough.
 */
export function auditScopes(
  identity: Pick<AccessSubject, 'scopes' | 'authorities' | 'userContext' | 'subjectKind'>,
  calls: readonly RecordedCall[],
  operations: readonly CatalogOperation[],
  options: AuditOptions,
): ScopeAudit {
  const hasUser = tokenHasUser(identity);
  const kind: CredentialKind | null = hasUser === null ? null : hasUser ? 'user' : 'app';
  const { reached, unmatched } = placeCalls(calls, operations);
  const audited = reached.map(({ operation, calls: made }) => ({
    id: operation.id,
    operationId: operation.operationId,
    calls: made.length,
    statuses: [...new Set(made.map((call) => call.status))],
    succeeded: made.some((call) => call.status !== null && call.status < 400),
  }));
  const succeeded = reached
    .filter((_, index) => audited[index]?.succeeded)
    .map(({ operation }) => operation);

  const plan = planScopes(succeeded, {
    rule: options.rule,
    specs: options.specs,
    kind: kind ?? undefined,
    held: identity.scopes,
    authorities: identity.authorities,
  });
  const allScopes = options.rule === 'any' && identity.scopes.includes(ALL_SCOPES);
  const kept = new Set(plan.scopes);
  return {
    rule: options.rule,
    ruleText: SCOPE_RULES[options.rule],
    kind,
    held: { scopes: [...identity.scopes], authorities: [...identity.authorities] },
    calls: {
      total: calls.length,
      from: calls.reduce<string | null>(
        (min, c) => (min === null || c.at < min ? c.at : min),
        null,
      ),
      to: calls.reduce<string | null>((max, c) => (max === null || c.at > max ? c.at : max), null),
    },
    operations: audited,
    unmatched,
    plan,
    neverNeeded: identity.scopes.filter((scope) => scope !== ALL_SCOPES && !kept.has(scope)),
    allScopes,
    onlyByAllScopes: allScopes
      ? succeeded
          .filter((operation) => !grantedWithout(operation, identity.scopes, plan.kind, options))
          .map((operation) => operation.id)
      : [],
    refused: audited
      .filter((a) => !a.succeeded && a.statuses.every((s) => s === 401 || s === 403))
      .map((a) => a.id),
    warnings: warningsOf(calls, unmatched.length),
  };
}

/** Whether the token's scopes other than `sp:scopes:all` grant the operation by themselves. */
function grantedWithout(
  operation: CatalogOperation,
  scopes: readonly string[],
  kind: CredentialKind,
  options: AuditOptions,
): boolean {
  const needs = operationNeeds(operation, options.rule, options.specs);
  if (needs.undecided !== null) return true;
  const held = new Set(scopes.filter((scope) => scope !== ALL_SCOPES));
  return needs.alternatives[kind].some((set) => set.every((scope) => held.has(scope)));
}

function warningsOf(calls: readonly RecordedCall[], unmatched: number): string[] {
  const warnings: string[] = [];
  const times = calls.map((call) => Date.parse(call.at)).filter(Number.isFinite);
  const span = times.length > 0 ? Math.max(...times) - Math.min(...times) : 0;
  if (calls.length < AUDIT_MIN_CALLS || span < AUDIT_MIN_SPAN_MS) {
    warnings.push(
      `the history is too short to judge by: ${plural(calls.length, 'recorded call')} ` +
        `in ${spanText(span)} ` +
        `(trust it from ${AUDIT_MIN_CALLS} calls in ${spanText(AUDIT_MIN_SPAN_MS)}); ` +
        'what your scripts call but did not call here is not in it',
    );
  }
  if (unmatched > 0) {
    warnings.push('some calls match no operation of the loaded specs: what they need is unknown');
  }
  return warnings;
}

function spanText(ms: number): string {
  const hours = ms / 3_600_000;
  if (ms < 60_000) return 'under a minute';
  if (hours < 1) return `${Math.round(ms / 60_000)} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}
