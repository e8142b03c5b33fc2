import { describe, expect, it } from 'vitest';
import { bodyValue, childPath, diffJson } from '../../../src/core/compare/index.js';

describe('diffJson', () => {
  it('finds nothing between equal values, whatever the key order', () => {
    expect(diffJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toEqual({
      changes: [],
      truncated: false,
    });
    expect(diffJson('text', 'text').changes).toEqual([]);
    expect(diffJson(null, null).changes).toEqual([]);
  });

  it('names added, removed and changed paths in JSONPath, arrays by index', () => {
    const before = { items: [{ name: 'Ada', id: 1 }, { name: 'Bo' }], count: 2, gone: true };
    const after = {
      items: [{ name: 'Ada Adams', id: 1 }, { name: 'Bo' }, { name: 'Cy' }],
      count: 3,
    };
    expect(diffJson(before, after).changes).toEqual([
      { path: '$.items[0].name', kind: 'changed', before: 'Ada', after: 'Ada Adams' },
      { path: '$.items[2]', kind: 'added', after: { name: 'Cy' } },
      { path: '$.count', kind: 'changed', before: 2, after: 3 },
      { path: '$.gone', kind: 'removed', before: true },
    ]);
  });

  it('reports a subtree present on one side as one entry', () => {
    expect(diffJson({}, { deep: { a: { b: [1, 2, 3] } } }).changes).toEqual([
      { path: '$.deep', kind: 'added', after: { a: { b: [1, 2, 3] } } },
    ]);
    expect(diffJson([1, 2, 3], [1]).changes).toEqual([
      { path: '$[1]', kind: 'removed', before: 2 },
      { path: '$[2]', kind: 'removed', before: 3 },
    ]);
  });

  it('treats a change of type as one change at that path', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } }).changes).toEqual([
      { path: '$.a', kind: 'changed', before: [1], after: { 0: 1 } },
    ]);
    expect(diffJson([], { detailCode: '403 Forbidden' }).changes).toEqual([
      { path: '$', kind: 'changed', before: [], after: { detailCode: '403 Forbidden' } },
    ]);
    expect(diffJson(1, '1').changes).toHaveLength(1);
    expect(diffJson(null, {}).changes).toHaveLength(1);
  });

  it('quotes keys that are not identifiers', () => {
    expect(childPath('$', 'plain_key$1')).toBe('$.plain_key$1');
    expect(childPath('$', 'with space')).toBe('$["with space"]');
    expect(childPath('$', '0')).toBe('$["0"]');
    expect(childPath('$', 'quote"d')).toBe('$["quote\\"d"]');
    expect(diffJson({ 'x-y': 1 }, { 'x-y': 2 }).changes[0]?.path).toBe('$["x-y"]');
  });

  it('compares non-JSON bodies as whole values', () => {
    expect(diffJson('<html>a</html>', '<html>b</html>').changes).toEqual([
      { path: '$', kind: 'changed', before: '<html>a</html>', after: '<html>b</html>' },
    ]);
  });

  it('stops at maxChanges and says so', () => {
    const left = Array.from({ length: 50 }, (_, i) => i);
    const right = left.map((i) => i + 1);
    const result = diffJson(left, right, { maxChanges: 10 });
    expect(result.changes).toHaveLength(10);
    expect(result.truncated).toBe(true);
    expect(diffJson(left, right).truncated).toBe(false);
  });

  it('keeps a key named __proto__ as data', () => {
    const left = JSON.parse('{"__proto__": {"a": 1}}') as unknown;
    const right = JSON.parse('{"__proto__": {"a": 2}}') as unknown;
    expect(diffJson(left, right).changes).toEqual([
      { path: '$.__proto__.a', kind: 'changed', before: 1, after: 2 },
    ]);
  });
});

describe('bodyValue', () => {
  it('parses JSON, keeps other text whole, and reads an empty body as null', () => {
    expect(bodyValue({ body: Buffer.from('{"a":[1]}') })).toEqual({ a: [1] });
    expect(bodyValue({ body: Buffer.from('not json') })).toBe('not json');
    expect(bodyValue({ body: Buffer.alloc(0) })).toBeNull();
  });
});
