import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSpec } from '../../../src/core/catalog/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { rejectionOf } from '../../support/wait-for.js';
import { tempCacheDir } from './temp-dir.js';

const FIXTURES = path.resolve('test/fixtures/specs');
const files: Record<string, Buffer> = {
  '/specs/quirks.yaml': readFileSync(path.join(FIXTURES, 'quirks-3.0.yaml')),
  '/specs/quirks.json': readFileSync(path.join(FIXTURES, 'quirks-3.1.json')),
};

let server: Server;
let base: string;
const requests: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/moved') {
      res.writeHead(302, { location: '/specs/quirks.yaml' }).end();
      return;
    }
    const body = files[req.url ?? ''];
    if (!body) {
      res.writeHead(404).end('not here');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('loading a spec from a URL', () => {
  it('downloads YAML and JSON, following redirects', async () => {
    const cacheDir = tempCacheDir();
    const catalog = await loadCatalog([`${base}/moved`, `${base}/specs/quirks.json`], {
      cacheDir,
    });
    expect(requests).toEqual(expect.arrayContaining(['/moved', '/specs/quirks.yaml']));
    expect(catalog.specs.map((spec) => [spec.title, spec.source])).toEqual([
      ['Quirks V3', `${base}/moved`],
      ['Quirks 2025', `${base}/specs/quirks.json`],
    ]);
    expect(catalog.operations.map((op) => op.operationId)).toContain('createAccessRequest');
    expect(catalog.operations.map((op) => op.operationId)).toContain('getWorkflowV1');
  });

  it('makes relative server URLs absolute against the download URL, cached or not', async () => {
    const cacheDir = tempCacheDir();
    for (const fromCache of [false, true]) {
      const spec = await loadSpec(`${base}/specs/quirks.json`, { cacheDir });
      expect(spec.fromCache).toBe(fromCache);
      const local = spec.operations.find((op) => op.operationId === 'postLocal');
      expect(local?.baseUrl).toBe(`${base}/api/`);
      expect(local?.path).toBe('/api/local');
      // Absolute templates keep their {variables}.
      expect(spec.servers[0]?.url).toBe('https://{tenant}.api.identitynow.com');
    }
  });

  it('an HTTP error names the status', async () => {
    const error = await rejectionOf(loadSpec(`${base}/nothing.yaml`, { cacheDir: tempCacheDir() }));
    expect(error).toBeInstanceOf(KeyholeError);
    expect((error as Error).message).toBe(
      `downloading the spec ${base}/nothing.yaml failed with HTTP 404`,
    );
  });
});
