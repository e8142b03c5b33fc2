import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictAccess } from '../../../src/core/access/index.js';
import {
  type CatalogOperation,
  type LoadedSpec,
  loadSpec,
  operationCount,
} from '../../../src/core/catalog/index.js';
import { serverPath } from '../../../src/core/catalog/server-url.js';
import { gunzipSpec } from '../../../src/core/catalog/gzip.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { draftFromOperation } from '../../../src/core/session/request.js';
import { identity } from '../../support/identities.js';
import { rejectionOf } from '../../support/wait-for.js';
import { tempCacheDir, tempSubdir } from './temp-dir.js';

const FIXTURES = path.resolve('test/fixtures/specs');
const SWAGGER = path.join(FIXTURES, 'swagger-2.0.json');
const SWAGGER_NO_SCHEME = path.join(FIXTURES, 'swagger-2.0-no-scheme.yaml');
const WEBHOOKS = path.join(FIXTURES, 'webhooks-only.yaml');
const SERVER_VARIABLES = path.join(FIXTURES, 'server-variables.yaml');
const QUIRKS_JSON = path.join(FIXTURES, 'quirks-3.1.json');

/** What `run` throws; fails the test when it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got none');
}

const byId = (spec: LoadedSpec, operationId: string): CatalogOperation => {
  const found = spec.operations.find((operation) => operation.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in ${spec.title}`);
  return found;
};

describe('a Swagger 2.0 document', () => {
  let spec: LoadedSpec;
  const cacheDir = tempCacheDir();
  beforeAll(async () => {
    spec = await loadSpec(SWAGGER, { cacheDir });
  });

  it('is converted to OpenAPI 3 and indexed like one, host + basePath giving the paths', () => {
    expect(spec.convertedFrom).toBe('Swagger 2.0');
    expect(spec.openapi).toMatch(/^3\.0\./);
    expect(spec.title).toBe('Kubernetes-shaped');
    expect(spec.operations.map((operation) => operation.id)).toEqual([
      'GET /k8s/api/v1/namespaces/{namespace}/pods',
      'POST /k8s/api/v1/namespaces/{namespace}/pods',
      'GET /k8s/api/v1/namespaces/{namespace}/pods/{name}/log',
      'GET /k8s/version/',
    ]);
    expect(spec.servers.map((server) => server.url)).toEqual(['https://cluster.example.test/k8s']);
    expect(Object.keys(spec.securitySchemes)).toEqual(['BearerToken', 'oauth']);
    expect(spec.securitySchemes.BearerToken).toMatchObject({ type: 'apiKey', in: 'header' });
  });

  it('keeps parameters ($ref ones too), examples, body parameters as request bodies, security', () => {
    const list = byId(spec, 'listCoreV1NamespacedPod');
    // Swagger's `x-example` becomes the parameter's example.
    expect(list.pathParams.map((p) => [p.name, p.example])).toEqual([['namespace', 'default']]);
    expect(list.queryParams).toEqual([
      { name: 'limit', required: false, type: 'integer', description: '', example: 500 },
    ]);
    expect(list.security).toEqual([{ oauth: ['pods:read'] }]);
    const create = byId(spec, 'createCoreV1NamespacedPod');
    expect(create.requestBodyType).toBe('application/json');
    expect(JSON.parse(create.requestBodyExample ?? 'null')).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
    });
    expect(create.security).toEqual([{ BearerToken: [] }]);
    expect(create.securityInherited).toBe(true);
    const log = byId(spec, 'readCoreV1NamespacedPodLog');
    expect(log.pathParams.map((p) => p.name)).toEqual(['namespace', 'name']);
    expect(log.headerParams.map((p) => [p.name, p.required])).toEqual([['X-Trace', true]]);
    expect(byId(spec, 'getCodeVersion').security).toEqual([]);
  });

  it('gives predictions from its securityDefinitions and scopes', () => {
    const reader = identity({ provider: 'unknown', subjectKind: 'app', scopes: ['pods:read'] });
    expect(
      predictAccess(byId(spec, 'listCoreV1NamespacedPod'), reader, { preset: 'generic' }).verdict,
    ).toBe('allowed');
    const other = identity({ provider: 'unknown', subjectKind: 'app', scopes: ['nodes:read'] });
    expect(
      predictAccess(byId(spec, 'listCoreV1NamespacedPod'), other, { preset: 'generic' }).verdict,
    ).toBe('denied');
    expect(predictAccess(byId(spec, 'getCodeVersion'), other, { preset: 'generic' }).verdict).toBe(
      'allowed',
    );
  });

  it('is cached like any other: the second load is not converted again, and says it was', async () => {
    const again = await loadSpec(SWAGGER, { cacheDir });
    expect(again.fromCache).toBe(true);
    expect(again.convertedFrom).toBe('Swagger 2.0');
    expect(again.operations).toEqual(spec.operations);
  });

  it('without schemes is protocol-relative (//host/basePath), and its paths hold no host', async () => {
    const relative = await loadSpec(SWAGGER_NO_SCHEME, { noCache: true });
    expect(relative.convertedFrom).toBe('Swagger 2.0');
    expect(relative.servers.map((server) => server.url)).toEqual(['//stats.example.test/stats']);
    expect(relative.operations.map((operation) => operation.id)).toEqual(['GET /stats/scoreboard']);
  });

  it('an OpenAPI 3 document says it was not converted', async () => {
    const plain = await loadSpec(QUIRKS_JSON, { noCache: true });
    expect(plain.convertedFrom).toBeNull();
  });
});

describe('server URLs', () => {
  const server = (url: string, variables: Record<string, string> = {}) => ({
    url,
    description: '',
    variables,
  });

  it('with a {variable} scheme keep only their path, with or without defaults', () => {
    expect(
      serverPath(
        server('{protocol}://{hostname}/api/v3', { protocol: 'http', hostname: 'HOSTNAME' }),
      ),
    ).toBe('/api/v3');
    expect(serverPath(server('{protocol}://{hostname}/api/v3'))).toBe('/api/v3');
    expect(serverPath(server('{scheme}://{host}:{port}/v1/', { port: '8080' }))).toBe('/v1');
  });

  it('protocol-relative keep only their path', () => {
    expect(serverPath(server('//stats.nba.com/stats'))).toBe('/stats');
    expect(serverPath(server('//api.postmarkapp.com'))).toBe('');
  });

  it('fill variables before cutting the origin: a default may hold the path or the host', () => {
    expect(serverPath(server('https://api.example.test{basePath}', { basePath: '/v1' }))).toBe(
      '/v1',
    );
    expect(serverPath(server('{server}/v2', { server: 'https://api.example.test/base' }))).toBe(
      '/base/v2',
    );
    // Unchanged: SailPoint's tenant in the host, a relative server.
    expect(
      serverPath(server('https://{tenant}.api.identitynow.com/v3', { tenant: 'sailpoint' })),
    ).toBe('/v3');
    expect(serverPath(server('/api'))).toBe('/api');
  });

  it('leave a path variable with no default for the request form to fill, marked as such', async () => {
    const spec = await loadSpec(SERVER_VARIABLES, { noCache: true });
    const operation = byId(spec, 'getItem');
    expect(operation.id).toBe('GET /{basePath}/v2/items/{id}');
    const draft = draftFromOperation(operation);
    expect(draft.pathParams).toEqual([
      {
        name: 'basePath',
        value: '',
        required: true,
        example: null,
        serverVariable: true,
        choices: ['alpha', 'beta'],
      },
      { name: 'id', value: '42', required: true, example: '42' },
    ]);
  });
});

describe('server URLs of a downloaded spec', () => {
  const document = JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Variable scheme', version: '1' },
    servers: [
      {
        url: '{protocol}://{hostname}/api/v3',
        variables: { protocol: { default: 'http' }, hostname: { default: 'HOSTNAME' } },
      },
      { url: '//stats.example.test/stats' },
    ],
    paths: {
      '/teams': { get: { operationId: 'teams', responses: { 200: { description: 'ok' } } } },
    },
  });
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200).end(document));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keep a {protocol}:// URL as written; a protocol-relative one takes the download’s scheme', async () => {
    const spec = await loadSpec(`${base}/spec.json`, { cacheDir: tempCacheDir() });
    expect(spec.servers.map((s) => s.url)).toEqual([
      '{protocol}://{hostname}/api/v3',
      'http://stats.example.test/stats',
    ]);
    expect(spec.operations.map((operation) => [operation.id, operation.baseUrl])).toEqual([
      ['GET /api/v3/teams', '{protocol}://{hostname}/api/v3'],
    ]);
  });
});

describe('a document with webhooks and no paths', () => {
  it('counts its webhooks and says so instead of "0 operations"', async () => {
    const spec = await loadSpec(WEBHOOKS, { noCache: true });
    expect(spec.operations).toEqual([]);
    expect(spec.webhooks).toBe(2);
    expect(operationCount(spec)).toBe('no paths, only 2 webhooks');
    const progress: string[] = [];
    await loadSpec(WEBHOOKS, { cacheDir: tempCacheDir(), onProgress: (m) => progress.push(m) });
    expect(progress.at(-1)).toMatch(/^webhooks-only\.yaml: no paths, only 2 webhooks parsed in/);
  });
});

describe('a gzipped spec', () => {
  const gzipped = gzipSync(readFileSync(SWAGGER));

  it('is recognised by its first bytes, whatever the file is called', async () => {
    const dir = tempSubdir();
    for (const name of ['spec.json.gz', 'spec.json']) {
      const file = path.join(dir, name);
      writeFileSync(file, gzipped);
      const spec = await loadSpec(file, { noCache: true });
      expect(spec.operations.map((operation) => operation.operationId)).toContain(
        'createCoreV1NamespacedPod',
      );
    }
  });

  it('unpacks within the spec size limit, and a cut-off one says it cannot be unpacked', () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    const tooBig = thrown(() => gunzipSpec(bomb, 'bomb.gz', 64 * 1024));
    expect(tooBig).toBeInstanceOf(KeyholeError);
    expect((tooBig as Error).message).toContain('unpacks to more than 64 KB');
    const cut = thrown(() => gunzipSpec(gzipped.subarray(0, 40), 'cut.gz', 1 << 20));
    expect((cut as Error).message).toBe(
      'the spec cut.gz is gzip-compressed but cannot be unpacked',
    );
  });

  describe('from a URL', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipped);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is read too', async () => {
      const spec = await loadSpec(`${base}/k8s.json.gz`, { cacheDir: tempCacheDir() });
      expect(spec.convertedFrom).toBe('Swagger 2.0');
      expect(spec.operations).toHaveLength(4);
    });
  });
});

describe('truncated JSON', () => {
  it('reports the JSON error and where, not YAML’s', async () => {
    const text = readFileSync(QUIRKS_JSON, 'utf8');
    const file = path.join(tempSubdir(), 'cut.json');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const error = await rejectionOf(loadSpec(file, { noCache: true }));
    expect(error).toBeInstanceOf(KeyholeError);
    const message = (error as KeyholeError).message;
    expect(message).toMatch(/^the spec .*cut\.json is not valid JSON: .+ at line \d+, column \d+$/);
    expect(`${message} ${(error as KeyholeError).hint}`).not.toMatch(/yaml/i);
  });
});
