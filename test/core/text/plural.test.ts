import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noun, plural } from '../../../src/core/text/plural.js';

function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return file === path.join('src', 'demo') ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('plural: one helper for every count', () => {
  it('says 1 operation, 0 and 2 operations, and takes an irregular plural', () => {
    expect(plural(1, 'operation')).toBe('1 operation');
    expect(plural(0, 'operation')).toBe('0 operations');
    expect(plural(2, 'profile')).toBe('2 profiles');
    expect(plural(1, 'retry', 'retries')).toBe('1 retry');
    expect(plural(3, 'retry', 'retries')).toBe('3 retries');
    expect(noun(1, 'has', 'have')).toBe('has');
    expect(noun(2, 'has', 'have')).toBe('have');
  });

  it('is the only place that picks a plural: no `=== 1 ? "" : "s"` and no "(s)" in the code', () => {
    const offenders = sourceFiles().flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
        .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .filter(({ line }) => /[=!]== 1 \? '|> 1 \? '|\} \w+\(s\)/.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
