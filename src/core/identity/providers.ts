import { firstList, firstStr, has, issuerHost, list, str } from './claims.js';
import type { SubjectKind, TokenProvider } from './types.js';

/** The provider-specific reading of a claim set: everything describeToken cannot read generically. */
export interface Classification {
  provider: TokenProvider;
  subjectKind: SubjectKind | null;
  identityId: string | null;
  userName: string | null;
  clientId: string | null;
  tenant: string | null;
  org: string | null;
  pod: string | null;
  scopes: string[];
  authorities: string[];
  roles: string[];
}

type Claims = Record<string, unknown>;

const hostIs = (host: string | null, pattern: RegExp): boolean =>
  host !== null && pattern.test(host);

const SAILPOINT_HOST = /(^|\.)identitynow(-demo)?\.com$/;
const ENTRA_HOST =
  /^(login\.microsoftonline\.(com|us)|sts\.windows\.net|login\.chinacloudapi\.cn)$/;
const AUTH0_HOST = /\.auth0\.com$/;
const OKTA_HOST = /\.(okta|oktapreview|okta-emea|okta-gov)\.com$/;

/** Which issuer minted the token, judged by its claims first and its `iss` host second. */
export function detectProvider(claims: Claims): TokenProvider {
  const host = issuerHost(claims);
  const sailpointClaims = has(claims, 'tenant_id') || has(claims, 'pod') || has(claims, 'org');
  // `authorities` alone is also Spring's habit, so it counts only when nothing else issued it.
  const sailpointAuthorities =
    has(claims, 'authorities') && (host === null || hostIs(host, SAILPOINT_HOST));
  if (sailpointClaims || sailpointAuthorities || hostIs(host, SAILPOINT_HOST)) return 'sailpoint';
  if (hostIs(host, ENTRA_HOST) || has(claims, 'tid')) return 'entra';
  if (hostIs(host, AUTH0_HOST) || has(claims, 'gty')) return 'auth0';
  if (hostIs(host, OKTA_HOST) || has(claims, 'cid')) return 'okta';
  return has(claims, 'iss') ? 'oidc' : 'unknown';
}

/** Reads who the token is for, following the conventions of the provider that issued it. */
export function classify(claims: Claims): Classification {
  const provider = detectProvider(claims);
  switch (provider) {
    case 'sailpoint':
      return sailpoint(claims);
    case 'entra':
      return entra(claims);
    case 'okta':
      return okta(claims);
    case 'auth0':
      return auth0(claims);
    default:
      return generic(claims, provider);
  }
}

/**
 * SailPoint puts the identity on PATs and login tokens and leaves it off API-client tokens, which
 * act as the client itself and usually carry the single authority "API".
 */
function sailpoint(claims: Claims): Classification {
  const identityId = str(claims, 'identity_id');
  const userName = str(claims, 'user_name');
  return {
    provider: 'sailpoint',
    subjectKind: identityId !== null || userName !== null ? 'user' : 'app',
    identityId,
    userName,
    clientId: str(claims, 'client_id'),
    tenant: str(claims, 'tenant_id'),
    org: str(claims, 'org'),
    pod: str(claims, 'pod'),
    scopes: firstList(claims, ['scope', 'scp']),
    authorities: list(claims, 'authorities'),
    roles: list(claims, 'roles'),
  };
}

/**
 * Entra marks app-only tokens with `idtyp: "app"` when the optional claim is on; otherwise app
 * permissions arrive as `roles` with no `scp`, while delegated tokens carry `scp` and a user.
 */
function entra(claims: Claims): Classification {
  const scopes = list(claims, 'scp');
  const roles = list(claims, 'roles');
  const upn = firstStr(claims, ['upn', 'preferred_username', 'unique_name']);
  const idtyp = str(claims, 'idtyp');
  let subjectKind: SubjectKind | null;
  if (idtyp === 'app' || idtyp === 'user') subjectKind = idtyp;
  else if (scopes.length > 0 && (has(claims, 'oid') || upn !== null)) subjectKind = 'user';
  else if (scopes.length === 0 && upn === null) subjectKind = 'app';
  else subjectKind = null;
  return {
    provider: 'entra',
    subjectKind,
    identityId: str(claims, 'oid'),
    userName: subjectKind === 'app' ? null : upn,
    clientId: firstStr(claims, ['appid', 'azp', 'client_id']),
    tenant: str(claims, 'tid'),
    org: null,
    pod: null,
    scopes,
    authorities: [],
    roles,
  };
}

