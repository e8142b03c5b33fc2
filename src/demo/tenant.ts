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

/** The scopes the token endpoint grants; every API operation needs `sp:scopes:all`. */
export const SCOPE_ALL = 'sp:scopes:all';
export const SCOPE_DEFAULT = 'sp:scopes:default';
export const KNOWN_SCOPES: readonly string[] = [SCOPE_ALL, SCOPE_DEFAULT];
