import { type AccessPrediction, predictAccess } from '../access/index.js';
import type { CatalogOperation } from '../catalog/index.js';
import type { TokenIdentity } from '../identity/index.js';
import type { CatalogState, TokenState } from './types.js';

const NONE: ReadonlyMap<string, AccessPrediction> = new Map();

/**
 * Predictions for every operation of the catalog and the current token, computed once per
 * (catalog, identity) pair: ~900 SailPoint operations take a few milliseconds, but the snapshot
 * is rebuilt many times a second while a body downloads.
 */
export class PredictionCache {
  private operations: readonly CatalogOperation[] | null = null;
  private identity: TokenIdentity | null = null;
  private value: ReadonlyMap<string, AccessPrediction> = NONE;

  for(catalog: CatalogState, token: TokenState): ReadonlyMap<string, AccessPrediction> {
    if (catalog.status !== 'ready' || token.status !== 'ready') return NONE;
    if (catalog.operations === this.operations && token.identity === this.identity) {
      return this.value;
    }
    this.operations = catalog.operations;
    this.identity = token.identity;
    this.value = new Map(
      catalog.operations.map((op) => [op.id, predictAccess(op, token.identity)]),
    );
    return this.value;
  }
}
