import { SCOPE_ALL, type ApiScope, type SCOPE_DEFAULT as DefaultScope } from './tenant.js';
import type { Principal } from './tokens.js';

export type UserLevel = 'ORG_ADMIN' | 'HELPDESK';

/** Who may call one API operation. The router enforces it and the OpenAPI document declares it. */
export interface OperationPolicy {
  readonly operationId: string;
  readonly method: 'GET' | 'POST';
  /** OpenAPI path template, server-relative, e.g. `/v3/identities/{id}`. */
  readonly path: string;
  /** Whether a token without a user (API client, app client_credentials) may call it. */
  readonly application: boolean;
  /**
   * User levels allowed for tokens that act as a user (`x-sailpoint-userLevels`); empty: any
   * user (the document then lists none, as SailPoint does).
   */
  readonly userLevels: readonly UserLevel[];
  /** The scopes that grant it: any one of them (or `sp:scopes:all`) will do. */
  readonly scopes: readonly (ApiScope | typeof DefaultScope)[];
  /** SailPoint's experimental operations: refused with 400 without `X-SailPoint-Experimental: true`. */
  readonly experimental?: boolean;
}

/**
 * The one access table of the demo tenant. A token needs one of the operation's scopes (or
 * `sp:scopes:all`); then a user token passes when one of its authorities is listed (or none is),
 * a token without a user when `application` is true.
 */
export const OPERATIONS = [
  {
    operationId: 'listIdentities',
    method: 'GET',
    path: '/v3/identities',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
    scopes: ['idn:identity:read', 'idn:identity:manage'],
  },
  {
    operationId: 'getIdentity',
    method: 'GET',
    path: '/v3/identities/{id}',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
    scopes: ['idn:identity:read', 'idn:identity:manage'],
  },
  {
    operationId: 'createAccessRequest',
    method: 'POST',
    path: '/v3/access-requests',
    application: false,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
    scopes: ['idn:access-request:manage', 'idn:access-request-self:manage'],
  },
  {
    operationId: 'listIdentityProfiles',
    method: 'GET',
    path: '/v3/identity-profiles',
    application: true,
    userLevels: ['ORG_ADMIN'],
    scopes: ['idn:identity-profile:read'],
  },
  {
    operationId: 'searchPost',
    method: 'POST',
    path: '/v3/search',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
    scopes: ['sp:search:read'],
  },
  {
    operationId: 'listWorkflows',
    method: 'GET',
    path: '/beta/workflows',
    application: false,
    userLevels: ['ORG_ADMIN'],
    scopes: ['sp:workflow:read', 'sp:workflow:manage'],
  },
  {
    operationId: 'getLargeDemoPayload',
    method: 'GET',
    path: '/demo/large',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
    scopes: ['sp:scopes:default'],
  },
  {
    operationId: 'listPasswordPolicies',
    method: 'GET',
    path: '/v2025/password-policies',
    application: true,
    userLevels: [],
    scopes: ['idn:password-policy:read'],
    experimental: true,
  },
] as const satisfies readonly OperationPolicy[];

export type DemoOperation = (typeof OPERATIONS)[number];
export type OperationId = DemoOperation['operationId'];

/** Whether the token's scopes grant the operation: `sp:scopes:all`, or any one it lists. */
export function scopeGrants(operation: OperationPolicy, scopes: readonly string[]): boolean {
  if (scopes.includes(SCOPE_ALL)) return true;
  const granting: readonly string[] = operation.scopes;
  return scopes.some((scope) => granting.includes(scope));
}

export function isAllowed(operation: OperationPolicy, principal: Principal): boolean {
  if (!scopeGrants(operation, principal.scope)) return false;
  if (principal.identityId === undefined) return operation.application;
  const levels: readonly string[] = operation.userLevels;
  if (levels.length === 0) return true;
  return principal.authorities.some((authority) => levels.includes(authority));
}
