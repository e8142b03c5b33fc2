import { describe, expect, it } from 'vitest';
import type { CatalogOperation } from '../../src/core/catalog/index.js';
import {
  concretePath,
  draftFromOperation,
  draftUrl,
  toCallRequest,
} from '../../src/core/session/index.js';
import {
  applyField,
  choiceHint,
  clearField,
  requestRows,
  stepChoice,
  withTyped,
} from '../../src/ui/state/request-rows.js';

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

describe('server variable rows', () => {
  const operation: CatalogOperation = {
    ...OPERATION,
    id: 'GET /v2/en/cards',
    path: '/v2/en/cards',
    specPath: '/cards',
    pathParams: [],
    queryParams: [],
    baseUrl: 'https://api.tcgdex.net/v2/{lang}',
    serverPath: {
      template: '/v2/{lang}/cards',
      variables: [{ name: 'lang', default: 'en', enum: ['en', 'fr', 'pt'] }],
    },
  };
  const lang = { kind: 'pathParam' as const, index: 0 };

  it('step through the listed values, round the ends; a typed value steps to an end', () => {
    const draft = draftFromOperation(operation);
    expect(stepChoice(draft, lang, 1)).toBe('fr');
    expect(stepChoice(draft, lang, -1)).toBe('pt');
    const typed = withTyped(draft, lang, 'de');
    expect(concretePath(typed)).toBe('/v2/de/cards');
    expect(stepChoice(typed, lang, 1)).toBe('en');
    expect(stepChoice(typed, lang, -1)).toBe('pt');
    expect(stepChoice(draft, { kind: 'method' }, 1)).toBeNull();
    expect(choiceHint(draft, lang)).toBe('←/→ value');
    expect(choiceHint(draft, { kind: 'path' })).toBeUndefined();
  });

  it("x puts the spec's default back (a path parameter is emptied)", () => {
    const typed = withTyped(draftFromOperation(operation), lang, 'fr');
    expect(concretePath(clearField(typed, lang))).toBe('/v2/en/cards');
    const plain = draftFromOperation(OPERATION);
    expect(clearField(plain, lang).pathParams[0]?.value).toBe('');
  });
});
