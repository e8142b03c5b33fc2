import { recordedCalls } from '../access/recorded-calls.js';
import { type ScopeAudit, auditScopes } from '../access/scope-audit.js';
import { type ScopePlan, planScopes } from '../access/scope-plan.js';
import { auditRuleOf, credentialKindOf, planRuleOf } from '../access/scope-rule.js';
import type { HistoryEntry } from '../history/index.js';
import type { CatalogState, SessionProfile, TokenState } from './types.js';

/** The scopes plan of marked operations, or why there is none. */
export type PlanOutcome =
  | { readonly status: 'ready'; readonly plan: ScopePlan }
  | { readonly status: 'unavailable'; readonly reason: string };

/** The scopes audit of the current profile, as the audit view shows it. */
export type AuditState =
  | { readonly status: 'idle' }
  | { readonly status: 'unavailable'; readonly profile: string; readonly reason: string }
  | { readonly status: 'ready'; readonly profile: string; readonly audit: ScopeAudit };

/**
 * The plan for the operations `ids` of the current profile's catalog, as `keyhole scopes plan`
 * makes it: the profile's rule and credential kind, and among covers of one size the one that
 * keeps most of what the current token holds (its scopes, its user's levels).
 */
export function planForSession(
  current: SessionProfile | null,
  catalog: CatalogState,
  token: TokenState,
  ids: readonly string[],
): PlanOutcome {
  if (catalog.status !== 'ready') {
    return { status: 'unavailable', reason: catalogReason(catalog) };
  }
  const wanted = new Set(ids);
  const operations = catalog.operations.filter((op) => wanted.has(op.id));
  if (operations.length === 0) {
    return {
      status: 'unavailable',
      reason: "none of the marked operations is in this profile's specs",
    };
  }
  const profile = current?.profile;
  const plan = planScopes(operations, {
    rule: planRuleOf(profile, catalog.operations),
    specs: catalog.specs,
    kind: credentialKindOf(profile),
    held: token.status === 'ready' ? token.identity.scopes : undefined,
    authorities: token.status === 'ready' ? token.identity.authorities : undefined,
  });
  return { status: 'ready', plan };
}

/**
 * The audit of the current profile: its token beside the calls its history recorded, as
 * `keyhole scopes audit` makes it. Without a token or a catalog it says why not.
 */
export function auditForSession(
  current: SessionProfile | null,
  catalog: CatalogState,
  token: TokenState,
  history: () => readonly HistoryEntry[],
): AuditState {
  if (!current) return { status: 'unavailable', profile: '', reason: 'no profile selected' };
  const profile = current.profile;
  const unavailable = (reason: string): AuditState => ({
    status: 'unavailable',
    profile: profile.name,
    reason,
  });
  if (catalog.status !== 'ready') return unavailable(catalogReason(catalog));
  if (token.status !== 'ready') return unavailable(tokenReason(profile.name, token));
  const identity = token.identity;
  const audit = auditScopes(identity, recordedCalls(history()), catalog.operations, {
    rule: auditRuleOf(identity.provider, profile, catalog.operations),
    specs: catalog.specs,
  });
  return { status: 'ready', profile: profile.name, audit };
}

function catalogReason(catalog: Exclude<CatalogState, { status: 'ready' }>): string {
  if (catalog.status === 'loading') return 'the specs are still loading: try again in a moment';
  return `no spec to read scopes from: ${catalog.message}`;
}

function tokenReason(name: string, token: Exclude<TokenState, { status: 'ready' }>): string {
  if (token.status === 'loading') return `getting a token for ${name}: try again once it is here`;
  if (token.status === 'error') return `no token for ${name}: ${token.message}`;
  return `no token for ${name} yet: press r to get one`;
}
