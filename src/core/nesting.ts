/**
 * How deep keyhole keeps JSON that a server or a token sent. Real claims and token responses
 * nest a few levels; 64 leaves room for anything plausible and stays far below what recursive
 * code (JSON.stringify, zod, structuredClone, printers) survives on Node's default stack.
 */
export const MAX_NESTING = 64;

/** A JSON value with its too-deep parts replaced, and how many were replaced. */
export interface LimitedNesting<T> {
  value: T;
  cut: number;
}

/** What stands in for a value nested too deep: says what happened without repeating it. */
export function nestingNote(maxDepth: number): string {
  return `[nested deeper than ${maxDepth} levels: left out by keyhole]`;
}

/**
 * The value with every object or array nested deeper than `maxDepth` replaced by a short note.
 * JSON.parse reads 20,000 levels, but most code that walks the result recurses and overflows the
 * stack long before; bounding once, where the value enters keyhole, keeps every later step safe.
 * The value itself is returned when nothing is too deep. Iterative, so it cannot overflow itself.
 */
export function limitNesting<T>(value: T, maxDepth: number = MAX_NESTING): LimitedNesting<T> {
  if (!tooDeep(value, maxDepth)) return { value, cut: 0 };
  let cut = 0;
  const note = nestingNote(maxDepth);
  const holder: { root?: unknown } = {};
  const work: Array<{ from: unknown; into: object; key: string | number; depth: number }> = [
    { from: value, into: holder, key: 'root', depth: 0 },
  ];
  for (let task = work.pop(); task !== undefined; task = work.pop()) {
    const { from, into, key, depth } = task;
    if (typeof from !== 'object' || from === null) {
      put(into, key, from);
    } else if (depth >= maxDepth) {
      put(into, key, note);
      cut++;
    } else if (Array.isArray(from)) {
      const copy: unknown[] = new Array<unknown>(from.length);
      put(into, key, copy);
      from.forEach((item, index) =>
        work.push({ from: item, into: copy, key: index, depth: depth + 1 }),
      );
    } else {
      const copy: Record<string, unknown> = {};
      put(into, key, copy);
      for (const [name, item] of Object.entries(from)) {
        // Keys are placed now, in order; their values arrive as the work list reaches them.
        put(copy, name, undefined);
        work.push({ from: item, into: copy, key: name, depth: depth + 1 });
      }
    }
  }
  return { value: holder.root as T, cut };
}

function tooDeep(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxDepth) return true;
    for (const item of Array.isArray(node) ? node : Object.values(node)) {
      stack.push([item, depth + 1]);
    }
  }
  return false;
}

/** Sets a property as data, so a `__proto__` key from JSON stays a key and changes nothing. */
function put(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
