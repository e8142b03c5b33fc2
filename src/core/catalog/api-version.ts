import type { CatalogOperation } from './types.js';

/**
 * The API version a path is served under, when its first segment names one the way SailPoint
 * (and many others) do: `/v3/…`, `/beta/…`, `/v2025/…`. Null for any other path.
 */
export function apiVersionOf(path: string): string | null {
  const first = /^\/([^/?#]+)/.exec(path)?.[1];
  return first !== undefined && /^(v\d+(\.\d+)?|beta|alpha)$/i.test(first) ? first : null;
}

/** The versions a catalog's paths are served under, in catalog order, each once. */
export function apiVersions(operations: readonly Pick<CatalogOperation, 'path'>[]): string[] {
  const seen = new Set<string>();
  for (const operation of operations) {
    const version = apiVersionOf(operation.path);
    if (version !== null) seen.add(version);
  }
  return [...seen];
}
