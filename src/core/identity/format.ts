import { formatDuration } from './duration.js';
import type { TokenIdentity, TokenLabel } from './types.js';

const LABELS: Record<TokenLabel, string> = {
  'api-key': 'API key',
  pat: 'PAT',
  user: 'login',
  other: 'other',
};

const PROVIDERS: Record<TokenIdentity['provider'], string> = {
  sailpoint: 'SailPoint',
  entra: 'Entra ID',
  okta: 'Okta',
  auth0: 'Auth0',
  oidc: 'OpenID Connect',
  unknown: 'unknown issuer',
};

const SIGNATURES: Record<TokenIdentity['signature'], string> = {
  verified: 'verified against the JWKS',
  unverified: 'not checked',
  invalid: 'INVALID',
};

const SOURCES: Record<TokenIdentity['claimsSource'], string> = {
  jwt: 'read from the JWT',
  introspection: "from the server's introspection endpoint (RFC 7662)",
  token_response: 'from the token response (scope, expires_in); the token itself is opaque',
  none: 'none: the token is opaque and the server was not asked about it',
};

/**
 * The identity as aligned "Label: value" lines for the terminal, most telling first. Lines with
 * nothing to say are left out; warnings come last, one per line.
 */
export function formatIdentity(identity: TokenIdentity): string[] {
  const rows: Array<[string, string | null]> = [
    ['Who', who(identity)],
    ['Kind', kind(identity)],
    ['Client', identity.subjectKind === 'app' ? null : identity.clientId],
    ['Tenant', tenant(identity)],
    ['Authorities', joined(identity.authorities)],
    ['Roles', joined(identity.roles)],
    ['Scopes', identity.claimsSource === 'none' ? null : (joined(identity.scopes) ?? '(none)')],
    ['Audience', joined(identity.audience)],
    ['Issuer', identity.issuer],
    ['Expires', expires(identity)],
    ['Signature', identity.format === 'jwt' ? SIGNATURES[identity.signature] : null],
    ['Claims', SOURCES[identity.claimsSource]],
  ];
  const shown = rows.filter((row): row is [string, string] => row[1] !== null);
  const labels = [
    ...shown.map(([label]) => label),
    ...(identity.warnings.length ? ['Warning'] : []),
  ];
  const width = Math.max(...labels.map((label) => label.length)) + 3;
  return [
    ...shown.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`),
    ...identity.warnings.map((warning) => `${'Warning:'.padEnd(width)}${warning}`),
  ];
}

function who(identity: TokenIdentity): string {
  const name =
    identity.subjectKind === 'app'
      ? identity.clientId
      : (identity.userName ?? identity.identityId ?? identity.clientId);
  const tags = [identity.subjectKind ?? (identity.format === 'opaque' ? 'opaque' : 'unknown')];
  if (identity.kind !== null) tags.push(LABELS[identity.kind]);
  return `${name ?? '(not named in the token)'} (${tags.join(', ')})`;
}

function kind(identity: TokenIdentity): string {
  if (identity.format === 'opaque' && identity.claimsSource !== 'introspection') {
    return 'opaque token (claims not readable)';
  }
  const context =
    identity.userContext === null
      ? 'user context unknown'
      : identity.userContext
        ? 'user context'
        : 'no user context (acts as the client)';
  if (identity.format === 'jwt') return `${PROVIDERS[identity.provider]} JWT, ${context}`;
  const issuer = identity.provider === 'unknown' ? '' : `${PROVIDERS[identity.provider]} `;
  return `${issuer}opaque token (introspected), ${context}`;
}

function tenant(identity: TokenIdentity): string | null {
  const extra = [
    identity.pod === null ? null : `pod ${identity.pod}`,
    identity.org !== null && identity.tenant !== null ? `id ${identity.tenant}` : null,
  ].filter((part) => part !== null);
  const main = identity.org ?? identity.tenant;
  if (main === null) return null;
  return extra.length > 0 ? `${main} (${extra.join(', ')})` : main;
}

function expires(identity: TokenIdentity): string | null {
  const seconds = identity.expiresInSeconds;
  if (seconds === null || identity.expiresAt === null) {
    // A JWT without a readable exp may be valid forever or for a minute: say that it is unknown.
    return identity.format === 'jwt' ? 'unknown (the token has no usable exp claim)' : null;
  }
  const when =
    seconds > 0 ? `in ${formatDuration(seconds)}` : `expired ${formatDuration(seconds)} ago`;
  return `${when} (${identity.expiresAt})`;
}

function joined(values: string[]): string | null {
  return values.length > 0 ? values.join(' ') : null;
}
