import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import {
  loadCatalog,
  loadSpec,
  matchOperation,
  searchOperations,
  type CatalogOperation,
  type LoadedSpec,
} from '../../../src/core/catalog/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { rejectionOf } from '../../support/wait-for.js';
import { tempCacheDir, tempSubdir } from './temp-dir.js';

const FIXTURES = path.resolve('test/fixtures/specs');
const YAML_30 = path.join(FIXTURES, 'quirks-3.0.yaml');
const JSON_31 = path.join(FIXTURES, 'quirks-3.1.json');

let v30: LoadedSpec;
let v31: LoadedSpec;
const cacheDir = tempCacheDir();
beforeAll(async () => {
  [v30, v31] = await Promise.all([
    loadSpec(YAML_30, { cacheDir }),
    loadSpec(JSON_31, { cacheDir }),
  ]);
});

const byId = (spec: LoadedSpec, operationId: string): CatalogOperation => {
  const found = spec.operations.find((operation) => operation.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in ${spec.title}`);
  return found;
};

describe('OpenAPI 3.0 in YAML', () => {
  it('lists every operation with the server path joined to the template', () => {
    expect(v30.openapi).toBe('3.0.1');
    expect(v30.title).toBe('Quirks V3');
    expect(v30.operations.map((operation) => operation.id)).toEqual([
      'GET /v3/identities/{id}',
      'POST /v3/accounts/{id}/disable',
      'POST /v3/access-requests',
      'GET /v3/public-info',
      'GET /v3/inherited',
      'GET /v3/user-context',
      'PUT /v3/trees',
      'GET /v3/bundled',
    ]);
    const op = byId(v30, 'getIdentity');
    expect(op.specPath).toBe('/identities/{id}');
    expect(op.baseUrl).toBe('https://{tenant}.api.identitynow.com/v3');
    expect(v30.servers).toEqual([
      {
        url: 'https://{tenant}.api.identitynow.com/v3',
        description: 'production',
        variables: { tenant: 'sailpoint' },
      },
    ]);
    expect(op.specTitle).toBe('Quirks V3');
    expect(op.specVersion).toBe('3.0.0');
  });

  it('keeps summary, the first paragraph of the description, tags and parameters', () => {
    const op = byId(v30, 'getIdentity');
    expect(op.summary).toBe('Get an identity');
    expect(op.description).toBe('Returns one identity.');
    expect(op.tags).toEqual(['Identities']);
    expect(op.pathParams).toEqual([
      {
        name: 'id',
        required: true,
        type: 'string',
        description: '',
        example: '2c9180857182305e0171993735622948',
      },
    ]);
    expect(op.queryParams).toEqual([
      { name: 'limit', required: false, type: 'integer', description: '', example: 250 },
      {
        name: 'filters',
        required: false,
        type: 'string',
        description: '',
        example: 'name eq "Jane"',
      },
    ]);
  });

  it('normalizes security: own, inherited, explicitly public, undeclared schemes', () => {
    expect(byId(v30, 'getIdentity').security).toEqual([
      { userAuth: ['idn:identity:read'] },
      { applicationAuth: ['idn:identity:read'] },
    ]);
    expect(byId(v30, 'getIdentity').securityInherited).toBe(false);
    expect(byId(v30, 'getPublicInfo').security).toEqual([]);
    expect(byId(v30, 'getPublicInfo').securityInherited).toBe(false);
    expect(byId(v30, 'getInherited').security).toEqual([{ userAuth: ['sp:scopes:all'] }]);
    expect(byId(v30, 'getInherited').securityInherited).toBe(true);
    expect(byId(v30, 'getUserContext').security).toEqual([{ UserContextAuth: [] }]);
    expect(v30.warnings).toContainEqual(expect.stringMatching(/UserContextAuth .* not declared/));
  });

  it('reads user levels from both spellings, keeping odd values for the predictor', () => {
    expect(byId(v30, 'disableAccount').userLevels).toEqual(['ORG_ADMIN', 'SOURCE_ADMIN']);
    expect(v30.warnings).toContainEqual(
      expect.stringContaining('x-sailpont-userLevels (misspelt) read as user levels on POST'),
    );
    expect(byId(v30, 'getInherited').userLevels).toEqual(['Any']);
    expect(byId(v30, 'getUserContext').userLevels).toEqual(['ORG_ADMIN', 'idn:user-context:read']);
    expect(byId(v30, 'getPublicInfo').userLevels).toBeNull();
  });

  it('finds request body examples: literal, examples map, built from the schema', () => {
    const access = byId(v30, 'createAccessRequest');
    expect(access.requestBodyType).toBe('application/json');
    expect(JSON.parse(access.requestBodyExample!)).toEqual({
      requestedFor: ['2c918084660f45d6016617daa9210584'],
      requestType: 'GRANT_ACCESS',
    });
    // Read-only properties are not sent, so they are not in the example.
    expect(JSON.parse(byId(v30, 'disableAccount').requestBodyExample!)).toEqual({
      externalVerificationId: '3f9180835d2e5168015d32f890ca1581',
      forceProvisioning: false,
    });
    // JSON is preferred over json-patch; the recursive schema ends instead of looping.
    const tree = byId(v30, 'putTree');
    expect(tree.requestBodyType).toBe('application/json');
    expect(JSON.parse(tree.requestBodyExample!)).toMatchObject({ name: 'oak' });
    expect(byId(v30, 'getIdentity').requestBodyExample).toBeNull();
    expect(byId(v30, 'getIdentity').requestBodyType).toBeNull();
  });

  it('leaves a reference to a missing file unresolved with a warning', () => {
    expect(v30.warnings).toContainEqual(
      expect.stringContaining('unresolved $ref ./schemas/NotHere.yaml'),
    );
    expect(byId(v30, 'getBundled').summary).toBe('Points at a file that is not in the bundle');
  });
});

describe('OpenAPI 3.1 in JSON', () => {
  it('handles resource-first paths, type lists, no security and path-level servers', () => {
    expect(v31.openapi).toBe('3.1.0');
    const op = byId(v31, 'getWorkflowV1');
    expect(op.path).toBe('/workflows/v1/workflows/{workflowId}');
    expect(op.queryParams).toEqual([
      { name: 'detail', required: false, type: 'string|null', description: '', example: 'full' },
    ]);
    expect(byId(v31, 'getMyWorkflow').security).toBeNull();
    const local = byId(v31, 'postLocal');
    expect(local.path).toBe('/api/local');
    expect(local.baseUrl).toBe('/api/');
    expect(JSON.parse(local.requestBodyExample!)).toEqual({ a: 1 });
  });

  it('matches concrete paths to templates, literal segments first', () => {
    const ops = v31.operations;
    expect(matchOperation(ops, 'get', '/workflows/v1/workflows/abc123?x=1')?.operationId).toBe(
      'getWorkflowV1',
    );
    expect(matchOperation(ops, 'GET', '/workflows/v1/workflows/me')?.operationId).toBe(
      'getMyWorkflow',
    );
    expect(matchOperation(ops, 'POST', '/workflows/v1/workflows/abc123')).toBeUndefined();
    expect(matchOperation(ops, 'GET', '/workflows/v1/workflows/a/b')).toBeUndefined();
    expect(matchOperation(v30.operations, 'GET', '/v3/identities/2c91808')?.path).toBe(
      '/v3/identities/{id}',
    );
  });
});

describe('loading', () => {
  it('the same document as YAML and as JSON gives the same operations', async () => {
    const dir = tempSubdir();
    const asJson = path.join(dir, 'quirks.json');
    writeFileSync(asJson, JSON.stringify(yaml.load(readFileSync(YAML_30, 'utf8'))));
    const fromJson = await loadSpec(asJson, { cacheDir });
    expect(fromJson.operations).toEqual(v30.operations);
  });

  it('merges specs and drops a method + path already listed', async () => {
    const catalog = await loadCatalog([YAML_30, JSON_31, YAML_30], { cacheDir });
    expect(catalog.operations).toHaveLength(v30.operations.length + v31.operations.length);
    expect(catalog.specs).toHaveLength(3);
    expect(catalog.warnings).toContainEqual(
      `quirks-3.0.yaml: ${v30.operations.length} operations already listed by an earlier spec`,
    );
  });

  it('refuses other Swagger versions, non-OpenAPI text and missing files with a clear message', async () => {
    const dir = tempSubdir();
    const swagger = path.join(dir, 'swagger.yaml');
    // Swagger 2.0 is converted (test/core/catalog/coverage.test.ts); no other version is.
    writeFileSync(swagger, 'swagger: "1.2"\ninfo: {title: old, version: "1"}\npaths: {}\n');
    const garbage = path.join(dir, 'garbage.yaml');
    writeFileSync(garbage, 'key: [unclosed\n');
    const cases: [string, RegExp][] = [
      [swagger, /is Swagger 1\.2; keyhole reads OpenAPI 3\.0 and 3\.1, and Swagger 2\.0/],
      [garbage, /is neither valid YAML nor JSON/],
      [path.join(dir, 'absent.yaml'), /no spec file at/],
    ];
    for (const [file, message] of cases) {
      const error = await rejectionOf(loadSpec(file, { cacheDir }));
      expect(error).toBeInstanceOf(KeyholeError);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('search over a small spec', () => {
  it('empty text returns all in spec order; a limit cuts the list', () => {
    expect(searchOperations(v30.operations, '')).toEqual(v30.operations);
    expect(searchOperations(v30.operations, '  ', 2)).toEqual(v30.operations.slice(0, 2));
  });

  it('finds by summary words, operationId, tag, and method with path', () => {
    expect(searchOperations(v30.operations, 'access req')[0]?.operationId).toBe(
      'createAccessRequest',
    );
    expect(searchOperations(v30.operations, 'disableAccount')[0]?.operationId).toBe(
      'disableAccount',
    );
    expect(searchOperations(v30.operations, 'Identities')[0]?.operationId).toBe('getIdentity');
    expect(searchOperations(v30.operations, 'put /v3/trees')[0]?.id).toBe('PUT /v3/trees');
    expect(searchOperations(v30.operations, 'zzzzqqq')).toEqual([]);
  });
});
