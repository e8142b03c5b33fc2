import { stableId } from './ids.js';
import { JANE_DOE } from './identities.js';

export type AccessItemType = 'ACCESS_PROFILE' | 'ROLE' | 'ENTITLEMENT';
export const ACCESS_ITEM_TYPES: readonly AccessItemType[] = [
  'ACCESS_PROFILE',
  'ROLE',
  'ENTITLEMENT',
];

/** Something that can be requested with POST /v3/access-requests. */
export interface AccessItem {
  readonly type: AccessItemType;
  readonly id: string;
  readonly name: string;
}

const item = (type: AccessItemType, name: string): AccessItem => ({
  type,
  id: stableId(`${type}:${name}`),
  name,
});

export const ACCESS_ITEMS: readonly AccessItem[] = [
  item('ACCESS_PROFILE', 'GitHub Developers'),
  item('ACCESS_PROFILE', 'Finance Reports Readers'),
  item('ROLE', 'Software Engineer'),
  item('ROLE', 'Help Desk Analyst'),
  item('ENTITLEMENT', 'github:org-admins'),
  item('ENTITLEMENT', 'ldap:cn=vpn-users'),
];

export function findAccessItem(type: AccessItemType, id: string): AccessItem | undefined {
  return ACCESS_ITEMS.find((candidate) => candidate.type === type && candidate.id === id);
}

const owner = { type: 'IDENTITY', id: JANE_DOE.id, name: JANE_DOE.name } as const;
const CREATED = '2024-01-15T09:00:00.000Z';

export const IDENTITY_PROFILES = [
  {
    id: stableId('identity-profile:Employees'),
    name: 'Employees',
    description: 'Everyone in the HR system of record.',
    owner,
    priority: 10,
    authoritativeSource: { type: 'SOURCE', id: stableId('source:Workday'), name: 'Workday' },
    identityRefreshRequired: false,
    identityCount: 58,
    created: CREATED,
    modified: CREATED,
  },
  {
    id: stableId('identity-profile:Contractors'),
    name: 'Contractors',
    description: 'Non-employees managed in the contractor directory.',
    owner,
    priority: 20,
    authoritativeSource: {
      type: 'SOURCE',
      id: stableId('source:Contractors'),
      name: 'Contractors',
    },
    identityRefreshRequired: false,
    identityCount: 4,
    created: CREATED,
    modified: CREATED,
  },
];

const workflow = (name: string, description: string, trigger: string, enabled: boolean) => ({
  id: stableId(`workflow:${name}`),
  name,
  description,
  enabled,
  executionCount: enabled ? 42 : 0,
  failureCount: enabled ? 1 : 0,
  created: CREATED,
  modified: CREATED,
  owner,
  trigger: { type: 'EVENT', attributes: { id: trigger } },
});

export const WORKFLOWS = [
  workflow(
    'Notify manager of new hire',
    'Emails the manager on joiner.',
    'idn:identity-created',
    true,
  ),
  workflow(
    'Disable leaver accounts',
    'Disables accounts on termination.',
    'idn:identity-attributes-changed',
    true,
  ),
  workflow(
    'Access request audit',
    'Posts requests to the audit channel.',
    'idn:access-request-submitted',
    false,
  ),
];

/** Password policies, a subset of SailPoint's PasswordPolicyV3Dto (v2025, experimental there). */
export const PASSWORD_POLICIES = [
  {
    id: stableId('password-policy:default'),
    name: 'Default Password Policy',
    description: 'Applies to every identity without a more specific policy.',
    minLength: 12,
    maxLength: 128,
    minUpper: 1,
    minLower: 1,
    minNumeric: 1,
    minSpecial: 1,
    maxRepeatedChars: 3,
    requireStrongAuthn: true,
  },
  {
    id: stableId('password-policy:admins'),
    name: 'Administrators',
    description: 'Longer passwords for identities with admin levels.',
    minLength: 16,
    maxLength: 128,
    minUpper: 1,
    minLower: 1,
    minNumeric: 2,
    minSpecial: 2,
    maxRepeatedChars: 2,
    requireStrongAuthn: true,
  },
];
