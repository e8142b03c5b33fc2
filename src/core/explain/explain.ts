import type { TokenIdentity } from '../identity/types.js';

/** Why a call failed, as one stable word scripts can match on. */
export type FailureReason =
  | 'no_user_context'
  | 'missing_scope'
  | 'user_level'
  | 'expired'
  | 'audience'
  | 'signature'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'server_error';

export interface Explanation {
  reason: FailureReason;
  /** One sentence for a person. */
  summary: string;
  /** What to do about it. */
  nextStep: string;
}

/** The declared security of the operation that was called, when the catalog knows it. */
export interface DeclaredSecurity {
  security: Record<string, string[]>[] | null;
  userLevels: string[] | null;
}

export interface FailedCall {
  status: number;
  headers: Record<string, string | string[]>;
  /** The response body as text (may be JSON). */
  bodyText: string;
  identity: TokenIdentity | null;
  operation?: DeclaredSecurity | null;
  now?: Date;
}

const USER_SCHEMES = new Set(['userAuth', 'UserContextAuth']);
const APP_SCHEMES = new Set(['applicationAuth']);

/**
 * The one place that turns a failed response, the token's identity and the operation's declared
 * security into a sentence and a next step. `call`, `compare`, the matrix and the response panel
 * all show what this returns; it returns null for responses that did not fail.
 */
export function explainFailure(call: FailedCall): Explanation | null {
  const { status } = call;
  if (status === 401) return explain401(call);
  if (status === 403) return explain403(call);
  if (status === 429) {
    const retryAfter = header(call.headers, 'retry-after');
    return {
      reason: 'rate_limited',
      summary: `rate limited by the server${retryAfter ? `: retry in ${retryAfter} s` : ''}`,
      nextStep: retryAfter
        ? `Wait ${retryAfter} s before sending again; GET requests are retried automatically.`
        : 'Slow down and send again in a few seconds.',
    };
  }
  if (status >= 500) {
    return {
      reason: 'server_error',
      summary: `the server failed (${status}); the request may be fine`,
      nextStep: `Try again; if it persists, quote the trackingId${trackingId(call.bodyText)} to the API owner.`,
    };
  }
  return null;
}

function explain401(call: FailedCall): Explanation {
  const text = call.bodyText.toLowerCase();
  const identity = call.identity;
  const now = call.now ?? new Date();
  if (identity?.expiresAt && Date.parse(identity.expiresAt) <= now.getTime()) {
    return {
      reason: 'expired',
      summary: `the token expired at ${identity.expiresAt} (this machine's clock says ${now.toISOString()})`,
      nextStep:
        'Send again: keyhole gets a new token; if it keeps happening, check the clock (skew).',
    };
  }
  if (text.includes('expired')) {
    return {
      reason: 'expired',
      summary: 'the server says the token is expired',
      nextStep:
        "Get a new token with --new; if it is fresh already, this machine's clock may be off.",
    };
  }
  if (text.includes('audience') || text.includes('aud')) {
    return {
      reason: 'audience',
      summary: `the token was issued for another audience (${identity?.audience.join(', ') || 'none'})`,
      nextStep: 'Request the token for this API (a scope or audience parameter on the profile).',
    };
  }
  if (text.includes('signature') || identity?.signature === 'invalid') {
    return {
      reason: 'signature',
      summary: 'the token signature was rejected: it is not from this tenant, or was altered',
      nextStep: "Check that the profile's token URL belongs to the same tenant as its base URL.",
    };
  }
  return {
    reason: 'unauthorized',
    summary: 'the server did not accept the token',
    nextStep:
      'Check the base URL and that the client still exists; `keyhole whoami` shows the token.',
  };
}

function explain403(call: FailedCall): Explanation {
  const identity = call.identity;
  const security = call.operation?.security ?? null;
  const schemes = new Set((security ?? []).flatMap((requirement) => Object.keys(requirement)));
  const userOnly =
    [...schemes].some((s) => USER_SCHEMES.has(s)) && ![...schemes].some((s) => APP_SCHEMES.has(s));
  if (identity?.userContext === false && (userOnly || call.operation == null)) {
    return {
      reason: 'no_user_context',
      summary: 'this token has no user context',
      nextStep: 'This endpoint needs a user: use a PAT or log in (authorization_code).',
    };
  }
  const required = [...new Set((security ?? []).flatMap((r) => Object.values(r).flat()))];
  const scopes = new Set(identity?.scopes ?? []);
  if (required.length > 0 && !scopes.has('sp:scopes:all') && !required.some((s) => scopes.has(s))) {
    return {
      reason: 'missing_scope',
      summary: `the token lacks the scope this endpoint needs (${required.join(' or ')})`,
      nextStep: 'Add the scope to the profile (or the API client) and get a new token.',
    };
  }
  const levels = call.operation?.userLevels ?? [];
  const authorities = identity?.authorities ?? [];
  if (levels.length > 0 && authorities.length > 0 && !levels.some((l) => authorities.includes(l))) {
    return {
      reason: 'user_level',
      summary: `the token's authorities (${authorities.join(', ')}) meet none of the required user levels (${levels.join(', ')})`,
      nextStep: `Use a credential of a user with ${levels.join(' or ')}.`,
    };
  }
  return {
    reason: 'forbidden',
    summary: 'the server refused this token for this request',
    nextStep: `Check the token's scopes and authorities with \`keyhole whoami\`${trackingId(call.bodyText)}.`,
  };
}

function header(headers: Record<string, string | string[]>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** SailPoint error bodies carry a trackingId support can look up. */
function trackingId(bodyText: string): string {
  const match = /"trackingId"\s*:\s*"([^"]+)"/.exec(bodyText);
  return match ? ` (trackingId ${match[1]})` : '';
}
