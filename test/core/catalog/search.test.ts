import { describe, expect, it } from 'vitest';
import { searchOperations } from '../../../src/core/catalog/search.js';
import { searchWords, singular } from '../../../src/core/catalog/search-entry.js';
import type { CatalogOperation, HttpMethod } from '../../../src/core/catalog/types.js';

function op(method: HttpMethod, path: string, summary = '', operationId: string | null = null) {
  return {
    id: `${method} ${path}`,
    method,
    path,
    specPath: path,
    operationId,
    summary,
    description: '',
    tags: [],
    security: null,
    securityInherited: false,
    userLevels: null,
    pathParams: [],
    queryParams: [],
    headerParams: [],
    experimental: false,
    requestBodyType: null,
    requestBodyExample: null,
    baseUrl: null,
    specTitle: 'test',
    specVersion: '1',
  } satisfies CatalogOperation;
}

const OPERATIONS = [
  op('GET', '/v3/users/{id}', 'Get a user', 'getUser'),
  op('GET', '/v3/users', 'List users', 'listUsers'),
  op('POST', '/v3/users', 'Create a user', 'createUser'),
  op('DELETE', '/v3/users/{id}', 'Delete a user', 'deleteUser'),
  op('GET', '/v3/users/{id}/posts', 'List posts of a user', 'listUserPosts'),
  op('GET', '/v3/identity-profiles', 'List identity profiles', 'listIdentityProfiles'),
  op('POST', '/v3/search', 'Perform search', 'searchPost'),
  op('GET', '/v3/permissionschemes', 'Get all permission schemes', 'getAllPermissionSchemes'),
];
const ids = (text: string, limit?: number) =>
  searchOperations(OPERATIONS, text, limit).map((o) => o.id);

describe('searchOperations', () => {
  it('takes verbs as methods and prefers the shorter path on a tie', () => {
    expect(ids('list users', 1)).toEqual(['GET /v3/users']);
    expect(ids('get users', 1)).toEqual(['GET /v3/users']);
    expect(ids('create user', 1)).toEqual(['POST /v3/users']);
    expect(ids('delete user', 1)).toEqual(['DELETE /v3/users/{id}']);
    // "post" typed is the method, not the posts of a user.
    expect(ids('post search', 1)).toEqual(['POST /v3/search']);
    expect(ids('POST /v3/search', 1)).toEqual(['POST /v3/search']);
  });

  it('wins with the exact operationId, and finds words in all-lowercase compounds', () => {
    expect(ids('getUser', 1)).toEqual(['GET /v3/users/{id}']);
    expect(ids('scheme', 1)).toEqual(['GET /v3/permissionschemes']);
  });

  it('matches letters in order only when nothing matches otherwise', () => {
    expect(ids('idnty prof', 1)).toEqual(['GET /v3/identity-profiles']);
    // "iden" starts a word: operations that only hold i…d…e…n scattered are not listed.
    expect(ids('iden')).toEqual(['GET /v3/identity-profiles']);
    expect(ids('zzzzqqq')).toEqual([]);
  });

  it('finds what fuzzysort missed: verbs without summaries, plurals, path ends', () => {
    // Shaped after Stripe (no summaries), GitHub and Jira, where fuzzysort ranked these low.
    const operations = [
      op('POST', '/v1/plans', '', 'PostPlans'),
      op('GET', '/v1/plans/{plan}', '', 'GetPlansPlan'),
      op('GET', '/v1/plans', '', 'GetPlans'),
      op('POST', '/orgs/{org}/issue-types', 'Create issue type', 'orgs/create-issue-type'),
      op('POST', '/repos/{owner}/{repo}/issues', 'Create an issue', 'issues/create'),
      op('GET', '/rest/api/3/dashboard/gadgets', 'Get available gadgets', 'getAllAvailableGadgets'),
      op('GET', '/rest/api/3/dashboard/{id}/gadget', 'Get gadgets', 'getAllGadgets'),
      op('GET', '/rest/api/3/application-properties', 'Get properties', 'getApplicationProperty'),
      op(
        'PUT',
        '/rest/api/3/application-properties/{id}',
        'Set property',
        'setApplicationProperty',
      ),
    ];
    const first = (text: string) => searchOperations(operations, text, 1)[0]?.id;
    expect(first('list plans')).toBe('GET /v1/plans');
    expect(first('create plans')).toBe('POST /v1/plans');
    expect(first('create issue')).toBe('POST /repos/{owner}/{repo}/issues');
    expect(first('get /gadget')).toBe('GET /rest/api/3/dashboard/{id}/gadget');
    expect(first('update properties')).toBe('PUT /rest/api/3/application-properties/{id}');
  });

  it('gives the same results letter by letter as typed at once', () => {
    const text = 'list identity profiles';
    const fresh = () => OPERATIONS.slice();
    const typed = fresh();
    for (let i = 1; i <= text.length; i += 1) {
      const prefix = text.slice(0, i);
      expect(searchOperations(typed, prefix), prefix).toEqual(searchOperations(fresh(), prefix));
    }
  });

  it('cuts words at punctuation and camelCase humps, and makes plurals singular', () => {
    expect(searchWords('getHTTPStatus access-requests')).toEqual([
      'get',
      'http',
      'status',
      'access',
      'requests',
    ]);
    expect(['identities', 'issues', 'addresses', 'status', 'users'].map(singular)).toEqual([
      'identity',
      'issue',
      'address',
      'status',
      'user',
    ]);
  });
});
