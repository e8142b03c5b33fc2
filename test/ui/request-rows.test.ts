import { describe, expect, it } from 'vitest';
import type { CatalogOperation } from '../../src/core/catalog/index.js';
import {
  concretePath,
  draftFromOperation,
  draftUrl,
  toCallRequest,
} from '../../src/core/session/index.js';
import { applyField, clearField, requestRows } from '../../src/ui/state/request-rows.js';

const OPERATION: CatalogOperation = {
  id: 'GET /v3/identities/{id}',
  method: 'GET',
  path: '/v3/identities/{id}',
  specPath: '/identities/{id}',
  operationId: 'getIdentity',
  summary: 'Get an identity',
  description: '',
  tags: [],
  security: null,
  securityInherited: false,
  userLevels: null,
  pathParams: [{ name: 'id', required: true, type: 'string', description: '', example: 'a b/c' }],
  queryParams: [
    { name: 'limit', required: false, type: 'integer', description: '', example: 250 },
    { name: 'filters', required: true, type: 'string', description: '', example: 'name sw "J"' },
  ],
  headerParams: [],
  experimental: false,
  requestBodyType: null,
  requestBodyExample: null,
  baseUrl: null,
  specTitle: 'x',
  specVersion: '1',
};

describe('request drafts', () => {
  it('fill path parameters and required query parameters from the examples', () => {
    const draft = draftFromOperation(OPERATION);
    expect(draft.pathParams).toEqual([
      { name: 'id', value: 'a b/c', required: true, example: 'a b/c' },
    ]);
    expect(draft.query.map((q) => [q.name, q.value, q.example])).toEqual([
      ['limit', '', '250'],
      ['filters', 'name sw "J"', 'name sw "J"'],
    ]);
    expect(concretePath(draft)).toBe('/v3/identities/a%20b%2Fc');
    expect(draftUrl(draft, 'https://acme.api.identitynow.com')).toBe(
      'https://acme.api.identitynow.com/v3/identities/a%20b%2Fc?filters=name+sw+%22J%22',
    );
  });

  it('a POST example body is kept; an empty path parameter blocks sending', () => {
    const post = draftFromOperation({
      ...OPERATION,
      method: 'POST',
      requestBodyType: 'application/json',
      requestBodyExample: '{\n  "a": 1\n}',
    });
    expect(post.body).toBe('{\n  "a": 1\n}');
    expect(toCallRequest(post).body).toBe('{\n  "a": 1\n}');
    const empty = applyField(post, { kind: 'pathParam', index: 0 }, '');
    if (!('draft' in empty)) throw new Error('unexpected');
    expect(() => toCallRequest(empty.draft)).toThrow(/fill the path parameter id/);
  });

  it('edits rows: method, path (placeholders become parameters), headers, new query pairs', () => {
    const draft = draftFromOperation(OPERATION);
    expect(applyField(draft, { kind: 'method' }, 'fetch')).toEqual({
      error: expect.stringMatching(/not an HTTP method/),
    });
    const path = applyField(draft, { kind: 'path' }, '/v3/identities/{id}/roles/{role}');
    if (!('draft' in path)) throw new Error('unexpected');
    expect(path.draft.pathParams.map((p) => [p.name, p.value])).toEqual([
      ['id', 'a b/c'],
      ['role', ''],
    ]);
    const header = applyField(draft, { kind: 'addHeader' }, 'X-Trace: 1');
    if (!('draft' in header)) throw new Error('unexpected');
    expect(header.draft.headers).toEqual([
      { name: 'X-Trace', value: '1', required: false, example: null },
    ]);
    expect(requestRows(header.draft).map((row) => row.kind)).toEqual([
      'method',
      'path',
      'pathParam',
      'query',
      'query',
      'addQuery',
      'authorization',
      'header',
      'addHeader',
      'body',
    ]);
    expect(clearField(header.draft, { kind: 'header', index: 0 }).headers).toEqual([]);
    const query = applyField(draft, { kind: 'addQuery' }, 'count=true');
    if (!('draft' in query)) throw new Error('unexpected');
    expect(toCallRequest(query.draft).query).toContainEqual(['count', 'true']);
    expect(applyField(draft, { kind: 'addQuery' }, 'oops')).toEqual({
      error: 'write the parameter as name=value',
    });
  });
});
