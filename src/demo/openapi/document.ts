import { OPERATIONS, type DemoOperation } from '../policy.js';
import { API_SCOPES, SCOPE_ALL, SCOPE_DEFAULT, TENANT } from '../tenant.js';
import { OPERATION_DOCS } from './operations.js';
import { RESPONSES, SCHEMAS } from './schemas.js';

function securitySchemes(baseUrl: string) {
  const scopes = {
    [SCOPE_ALL]: 'access to all scopes',
    [SCOPE_DEFAULT]: 'default scope',
    ...API_SCOPES,
  };
  const tokenUrl = `${baseUrl}/oauth/token`;
  return {
    userAuth: {
      type: 'oauth2',
      'x-displayName': 'Personal Access Token',
      description: 'A token that acts as a user: a PAT, or the authorization code flow.',
      flows: {
        clientCredentials: { tokenUrl, scopes },
        authorizationCode: { authorizationUrl: `${baseUrl}/oauth/authorize`, tokenUrl, scopes },
      },
    },
    applicationAuth: {
      type: 'oauth2',
      'x-displayName': 'Client Credentials',
      description: 'A token without a user: an API client.',
      flows: { clientCredentials: { tokenUrl, scopes } },
    },
  };
}

/** How SailPoint's documents declare the header their experimental operations require. */
const EXPERIMENTAL_HEADER = {
  name: 'X-SailPoint-Experimental',
  in: 'header',
  description: 'Use this header to enable this experimental API.',
  example: true,
  schema: { type: 'string', default: true },
  required: true,
};

const EXPERIMENTAL_NOTE =
  'This API is currently in an experimental state. You must include the ' +
  'X-SailPoint-Experimental header and set it to true to use this endpoint.';

/** Security and user levels come from the policy table, so the document cannot drift from it. */
function operation(policy: DemoOperation) {
  const doc = OPERATION_DOCS[policy.operationId];
  const responses: Record<string, object> = {
    [doc.success.status]: {
      description: doc.success.description,
      content: { 'application/json': { schema: doc.success.schema } },
    },
  };
  for (const status of [...(doc.errors ?? []), '401', '403', '429'] as const) {
    responses[status] = { $ref: `#/components/responses/${status}` };
  }
  const experimental = 'experimental' in policy && policy.experimental;
  const parameters = [...(experimental ? [EXPERIMENTAL_HEADER] : []), ...(doc.parameters ?? [])];
  if (experimental) responses['400'] ??= { $ref: '#/components/responses/400' };
  return {
    operationId: policy.operationId,
    summary: doc.summary,
    description: experimental ? `${EXPERIMENTAL_NOTE} ${doc.description}` : doc.description,
    tags: doc.tags,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.requestBody ? { requestBody: doc.requestBody } : {}),
    responses,
    security: [
      { userAuth: [...policy.scopes] },
      ...(policy.application ? [{ applicationAuth: [...policy.scopes] }] : []),
    ],
    // SailPoint leaves the extension out where any user may call an operation.
    ...(policy.userLevels.length > 0 ? { 'x-sailpoint-userLevels': policy.userLevels } : {}),
  };
}

/**
 * The demo tenant's OpenAPI 3.0 document, written for the demo (SailPoint's own specs describe
 * far more than it serves). URLs point at `baseUrl`.
 */
export function buildDemoOpenApi(baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const policy of OPERATIONS) {
    const item = (paths[policy.path] ??= {});
    item[policy.method.toLowerCase()] = operation(policy);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: `${TENANT.name} API`,
      version: '1.0.0',
      description:
        'A small imitation of a SailPoint Identity Security Cloud tenant for trying keyhole. ' +
        `Signing keys: ${baseUrl}/demo/jwks.json (demo only; SailPoint publishes no JWKS).`,
    },
    servers: [{ url: baseUrl, description: 'The demo tenant' }],
    security: [{ userAuth: [SCOPE_ALL] }],
    tags: [...new Set(Object.values(OPERATION_DOCS).flatMap((doc) => doc.tags))].map((name) => ({
      name,
    })),
    paths,
    components: {
      securitySchemes: securitySchemes(baseUrl),
      schemas: SCHEMAS,
      responses: RESPONSES,
    },
  };
}

/** The document as a tenant on http://127.0.0.1:8080 would serve it; each tenant uses its URL. */
export const demoOpenApi = buildDemoOpenApi('http://127.0.0.1:8080');
