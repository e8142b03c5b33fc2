import { describe, expect, it } from 'vitest';
import type { CatalogOperation } from '../../../src/core/catalog/index.js';
import { ServerValues } from '../../../src/core/session/server-values.js';
import {
  type RequestDraft,
  concretePath,
  draftFromOperation,
} from '../../../src/core/session/request.js';

/** An operation of `https://api.example.test/{version}/{region}` with its own `{id}`. */
function operationOf(specPath: string, pathParams: string[] = []): CatalogOperation {
  return {
    id: `GET /v1/eu${specPath}`,
    method: 'GET',
    path: `/v1/eu${specPath}`,
    specPath,
    operationId: null,
    summary: '',
    description: '',
    tags: [],
    security: null,
    securityInherited: false,
    userLevels: null,
    pathParams: pathParams.map((name) => ({
      name,
      required: true,
      type: 'string',
      description: '',
      example: '7',
    })),
    queryParams: [],
    headerParams: [],
    experimental: false,
    requestBodyType: null,
    requestBodyExample: null,
    baseUrl: 'https://api.example.test/{version}/{region}',
    serverPath: {
      template: `/{version}/{region}${specPath}`,
      variables: [
        { name: 'version', default: 'v1', enum: [] },
        { name: 'region', default: 'eu', enum: ['eu', 'us'] },
      ],
    },
    specTitle: 'Example',
    specVersion: '1',
  };
}

function withValue(draft: RequestDraft, name: string, value: string): RequestDraft {
  return {
    ...draft,
    pathParams: draft.pathParams.map((field) =>
      field.name === name ? { ...field, value } : field,
    ),
  };
}

describe('server variable values', () => {
  it('are remembered per profile and server when an edit changes them', () => {
    const values = new ServerValues();
    const draft = draftFromOperation(operationOf('/items'));
    values.note('saved:jane', draft, withValue(draft, 'region', 'us'));
    const server = 'https://api.example.test/{version}/{region}';
    expect([...values.of('saved:jane', server)]).toEqual([['region', 'us']]);
    expect(values.of('saved:joe', server).size).toBe(0);
    expect(values.of('saved:jane', 'https://other.example.test/{region}').size).toBe(0);
    const next = draftFromOperation(operationOf('/orders'), values.of('saved:jane', server));
    expect(concretePath(next)).toBe('/v1/us/orders');
  });

  it('are not taken over by another profile from a draft it did not change', () => {
    const values = new ServerValues();
    const draft = withValue(draftFromOperation(operationOf('/items')), 'region', 'us');
    // jane's draft, now edited under joe (its body, say): joe set no region.
    values.note('saved:joe', draft, { ...draft, body: '{}' });
    expect(values.of('saved:joe', draft.serverUrl ?? null).size).toBe(0);
  });

  it("named like the operation's own path parameter: the parameter is the field", () => {
    const draft = draftFromOperation(operationOf('/items/{region}', ['region']));
    expect(draft.pathTemplate).toBe('/{version}/eu/items/{region}');
    expect(draft.pathParams.map((field) => [field.name, field.value])).toEqual([
      ['version', 'v1'],
      ['region', '7'],
    ]);
  });
});
