/**
 * A count and its noun, singular for one: `1 operation`, `2 operations`, `0 profiles`,
 * `1 retry` / `3 retries` (give the plural when it is not the noun plus "s"). Every count keyhole
 * shows goes through here, so no line says "1 operations".
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${noun(count, one, many)}`;
}

/** The noun alone, for a count written another way (`3+ differences`). */
export function noun(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}
