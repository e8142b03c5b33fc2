import type { CatalogOperation } from './types.js';

/** What the spec requires of a request's headers that the request does not have. */
export interface SpecHeaders {
  /** Required headers the request lacks, filled from the spec's example or default. */
  added: [name: string, value: string][];
  /** Required headers the spec gives no value for: the user must add them. */
  unfillable: string[];
}

/**
 * The spec-required headers `given` lacks (names compared without regard to case), with the
 * value the spec suggests: SailPoint's experimental operations get `X-SailPoint-Experimental:
 * true`, which the tenant refuses them without.
 */
export function missingSpecHeaders(
  operation: Pick<CatalogOperation, 'headerParams'>,
  given: Readonly<Record<string, string>> | undefined,
): SpecHeaders {
  const have = new Set(Object.keys(given ?? {}).map((name) => name.toLowerCase()));
  const added: [string, string][] = [];
  const unfillable: string[] = [];
  for (const header of operation.headerParams) {
    if (!header.required || have.has(header.name.toLowerCase())) continue;
    const value = scalarText(header.example);
    if (value === null) unfillable.push(header.name);
    else added.push([header.name, value]);
  }
  return { added, unfillable };
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
