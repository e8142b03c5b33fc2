import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSpec } from '../../../src/core/catalog/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { explainNetworkError } from '../../../src/core/http/errors.js';
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
    if (req.url === '/busy') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('try later');
      return;
    }
    if (req.url === '/private') {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
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

  const failure = async (url: string) => {
    const error = await rejectionOf(loadSpec(url, { cacheDir: tempCacheDir() }));
    expect(error).toBeInstanceOf(KeyholeError);
    return { message: (error as KeyholeError).message, hint: (error as KeyholeError).hint };
  };

  it('an HTTP error says what failed, the status, and what to do', async () => {
    expect(await failure(`${base}/nothing.yaml`)).toEqual({
      message: `cannot download the spec ${base}/nothing.yaml: the server answered 404 Not Found`,
      hint:
        'There is no spec at this URL: check it (a typo, an old version, a moved file). ' +
        'Or save the spec to a file and give its path.',
    });
    const busy = await failure(`${base}/busy`);
    // A 5xx is explained by the explainer of failed calls, in its words.
    expect(busy.message).toBe(
      `cannot download the spec ${base}/busy: the server failed (503); the request may be fine`,
    );
    expect(busy.hint).toMatch(/^Try again; .* Or save the spec to a file and give its path\.$/);
    const refused = await failure(`${base}/private`);
    expect(refused.message).toBe(
      `cannot download the spec ${base}/private: the server answered 401 Unauthorized`,
    );
    expect(refused.hint).toContain('keyhole downloads specs without credentials');
  });

  it('a network failure is explained like a failed call: nothing listening, and what to do', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/spec.json`;
    // What a call to the same URL says, word for word.
    const call = explainNetworkError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      new URL(url),
    );
    expect(call.message).toBe(`nothing is listening at 127.0.0.1:${port}`);
    expect(await failure(url)).toEqual({
      message: `cannot download the spec ${url}: ${call.message}`,
      hint: `${call.hint} Or save the spec to a file and give its path.`,
    });
  });
});
