import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OBSERVATIONS_FILE,
  formatObservation,
  getObservation,
  readObservations,
  recordObservation,
  recordObservedCall,
} from '../../../src/core/access/index.js';
import { loadSpec, type CatalogOperation } from '../../../src/core/catalog/index.js';
import { bundleWorker } from '../../support/bundle-worker.js';
import { runProcess, tempDir } from '../../support/cli.js';

let root: string;
let cleanup: () => void;
let dir: string;
let operations: CatalogOperation[];
let n = 0;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('keyhole-observations-'));
  const spec = await loadSpec(path.resolve('test/fixtures/specs/quirks-3.0.yaml'), {
    cacheDir: path.join(root, 'spec-cache'),
  });
  operations = spec.operations;
});
afterAll(() => cleanup());
beforeEach(() => {
  dir = path.join(root, `config-${n++}`);
});

describe('observations', () => {
  it('records a status per profile and operation and reads it back', async () => {
    const at = new Date('2026-11-27T10:11:12.000Z');
    await recordObservation(
      { profile: 'prod', method: 'post', path: '/v3/access-requests', status: 403, at },
      { dir },
    );
    await recordObservation(
      { profile: 'dev', method: 'POST', path: '/v3/access-requests', status: 202, at },
      { dir },
    );

    const observation = getObservation('prod', 'POST', '/v3/access-requests', { dir });
    expect(observation).toEqual({ status: 403, at: '2026-11-27T10:11:12.000Z' });
    expect(formatObservation(observation!)).toBe('observed 403 on 2026-11-27');
    expect(readObservations('dev', { dir })).toEqual({
      'POST /v3/access-requests': { status: 202, at: '2026-11-27T10:11:12.000Z' },
    });
    expect(getObservation('prod', 'GET', '/v3/access-requests', { dir })).toBeUndefined();
    expect(readObservations('nobody', { dir })).toEqual({});

    // A later call replaces the earlier result.
    await recordObservation(
      { profile: 'prod', method: 'POST', path: '/v3/access-requests', status: 202 },
      { dir },
    );
    expect(getObservation('prod', 'POST', '/v3/access-requests', { dir })?.status).toBe(202);

    const file = path.join(dir, OBSERVATIONS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('matches a concrete path to its template before recording', async () => {
    const matched = await recordObservedCall(
      operations,
      {
        profile: 'prod',
        method: 'get',
        path: '/v3/identities/2c9180857182305e?limit=1',
        status: 200,
      },
      { dir },
    );
    expect(matched?.path).toBe('/v3/identities/{id}');
    expect(Object.keys(readObservations('prod', { dir }))).toEqual(['GET /v3/identities/{id}']);
    const unmatched = await recordObservedCall(
      operations,
      { profile: 'prod', method: 'GET', path: '/nowhere', status: 404 },
      { dir },
    );
    expect(unmatched).toBeUndefined();
    expect(Object.keys(readObservations('prod', { dir }))).toHaveLength(1);
  });

  it('keeps every write of concurrent async callers', async () => {
    const writer = (profile: string) =>
      Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          recordObservation(
            { profile, method: 'GET', path: `/v3/things/${i}`, status: 200 + i },
            { dir },
          ),
        ),
      );
    await Promise.all([writer('left'), writer('right')]);
    for (const profile of ['left', 'right']) {
      const seen = readObservations(profile, { dir });
      expect(Object.keys(seen)).toHaveLength(25);
      expect(seen['GET /v3/things/7']?.status).toBe(207);
    }
  });

  it('keeps every write of two processes', async () => {
    const worker = await bundleWorker('test/core/access/observations-worker.ts');
    const env = { KEYHOLE_CONFIG_DIR: dir };
    const results = await Promise.all(
      ['a', 'b'].map((profile) =>
        runProcess(process.execPath, [worker, profile, '40'], { env, cwd: process.cwd() }),
      ),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    for (const profile of ['a', 'b']) {
      expect(Object.keys(readObservations(profile, { dir }))).toHaveLength(40);
    }
  }, 60_000);

  it('a corrupt file reads as empty; the next write moves it aside and starts over', async () => {
    await recordObservation({ profile: 'p', method: 'GET', path: '/x', status: 200 }, { dir });
    const file = path.join(dir, OBSERVATIONS_FILE);
    writeFileSync(file, '{"profiles": {"p": ');
    expect(readObservations('p', { dir })).toEqual({});
    await recordObservation({ profile: 'p', method: 'GET', path: '/y', status: 401 }, { dir });
    expect(Object.keys(readObservations('p', { dir }))).toEqual(['GET /y']);
    const aside = readdirSync(dir).filter((name) =>
      name.startsWith(`${OBSERVATIONS_FILE}.corrupt-`),
    );
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"profiles": {"p": ');
  });
});
