import { stableId } from './ids.js';

/** One identity as GET /v3/identities returns it (a subset of SailPoint's IdentityDto). */
export interface DemoIdentity {
  id: string;
  name: string;
  created: string;
  modified: string;
  alias: string;
  emailAddress: string;
  processingState: null;
  identityStatus: 'ACTIVE' | 'DISABLED';
  managerRef: { type: 'IDENTITY'; id: string; name: string } | null;
  isManager: boolean;
  lastRefresh: string;
  attributes: {
    uid: string;
    firstname: string;
    lastname: string;
    displayName: string;
    email: string;
    department: string;
  };
  lifecycleState: { stateName: string; manuallyUpdated: boolean };
}

const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jon',
];
const LAST_NAMES = ['Adams', 'Brooks', 'Chen', 'Diaz', 'Evans', 'Fischer'];
const DEPARTMENTS = ['Engineering', 'Finance', 'Human Resources', 'Sales', 'Support', 'Legal'];

// Timestamps are fixed so that responses are reproducible byte for byte.
const EPOCH = Date.UTC(2024, 0, 15, 9, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

function makeIdentity(
  first: string,
  last: string,
  index: number,
  options: { uid?: string; department?: string; manager?: DemoIdentity; status?: 'DISABLED' } = {},
): DemoIdentity {
  const uid = options.uid ?? `${first}.${last}`.toLowerCase();
  const name = `${first} ${last}`;
  const email = `${uid}@demo.example.com`;
  const created = new Date(EPOCH + index * DAY).toISOString();
  return {
    id: stableId(`identity:${uid}`),
    name,
    created,
    modified: created,
    alias: uid,
    emailAddress: email,
    processingState: null,
    identityStatus: options.status ?? 'ACTIVE',
    managerRef: options.manager
      ? { type: 'IDENTITY', id: options.manager.id, name: options.manager.name }
      : null,
    isManager: false,
    lastRefresh: created,
    attributes: {
      uid,
      firstname: first,
      lastname: last,
      displayName: name,
      email,
      department: options.department ?? DEPARTMENTS[index % DEPARTMENTS.length] ?? 'Engineering',
    },
    lifecycleState: {
      stateName: options.status === 'DISABLED' ? 'inactive' : 'active',
      manuallyUpdated: false,
    },
  };
}

/** The administrator whose PAT `demo-pat-client` is, and the first user on the login page. */
export const JANE_DOE = makeIdentity('Jane', 'Doe', 0, { department: 'Engineering' });
/** The help-desk user: may read identities and request access, may not see workflows. */
export const SAM_HELPDESK = makeIdentity('Sam', 'Helpdesk', 1, {
  uid: 'sam.helpdesk',
  department: 'Support',
  manager: JANE_DOE,
});
JANE_DOE.isManager = true;

function generate(): DemoIdentity[] {
  const people: DemoIdentity[] = [JANE_DOE, SAM_HELPDESK];
  for (const last of LAST_NAMES) {
    for (const first of FIRST_NAMES) {
      const index = people.length;
      // Every seventh one is disabled so lists are not uniform.
      const status = index % 7 === 0 ? 'DISABLED' : undefined;
      people.push(makeIdentity(first, last, index, { manager: JANE_DOE, status }));
    }
  }
  return people;
}

/** All identities of the tenant (62: enough for several pages at a small limit), sorted by name. */
export const IDENTITIES: readonly DemoIdentity[] = generate().sort((a, b) =>
  a.name.localeCompare(b.name),
);

const BY_ID = new Map(IDENTITIES.map((identity) => [identity.id, identity]));

export function findIdentity(id: string): DemoIdentity | undefined {
  return BY_ID.get(id);
}

/** An administrator whose PAT (`demo-scoped-client`) carries three scopes, not all of them. */
export const ADA_ADAMS: DemoIdentity = (() => {
  const found = IDENTITIES.find((identity) => identity.alias === 'ada.adams');
  if (!found) throw new Error('the demo identities lost ada.adams');
  return found;
})();