/** Okta names the client in `cid` and the user in `uid`; a client-credentials `sub` is the cid. */
function okta(claims: Claims): Classification {
  const cid = str(claims, 'cid');
  const sub = str(claims, 'sub');
  const uid = str(claims, 'uid');
  const subjectKind: SubjectKind | null =
    uid !== null ? 'user' : sub !== null && sub === cid ? 'app' : compareSubject(claims);
  return {
    provider: 'okta',
    subjectKind,
    identityId: subjectKind === 'user' ? uid : null,
    userName: subjectKind === 'user' ? sub : null,
    clientId: cid ?? firstStr(claims, ['client_id', 'azp']),
    tenant: issuerHost(claims),
    org: null,
    pod: null,
    scopes: firstList(claims, ['scp', 'scope']),
    authorities: [],
    roles: firstList(claims, ['roles', 'groups']),
  };
}

/** Auth0 machine-to-machine tokens have `gty: client-credentials` and `sub` = `<client>@clients`. */
function auth0(claims: Claims): Classification {
  const sub = str(claims, 'sub');
  const m2m = str(claims, 'gty') === 'client-credentials' || (sub?.endsWith('@clients') ?? false);
  const subjectKind: SubjectKind | null = m2m ? 'app' : sub !== null ? 'user' : null;
  return {
    provider: 'auth0',
    subjectKind,
    identityId: subjectKind === 'user' ? sub : null,
    userName: subjectKind === 'user' ? firstStr(claims, ['email', 'nickname', 'name']) : null,
    clientId:
      firstStr(claims, ['azp', 'client_id']) ??
      (m2m ? (sub?.replace(/@clients$/, '') ?? null) : null),
    tenant: issuerHost(claims),
    org: str(claims, 'org_id'),
    pod: null,
    scopes: list(claims, 'scope'),
    authorities: list(claims, 'permissions'),
    roles: list(claims, 'roles'),
  };
}

/** RFC 9068 and most OIDC servers: a client acting as itself puts its own id in `sub`. */
function generic(claims: Claims, provider: TokenProvider): Classification {
  const subjectKind = compareSubject(claims);
  const realmAccess = claims['realm_access'];
  const keycloakRoles =
    typeof realmAccess === 'object' && realmAccess !== null
      ? list(realmAccess as Claims, 'roles')
      : [];
  return {
    provider,
    subjectKind,
    identityId: subjectKind === 'user' ? str(claims, 'sub') : null,
    userName:
      subjectKind === 'user'
        ? firstStr(claims, ['preferred_username', 'username', 'user_name', 'email', 'name'])
        : null,
    clientId: firstStr(claims, ['client_id', 'azp', 'cid', 'appid']),
    tenant: firstStr(claims, ['tenant_id', 'tenant', 'tid']),
    org: firstStr(claims, ['org', 'org_id']),
    pod: null,
    scopes: firstList(claims, ['scope', 'scp', 'scopes']),
    authorities: list(claims, 'authorities'),
    roles: list(claims, 'roles').length > 0 ? list(claims, 'roles') : keycloakRoles,
  };
}

function compareSubject(claims: Claims): SubjectKind | null {
  const sub = str(claims, 'sub');
  // RFC 7662 names the resource owner in `username`; some servers send it without `sub`.
  if (sub === null && str(claims, 'username') !== null) return 'user';
  const client = firstStr(claims, ['client_id', 'azp', 'cid']);
  if (client === null) return null;
  // No subject but a client: nobody but the client itself (RFC 7662 answers for client
  // credentials tokens look like this).
  if (sub === null) return 'app';
  return sub === client ? 'app' : 'user';
}
