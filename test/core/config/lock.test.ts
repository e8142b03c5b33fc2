import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../../src/core/config/lock.js';
import { tempDir } from '../../support/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('withFileLock', () => {
  // Without the folder, proper-lockfile retried its mkdir for ~24 s before failing; the timeout
  // here only catches that hang.
  it('locks a file whose folder does not exist yet, creating the folder 0700', async () => {
    const file = path.join(dir, 'not', 'yet', 'there.json');
    const result = await withFileLock(file, () => 'ran');
    expect(result).toBe('ran');
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 5_000);

  it('runs one holder at a time', async () => {
    const file = path.join(dir, 'shared.json');
    const order: string[] = [];
    const hold = (name: string) =>
      withFileLock(file, async () => {
        order.push(`${name}:in`);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`${name}:out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect([
      ['a:in', 'a:out', 'b:in', 'b:out'],
      ['b:in', 'b:out', 'a:in', 'a:out'],
    ]).toContainEqual(order);
  });
});
