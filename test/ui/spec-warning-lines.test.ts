import { describe, expect, it } from 'vitest';
import { specWarningLines } from '../../src/ui/state/spec-warning-lines.js';

const FIRST =
  'beezup.com.json: conversion from Swagger 2.0: Nested collectionFormats are not supported ' +
  '(x-s2o-warning) in 13 places';

describe('spec warning lines of the Endpoints panel', () => {
  it('wrap the first warning, within the lines given, and count the others', () => {
    const lines = specWarningLines([FIRST, 'b.yaml: x', 'c.yaml: y'], 30, true, 4);
    expect(lines).toEqual([
      '⚠ beezup.com.json: conversion',
      'from Swagger 2.0: Nested',
      'collectionFormats are not …',
      '⚠ 2 more: keyhole specs list',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('say nothing without warnings; a demo profile gets the count alone', () => {
    expect(specWarningLines([], 30, true, 4)).toEqual([]);
    expect(specWarningLines(['a: b', 'c: d'], 30, false, 4)).toEqual([
      '⚠ a: b',
      '⚠ 1 more spec warning',
    ]);
    expect(specWarningLines([FIRST], 80, true, 1)).toHaveLength(1);
  });
});
