import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/core/text/size.js';

/** Every source file of keyhole's client side (the demo tenant is a server of its own). */
function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return file === path.join('src', 'demo') ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('formatBytes: every size in one style', () => {
  it.each([
    [0, '0 B'],
    [340, '340 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1229, '1.2 KB'],
    [1500, '1.5 KB'],
    [2000, '2 KB'],
    [10 * 1024 + 400, '10 KB'],
    [64 * 1024, '64 KB'],
    [1024 ** 2 - 10, '1 MB'],
    [12 * 1024 ** 2, '12 MB'],
    [64 * 1024 ** 2, '64 MB'],
    [512 * 1024 ** 2 - 64 * 1024, '512 MB'],
    [3.5 * 1024 ** 3, '3.5 GB'],
    [Infinity, 'no limit'],
  ])('%i bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('is the only place that turns bytes into words (no "N bytes", kB or MiB written by hand)', () => {
    const offenders = sourceFiles()
      .filter((file) => file !== path.join('src', 'core', 'text', 'size.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
          // Comments and JSDoc may name units; code that builds text may not.
          .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line))
          .filter(({ line }) => /\/ ?1024\b|\} bytes\b|\d (KiB|MiB|kB)\b/.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
