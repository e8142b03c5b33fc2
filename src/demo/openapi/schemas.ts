import { ACCESS_ITEM_TYPES } from '../data/catalog.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const string = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const reference = {
  type: 'object',
  properties: { type: string, id: string, name: string },
};

/** The shapes the demo returns, trimmed from SailPoint's own schemas of the same names. */
export const SCHEMAS = {
  ErrorResponseDto: {
    type: 'object',
    properties: {
      detailCode: { type: 'string', example: '400.0 Bad request syntax' },
      trackingId: { type: 'string', example: 'e7eab60924f64aa284175b9fa3309599' },
      messages: {
        type: 'array',
        items: {
          type: 'object',
          properties: { locale: string, localeOrigin: string, text: string },
        },
      },
    },
  },
  Identity: {
    type: 'object',
    properties: {
      id: string,
      name: string,
      created: dateTime,
      modified: dateTime,
      alias: string,
      emailAddress: string,
      processingState: { type: 'string', nullable: true },
      identityStatus: { type: 'string', enum: ['ACTIVE', 'DISABLED'] },
      managerRef: { ...reference, nullable: true },
      isManager: { type: 'boolean' },
      lastRefresh: dateTime,
      attributes: { type: 'object', additionalProperties: true },
      lifecycleState: {
        type: 'object',
        properties: { stateName: string, manuallyUpdated: { type: 'boolean' } },
      },
    },
  },
  IdentityDocument: {
    type: 'object',
    properties: {
      id: string,
      name: string,
      displayName: string,
      firstName: string,
      lastName: string,
      email: string,
      inactive: { type: 'boolean' },
      attributes: { type: 'object', additionalProperties: true },
      _type: { type: 'string', enum: ['identity'] },
    },
  },
  IdentityProfile: {
    type: 'object',
    properties: {
      id: string,
      name: string,
      description: string,
      owner: reference,
      priority: { type: 'integer' },
      authoritativeSource: reference,
      identityCount: { type: 'integer' },
      created: dateTime,
      modified: dateTime,
    },
  },
  PasswordPolicy: {
    type: 'object',
    properties: {
      id: string,
      name: string,
      description: string,
      minLength: { type: 'integer' },
      maxLength: { type: 'integer' },
      minUpper: { type: 'integer' },
      minLower: { type: 'integer' },
      minNumeric: { type: 'integer' },
      minSpecial: { type: 'integer' },
      maxRepeatedChars: { type: 'integer' },
      requireStrongAuthn: { type: 'boolean' },
    },
  },
  Workflow: {
    type: 'object',
    properties: {
      id: string,
      name: string,
      description: string,
      enabled: { type: 'boolean' },
      executionCount: { type: 'integer' },
      failureCount: { type: 'integer' },
      owner: reference,
      trigger: { type: 'object', additionalProperties: true },
    },
  },
  AccessRequest: {
    type: 'object',
    required: ['requestedFor', 'requestedItems'],
    properties: {
      requestedFor: { type: 'array', minItems: 1, items: string },
      requestType: { type: 'string', enum: ['GRANT_ACCESS', 'REVOKE_ACCESS'] },
      requestedItems: {
        type: 'array',
        minItems: 1,
        maxItems: 25,
        items: {
          type: 'object',
          required: ['type', 'id'],
          properties: {
            type: { type: 'string', enum: [...ACCESS_ITEM_TYPES] },
            id: string,
            comment: string,
          },
        },
      },
    },
  },
  AccessRequestTracking: {
    type: 'object',
    properties: {
      requestedFor: string,
      requestedItemsDetails: {
        type: 'array',
        items: { type: 'object', properties: { type: string, id: string } },
      },
      accessRequestIds: { type: 'array', items: string },
    },
  },
  AccessRequestResponse: {
    type: 'object',
    properties: {
      newRequests: { type: 'array', items: ref('AccessRequestTracking') },
      existingRequests: { type: 'array', items: ref('AccessRequestTracking') },
    },
  },
  Search: {
    type: 'object',
    required: ['indices'],
    properties: {
      indices: { type: 'array', items: { type: 'string', enum: ['identities'] } },
      query: { type: 'object', properties: { query: string } },
    },
  },
  LargeRecord: {
    type: 'object',
    properties: { id: string, index: { type: 'integer' }, name: string, email: string },
  },
};

const errorContent = { 'application/json': { schema: ref('ErrorResponseDto') } };

/** The error responses, with the bodies SailPoint sends for them. */
export const RESPONSES = {
  '400': { description: 'Client Error: the request is malformed.', content: errorContent },
  '401': {
    description: 'Unauthorized: no token, or it is invalid or expired.',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            error: { type: 'string', example: 'JWT validation failed: JWT is expired' },
          },
        },
      },
    },
  },
  '403': {
    description: 'Forbidden: the token may not call this operation.',
    content: errorContent,
  },
  '404': { description: 'Not Found.', content: errorContent },
  '429': {
    description: 'Too Many Requests: wait the seconds given in Retry-After.',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: {
      'application/json': {
        schema: { type: 'object', properties: { message: { type: 'string' } } },
      },
    },
  },
};

export { ref };
