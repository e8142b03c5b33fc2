import { ACCESS_ITEMS } from '../data/catalog.js';
import { JANE_DOE, SAM_HELPDESK } from '../data/identities.js';
import { MAX_LARGE_MB } from '../api/large.js';
import { MAX_LIMIT } from '../api/paging.js';
import type { OperationId } from '../policy.js';
import { ref } from './schemas.js';

/** What the OpenAPI document says about an operation beyond who may call it. */
export interface OperationDoc {
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly object[];
  readonly requestBody?: object;
  /** The success response: status, description, and schema of the body if any. */
  readonly success: {
    readonly status: string;
    readonly description: string;
    readonly schema: object;
  };
  /** Error statuses besides 401, 403 and 429, which every operation can return. */
  readonly errors?: readonly string[];
}

const query = (name: string, schema: object, description: string, example?: unknown) => ({
  in: 'query',
  name,
  required: false,
  description,
  schema,
  ...(example === undefined ? {} : { example }),
});

const PAGING = [
  query(
    'limit',
    { type: 'integer', minimum: 0, maximum: MAX_LIMIT, default: MAX_LIMIT },
    'Max items.',
  ),
  query('offset', { type: 'integer', minimum: 0, default: 0 }, 'Items to skip.'),
  query('count', { type: 'boolean', default: false }, 'If true, send X-Total-Count.'),
];

const jsonBody = (schemaName: string, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema: ref(schemaName), example } },
});

const listOf = (schemaName: string) => ({ type: 'array', items: ref(schemaName) });

// Examples name real demo objects, so sending one unedited succeeds.
const [firstProfile] = ACCESS_ITEMS;

export const OPERATION_DOCS: Record<OperationId, OperationDoc> = {
  listIdentities: {
    summary: 'List identities',
    description: 'Pages through the 62 demo identities, sorted by name.',
    tags: ['Identities'],
    parameters: [
      ...PAGING,
      query(
        'filters',
        { type: 'string' },
        'Filter: id, name, alias, email with eq, sw, co, in; joined by and.',
        'name sw "Jane"',
      ),
    ],
    success: { status: '200', description: 'A page of identities.', schema: listOf('Identity') },
    errors: ['400'],
  },
  getIdentity: {
    summary: 'Get an identity',
    description: 'One identity by id.',
    tags: ['Identities'],
    parameters: [
      { in: 'path', name: 'id', required: true, schema: { type: 'string' }, example: JANE_DOE.id },
    ],
    success: { status: '200', description: 'The identity.', schema: ref('Identity') },
    errors: ['404'],
  },
  createAccessRequest: {
    summary: 'Submit an access request',
    description:
      'Requests access profiles, roles or entitlements for identities. Needs a token that acts ' +
      `as a user. Requestable items: ${ACCESS_ITEMS.map((i) => `${i.type} ${i.id} (${i.name})`).join('; ')}.`,
    tags: ['Access Requests'],
    requestBody: jsonBody('AccessRequest', {
      requestedFor: [SAM_HELPDESK.id],
      requestType: 'GRANT_ACCESS',
      requestedItems: [
        { type: firstProfile?.type, id: firstProfile?.id, comment: 'Needed for the on-call rota' },
      ],
    }),
    success: {
      status: '202',
      description: 'Accepted; asking again for the same item lands in existingRequests.',
      schema: ref('AccessRequestResponse'),
    },
    errors: ['400'],
  },
  listIdentityProfiles: {
    summary: 'List identity profiles',
    description: 'The identity profiles of the tenant.',
    tags: ['Identity Profiles'],
    parameters: PAGING,
    success: {
      status: '200',
      description: 'Identity profiles.',
      schema: listOf('IdentityProfile'),
    },
    errors: ['400'],
  },
  searchPost: {
    summary: 'Perform search',
    description:
      'Searches the identities index. Query: space-separated terms that must all match; ' +
      '`field:value` (fields id, name, displayName, firstName, lastName, email, department; ' +
      'a trailing * matches a prefix) or a bare word found in name, email or department.',
    tags: ['Search'],
    parameters: PAGING,
    requestBody: jsonBody('Search', {
      indices: ['identities'],
      query: { query: 'department:Engineering' },
    }),
    success: {
      status: '200',
      description: 'Matching identities.',
      schema: listOf('IdentityDocument'),
    },
    errors: ['400'],
  },
  listWorkflows: {
    summary: 'List workflows',
    description: 'The workflows of the tenant. Needs an ORG_ADMIN user.',
    tags: ['Workflows'],
    parameters: PAGING,
    success: { status: '200', description: 'Workflows.', schema: listOf('Workflow') },
    errors: ['400'],
  },
  listPasswordPolicies: {
    summary: 'List password policies',
    description: 'The password policies of the tenant.',
    tags: ['Password Policies'],
    parameters: PAGING,
    success: {
      status: '200',
      description: 'Password policies.',
      schema: listOf('PasswordPolicy'),
    },
    errors: ['400'],
  },
  getLargeDemoPayload: {
    summary: 'Stream a large JSON body (demo only)',
    description: 'A JSON array of about `mb` MiB, for benchmarks. Not a SailPoint API.',
    tags: ['Demo'],
    parameters: [
      query(
        'mb',
        { type: 'number', minimum: 0, maximum: MAX_LARGE_MB, default: 1 },
        'Size in MiB.',
        1,
      ),
    ],
    success: { status: '200', description: 'The payload.', schema: listOf('LargeRecord') },
    errors: ['400'],
  },
};
