import type { TokenIdentity } from '../identity/types.js';
import type { Grant, Preset } from '../profiles/vocabulary.js';
import { type ServerSays, readServerSays } from './server-says.js';
import { shellQuote } from '../curl/shell.js';

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
  /** The profile that sent the call: a pasted token cannot be renewed, SailPoint has its words. */
  profile?: { name: string; grant: Grant; preset: Preset; scopes: readonly string[] } | null;
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
  const says = readServerSays(call.headers, call.bodyText);
  const text = `${says.code ?? ''} ${says.message ?? ''} ${call.bodyText}`.toLowerCase();
  const identity = call.identity;
  const now = call.now ?? new Date();
  // A pasted token is the same token on every try: only a person can bring a new one.
  const pasted = call.profile?.grant === 'static';
  const pasteNew = `Paste a new token: \`keyhole profiles set-secret ${profileWord(call)} --secret-stdin\` (it reads the token from stdin).`;
  if (identity?.expiresAt && Date.parse(identity.expiresAt) <= now.getTime()) {
    return {
      reason: 'expired',
      summary: `the token expired at ${identity.expiresAt} (this machine's clock says ${now.toISOString()})`,
      nextStep: pasted
        ? pasteNew
        : 'Send again: keyhole gets a new token; if it keeps happening, check the clock (skew).',
    };
  }
  if (text.includes('expired')) {
    return {
      reason: 'expired',
      summary: `the server says the token is expired${quoted(says)}`,
      nextStep: pasted
        ? pasteNew
        : "Get a new token with --new; if it is fresh already, this machine's clock may be off.",
    };
  }
  if (text.includes('audience') || /\baud\b/.test(text)) {
    return {
      reason: 'audience',
      summary: `the token was issued for another audience (${identity?.audience.join(', ') || 'none'})${quoted(says)}`,
      nextStep: pasted
        ? `Get a token for this API, then: ${pasteNew}`
        : 'Request the token for this API (a scope or audience parameter on the profile).',
    };
  }
  if (text.includes('signature') || identity?.signature === 'invalid') {
    return {
      reason: 'signature',
      summary: `the token signature was rejected: it is not from this tenant, or was altered${quoted(says)}`,
      nextStep: pasted
        ? `Get a token from this API's own issuer, then: ${pasteNew}`
        : "Check that the profile's token URL belongs to the same tenant as its base URL.",
    };
  }
  return {
    reason: 'unauthorized',
    summary: `the server did not accept the token${quoted(says)}`,
    nextStep: pasted
      ? `The same pasted token was sent; it is revoked, expired or not for this API. ${pasteNew}`
      : 'Check the base URL and that the client still exists; `keyhole whoami` shows the token.',
  };
}

function explain403(call: FailedCall): Explanation {
  const identity = call.identity;
  const says = readServerSays(call.headers, call.bodyText);
  const security = call.operation?.security ?? null;
  const schemes = new Set((security ?? []).flatMap((requirement) => Object.keys(requirement)));
  const userOnly =
    [...schemes].some((s) => USER_SCHEMES.has(s)) && ![...schemes].some((s) => APP_SCHEMES.has(s));
  // "No user context" only with evidence: a spec that declares the operation user-only, or
  // SailPoint saying so. Elsewhere a 403 for an app token is as likely a scope or a policy.
  if (identity?.userContext === false && (userOnly || sailpointSaysUserNeeded(call, says))) {
    return {
      reason: 'no_user_context',
      summary: 'this token has no user context',
      nextStep: 'This endpoint needs a user: use a PAT or log in (authorization_code).',
    };
  }
  const scopes = identity?.scopes ?? [];
  const has = `token has ${scopes.length > 0 ? scopes.join(' ') : 'none'}`;
  // What the server names outweighs what a spec declares: it is the one that refused.
  const named = says.requiredScopes.filter((scope) => !scopes.includes(scope));
  if (named.length > 0) {
    return {
      reason: 'missing_scope',
      summary: `missing scope ${named.join(' ')} (${has})`,
      nextStep: addScope(call, named),
    };
  }
  if (says.code === 'insufficient_scope') {
    return {
      reason: 'missing_scope',
      summary: `the server says the token lacks a scope${quoted(says)} (${has})`,
      nextStep:
        'Ask the API owner which scope it needs, add it to the profile and get a new token.',
    };
  }
  const required = [...new Set((security ?? []).flatMap((r) => Object.values(r).flat()))];
  const scopeSet = new Set(scopes);
  if (
    required.length > 0 &&
    !scopeSet.has('sp:scopes:all') &&
    !required.some((s) => scopeSet.has(s))
  ) {
    return {
      reason: 'missing_scope',
      summary: `missing scope ${required.join(' or ')} (${has})`,
      nextStep: addScope(call, required.slice(0, 1)),
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
    summary: `the server refused this token for this request${quoted(says)}`,
    nextStep: `Check the token's scopes and authorities with \`keyhole whoami\`${trackingId(call.bodyText)}.`,
  };
}

/** SailPoint's own words for an API-client token on an endpoint that needs a person. */
function sailpointSaysUserNeeded(call: FailedCall, says: ServerSays): boolean {
  const sailpoint = call.profile?.preset === 'sailpoint' || call.identity?.provider === 'sailpoint';
  const words = `${says.message ?? ''} ${says.code ?? ''}`;
  return sailpoint && /user[ _-]?context|requires? an? (user|identity)\b/i.test(words);
}

function addScope(call: FailedCall, scopes: readonly string[]): string {
  const grant = call.profile?.grant;
  if (grant === 'static') {
    return `Get a token with ${scopes.join(' ')}, then paste it: \`keyhole profiles set-secret ${profileWord(call)} --secret-stdin\`.`;
  }
  // --scope replaces the profile's list, so the command names the scopes it has too. The scope
  // names come from the server: quoted, so a pasted command cannot run anything they hold.
  const wanted = [...new Set([...(call.profile?.scopes ?? []), ...scopes])];
  const flags = wanted.map((scope) => `--scope ${shellQuote(scope)}`).join(' ');
  return `Add the scope to the profile (\`keyhole profiles edit ${profileWord(call)} ${flags}\`, and to the client on the server if it is not granted) and get a new token.`;
}

/** The profile's name as a shell word, for commands the user is told to paste. */
function profileWord(call: FailedCall): string {
  return call.profile ? shellQuote(call.profile.name) : '<profile>';
}

/** The server's own explanation, quoted after a sentence: `: "Insufficient privileges" (E0000006)`. */
function quoted(says: ServerSays): string {
  const code = says.code !== null && says.code !== says.message ? says.code : null;
  if (says.message !== null) return `: "${says.message}"${code !== null ? ` (${code})` : ''}`;
  return code !== null ? ` (${code})` : '';
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
