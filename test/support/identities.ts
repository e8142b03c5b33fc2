import type { TokenIdentity } from '../../src/core/identity/types.js';

/** A full TokenIdentity with everything unknown, overridden by `fields`. */
export function identity(fields: Partial<TokenIdentity>): TokenIdentity {
  return {
    profile: null,
    kind: null,
    provider: 'sailpoint',
    subjectKind: null,
    userContext: null,
    identityId: null,
    userName: null,
    clientId: null,
    tenant: null,
    org: null,
    pod: null,
    scopes: [],
    authorities: [],
    roles: [],
    issuer: null,
    audience: [],
    issuedAt: null,
    expiresAt: null,
    expiresInSeconds: null,
    signature: 'unverified',
    format: 'jwt',
    claimsSource: 'jwt',
    warnings: [],
    claims: {},
    header: {},
    ...fields,
  };
}

/** A SailPoint API client (client credentials): no user. */
export const API_KEY = identity({
  kind: 'api-key',
  subjectKind: 'app',
  userContext: false,
  authorities: ['API'],
  scopes: ['sp:scopes:all'],
});

/** A personal access token of an ORG_ADMIN. */
export const PAT = identity({
  kind: 'pat',
  subjectKind: 'user',
  userContext: true,
  authorities: ['ORG_ADMIN'],
  scopes: ['sp:scopes:all'],
});
