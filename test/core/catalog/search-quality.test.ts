import { beforeAll, describe, expect, it } from 'vitest';
import { searchOperations } from '../../../src/core/catalog/search.js';
import type { CatalogOperation } from '../../../src/core/catalog/types.js';
import { rankOf, searchQueries, type SearchQuery } from '../../support/search-queries.js';
import { SEARCH_CATALOGS, searchCatalog, skipSearchSpecs } from '../../support/search-specs.js';

/** Targets per catalog: SailPoint most, as keyhole's first users' API; Graph for its size. */
const QUERIES_PER_CATALOG: Record<string, number> = {
  SailPoint: 80,
  GitHub: 50,
  'Microsoft Graph v1.0': 60,
  Jira: 30,
  Stripe: 30,
  'Google Compute': 20,
};

describe.skipIf(skipSearchSpecs)('search quality over real public specs', () => {
  const catalogs = new Map<string, CatalogOperation[]>();
  const queries: SearchQuery[] = [];
  beforeAll(() => {
    for (const [name, files] of Object.entries(SEARCH_CATALOGS)) {
      const operations = searchCatalog(files);
      catalogs.set(name, operations);
      queries.push(...searchQueries(name, operations, QUERIES_PER_CATALOG[name] ?? 20));
    }
  }, 60_000);

  it('puts the operation meant first in ≥ 90% of 250+ queries, in the top 5 in ≥ 98%', () => {
    expect(queries.length).toBeGreaterThanOrEqual(250);
    const ranked = queries.map((query) => ({
      query,
      rank: rankOf(searchOperations(catalogs.get(query.catalog)!, query.text, 50), query),
    }));
    const rate = (rows: typeof ranked, top: number) =>
      rows.filter((row) => row.rank <= top).length / rows.length;
    const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
    const lines = [...catalogs.keys(), ...new Set(queries.map((q) => q.kind))].map((group) => {
      const rows = ranked.filter((row) => row.query.catalog === group || row.query.kind === group);
      return `  ${group} (${rows.length}): rank 1 ${percent(rate(rows, 1))}, top 5 ${percent(rate(rows, 5))}`;
    });
    const misses = ranked
      .filter((row) => row.rank > 1)
      .map(
        (row) => `  #${row.rank} ${row.query.catalog}: "${row.query.text}" → ${row.query.target}`,
      );
    console.info(
      [
        `search quality over ${ranked.length} queries: rank 1 ${percent(rate(ranked, 1))}, ` +
          `top 5 ${percent(rate(ranked, 5))}, top 10 ${percent(rate(ranked, 10))}`,
        ...lines,
        'not first:',
        ...misses,
      ].join('\n'),
    );
    expect(rate(ranked, 1), misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(rate(ranked, 5), misses.join('\n')).toBeGreaterThanOrEqual(0.98);
  });
});
