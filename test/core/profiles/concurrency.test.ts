import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { bundleWorker } from '../../support/bundle-worker.js';
import { runProcess, tempDir } from '../../support/cli.js';

let dir: string;
let cleanup: () => void;
let worker: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  worker = await bundleWorker('test/support/add-profiles-worker.ts');
});
afterAll(() => cleanup());

describe('concurrent writers', () => {
  it('2 processes × 200 adds keep all 400 profiles', async () => {
    const configDir = path.join(dir, 'config');
    const env = { KEYHOLE_CONFIG_DIR: configDir };
    const started = performance.now();
    const results = await Promise.all(
      ['left', 'right'].map((prefix) =>
        runProcess(process.execPath, [worker, prefix, '200'], { env, cwd: process.cwd() }),
      ),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const names = new ProfileRepository(configDir).list().map((p) => p.name);
    expect(new Set(names).size).toBe(400);
    expect(names.filter((n) => n.startsWith('left-'))).toHaveLength(200);
    expect(names.filter((n) => n.startsWith('right-'))).toHaveLength(200);
    console.info(
      `[concurrency] 400/400 profiles kept in ${Math.round(performance.now() - started)} ms`,
    );
  }, 120_000);
});
