/*
 * A structural diff of two JSON values: which paths were added, removed or changed, written as
 * JSONPath (`$.items[0].name`). Arrays are compared index by index, so an item inserted at the
 * front shows as every later index changed; for comparing two responses to the same request that
 * is what a person reads best. A subtree present on one side only is one entry, not one per leaf.
 */

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffChange {
  /** JSONPath of the value, `$` for the whole body. */
  path: string;
  kind: DiffKind;
  /** The value on the left (absent for `added`). */
  before?: unknown;
  /** The value on the right (absent for `removed`). */
  after?: unknown;
}

export interface DiffOptions {
  /** Stop after this many changes. @default 1000 */
  maxChanges?: number;
}

export interface DiffResult {
  changes: DiffChange[];
  /** More changes existed than `maxChanges`. */
  truncated: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.name`, or `$["odd key"]` when the key is not an identifier. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Every difference between `left` and `right`, in document order (left's keys first). */
export function diffJson(left: unknown, right: unknown, options: DiffOptions = {}): DiffResult {
  const max = options.maxChanges ?? 1000;
  const changes: DiffChange[] = [];
  let truncated = false;
  const push = (change: DiffChange): boolean => {
    if (changes.length >= max) {
      truncated = true;
      return false;
    }
    changes.push(change);
    return true;
  };

  const walk = (a: unknown, b: unknown, path: string): boolean => {
    if (Array.isArray(a) && Array.isArray(b)) {
      const shared = Math.min(a.length, b.length);
      for (let i = 0; i < shared; i += 1) if (!walk(a[i], b[i], childPath(path, i))) return false;
      for (let i = shared; i < a.length; i += 1)
        if (!push({ path: childPath(path, i), kind: 'removed', before: a[i] })) return false;
      for (let i = shared; i < b.length; i += 1)
        if (!push({ path: childPath(path, i), kind: 'added', after: b[i] })) return false;
      return true;
    }
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        const next = childPath(path, key);
        const ok = Object.hasOwn(b, key)
          ? walk(a[key], b[key], next)
          : push({ path: next, kind: 'removed', before: a[key] });
        if (!ok) return false;
      }
      for (const key of Object.keys(b)) {
        if (Object.hasOwn(a, key)) continue;
        if (!push({ path: childPath(path, key), kind: 'added', after: b[key] })) return false;
      }
      return true;
    }
    if (a === b) return true;
    return push({ path, kind: 'changed', before: a, after: b });
  };

  walk(left, right, '$');
  return { changes, truncated };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
