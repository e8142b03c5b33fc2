import { SCOPE_ALL } from './tenant.js';
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
  /** User levels allowed for tokens that act as a user (`x-sailpoint-userLevels`). */
  readonly userLevels: readonly UserLevel[];
}

/**
 * The one access table of the demo tenant. A user token passes when one of its authorities is
 * listed; a token without a user passes when `application` is true. Every operation also needs
 * the `sp:scopes:all` scope.
 */
export const OPERATIONS = [
  {
    operationId: 'listIdentities',
    method: 'GET',
    path: '/v3/identities',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
  },
  {
    operationId: 'getIdentity',
    method: 'GET',
    path: '/v3/identities/{id}',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
  },
  {
    operationId: 'createAccessRequest',
    method: 'POST',
    path: '/v3/access-requests',
    application: false,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
  },
  {
    operationId: 'listIdentityProfiles',
    method: 'GET',
    path: '/v3/identity-profiles',
    application: true,
    userLevels: ['ORG_ADMIN'],
  },
  {
    operationId: 'searchPost',
    method: 'POST',
    path: '/v3/search',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
  },
  {
    operationId: 'listWorkflows',
    method: 'GET',
    path: '/beta/workflows',
    application: false,
    userLevels: ['ORG_ADMIN'],
  },
  {
    operationId: 'getLargeDemoPayload',
    method: 'GET',
    path: '/demo/large',
    application: true,
    userLevels: ['ORG_ADMIN', 'HELPDESK'],
  },
] as const satisfies readonly OperationPolicy[];

export type DemoOperation = (typeof OPERATIONS)[number];
export type OperationId = DemoOperation['operationId'];

/** The scope every operation lists in its `security` requirement. */
export const REQUIRED_SCOPE = SCOPE_ALL;

export function isAllowed(operation: OperationPolicy, principal: Principal): boolean {
  if (!principal.scope.includes(REQUIRED_SCOPE)) return false;
  if (principal.identityId === undefined) return operation.application;
  const levels: readonly string[] = operation.userLevels;
  return principal.authorities.some((authority) => levels.includes(authority));
}
