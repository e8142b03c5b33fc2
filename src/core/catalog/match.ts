import type { CatalogOperation } from './types.js';

interface Compiled {
  method: string;
  pattern: RegExp;
  /** Literal characters in the template: more literal text means a more specific match. */
  literal: number;
  operation: CatalogOperation;
}

const compiled = new WeakMap<readonly CatalogOperation[], Compiled[]>();

function compile(operations: readonly CatalogOperation[]): Compiled[] {
  return operations.map((operation) => {
    const parts = operation.path.split(/(\{[^}]+\})/);
    const source = parts
      .map((part) =>
        part.startsWith('{') && part.endsWith('}')
          ? '[^/]+'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    const literal = parts.filter((part) => !part.startsWith('{')).join('').length;
    return { method: operation.method, pattern: new RegExp(`^${source}/?$`), literal, operation };
  });
}

/**
 * The operation a concrete request belongs to: `GET /v3/identities/2c91…` →
 * `GET /v3/identities/{id}`. A query string or fragment is ignored. When several templates
 * match, the one with the most literal text wins, so `/v3/identities/me` prefers a
 * `/v3/identities/me` operation over `/v3/identities/{id}`. Undefined when none matches.
 */
export function matchOperation(
  operations: readonly CatalogOperation[],
  method: string,
  concretePath: string,
): CatalogOperation | undefined {
  let table = compiled.get(operations);
  if (!table) {
    table = compile(operations);
    compiled.set(operations, table);
  }
  const upper = method.toUpperCase();
  const pathOnly = concretePath.replace(/[?#].*$/, '') || '/';
  let best: Compiled | undefined;
  for (const entry of table) {
    if (entry.method !== upper || !entry.pattern.test(pathOnly)) continue;
    if (!best || entry.literal > best.literal) best = entry;
  }
  return best?.operation;
}
