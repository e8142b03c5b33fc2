/** Methods that may change data: `compare` sends them once per profile, so callers must confirm. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether `method` may change data (any case). */
export function isMutating(method: string): boolean {
  return MUTATING_METHODS.has(method.toUpperCase());
}
