import { beforeAll, describe, expect, it } from 'vitest';
import { candidateTest } from '../../../src/core/catalog/search-prefilter.js';
import { parseQuery } from '../../../src/core/catalog/search-query.js';
import { searchOperations } from '../../../src/core/catalog/search.js';
import type { CatalogOperation } from '../../../src/core/catalog/types.js';
import { searchQueries, wordsOf } from '../../support/search-queries.js';
import { SEARCH_CATALOGS, searchCatalog, skipSearchSpecs } from '../../support/search-specs.js';

const ids = (operations: readonly CatalogOperation[]) => operations.map((o) => o.id);

/** A copy of the list with every operation prepared (a search that matches nothing does it). */
function fullyPrepared(operations: readonly CatalogOperation[]): CatalogOperation[] {
  const copy = operations.map((operation) => ({ ...operation }));
  searchOperations(copy, 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqq');
  return copy;
}

describe.skipIf(skipSearchSpecs)('the quick test before an operation is prepared', () => {
  const catalogs = new Map<string, { fresh: CatalogOperation[]; prepared: CatalogOperation[] }>();
  const texts: { catalog: string; text: string }[] = [];
  beforeAll(() => {
    for (const [name, files] of Object.entries(SEARCH_CATALOGS)) {
      const operations = searchCatalog(files);
      catalogs.set(name, { fresh: operations, prepared: fullyPrepared(operations) });
      for (const query of searchQueries(name, operations, 15)) {
        // The query as made, its words in the plural and singular, a prefix as while typing.
        const words = wordsOf(query.text);
        texts.push(
          { catalog: name, text: query.text },
          { catalog: name, text: words.map((w) => `${w}s`).join(' ') },
          { catalog: name, text: words.map((w) => w.replace(/ies$/, 'y')).join(' ') },
          { catalog: name, text: query.text.slice(0, Math.ceil(query.text.length / 2)) },
        );
      }
    }
  }, 60_000);

  it('finds exactly what a search over every operation prepared finds, in the same order', () => {
    expect(texts.length).toBeGreaterThan(300);
    for (const { catalog, text } of texts) {
      const { fresh, prepared } = catalogs.get(catalog)!;
      // A fresh copy each time: no operation prepared by an earlier query.
      const unprepared = fresh.map((operation) => ({ ...operation }));
      expect(ids(searchOperations(unprepared, text, 50)), `${catalog}: "${text}"`).toEqual(
        ids(searchOperations(prepared, text, 50)),
      );
    }
  }, 180_000);
});

describe('the quick test', () => {
  const operation = (fields: Partial<CatalogOperation>) =>
    ({
      method: 'GET',
      path: '/',
      summary: '',
      operationId: null,
      tags: [],
      ...fields,
    }) as CatalogOperation;

  it('lets through plurals, -ies words, verbs by method and path parts, in any case', () => {
    const pass = (text: string, fields: Partial<CatalogOperation>) =>
      candidateTest(parseQuery(text))!(operation(fields));
    expect(pass('policy', { path: '/v3/Policies' })).toBe(true);
    expect(pass('policies', { summary: 'One POLICY' })).toBe(true);
    expect(pass('box', { tags: ['Boxes'] })).toBe(true);
    expect(pass('create thing', { method: 'POST', operationId: 'makeThing' })).toBe(true);
    expect(pass('create thing', { method: 'GET', operationId: 'makeThing' })).toBe(false);
    expect(pass('/v3/Search', { path: '/v3/search' })).toBe(true);
    expect(pass('kelvin', { summary: '\u212Aelvin' })).toBe(true);
    expect(pass('users', { path: '/groups' })).toBe(false);
  });

  it('tests nothing for a query it cannot tell about', () => {
    expect(candidateTest(parseQuery('/café'))).toBeNull();
    expect(candidateTest(parseQuery('   '))).toBeNull();
  });
});
