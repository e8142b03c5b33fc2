/**
 * The fixed identity of the demo tenant: the values SailPoint puts in every token response and
 * JWT (`tenant_id`, `pod`, `org`).
 */
export const TENANT = {
  name: 'Keyhole Demo Tenant',
  org: 'keyhole-demo',
  pod: 'demo01-local',
  tenantId: '5f1b3b0e-8c4a-4d7e-9b1a-6d2c0e7f4a11',
} as const;

/**
 * The scopes the token endpoint grants. `sp:scopes:all` holds every scope; `sp:scopes:default`
 * only what needs no authorization; the others are SailPoint's names for what each operation
 * of the policy table needs (any one of an operation's scopes will do).
 */
export const SCOPE_ALL = 'sp:scopes:all';
export const SCOPE_DEFAULT = 'sp:scopes:default';
export const API_SCOPES = {
  'idn:identity:read': 'read identities',
  'idn:identity:manage': 'read and change identities',
  'idn:access-request:manage': 'request access for anyone',
  'idn:access-request-self:manage': 'request access for oneself',
  'idn:identity-profile:read': 'read identity profiles',
  'sp:search:read': 'search',
  'sp:workflow:read': 'read workflows',
  'sp:workflow:manage': 'read and change workflows',
  'idn:password-policy:read': 'read password policies',
} as const;
export type ApiScope = keyof typeof API_SCOPES;
export const KNOWN_SCOPES: readonly string[] = [
  SCOPE_ALL,
  SCOPE_DEFAULT,
  ...Object.keys(API_SCOPES),
];
