import { type AccessPrediction, predictAccess } from '../access/index.js';
import type { CatalogOperation } from '../catalog/index.js';
import type { TokenIdentity } from '../identity/index.js';
import type { Preset } from '../profiles/vocabulary.js';
import type { CatalogState, TokenState } from './types.js';

const NONE: ReadonlyMap<string, AccessPrediction> = new Map();

/**
 * Predictions for every operation of the catalog and the current token, computed once per
 * (catalog, identity, preset): ~900 SailPoint operations take a few milliseconds, but the snapshot
 * is rebuilt many times a second while a body downloads.
 */
export class PredictionCache {
  private operations: readonly CatalogOperation[] | null = null;
  private identity: TokenIdentity | null = null;
  private preset: Preset | null = null;
  private value: ReadonlyMap<string, AccessPrediction> = NONE;

  /** `preset`: the current profile's, which says how scope lists are read. */
  for(
    catalog: CatalogState,
    token: TokenState,
    preset: Preset | null,
  ): ReadonlyMap<string, AccessPrediction> {
    if (catalog.status !== 'ready' || token.status !== 'ready' || preset === null) return NONE;
    if (
      catalog.operations === this.operations &&
      token.identity === this.identity &&
      preset === this.preset
    ) {
      return this.value;
    }
    this.operations = catalog.operations;
    this.identity = token.identity;
    this.preset = preset;
    const options = { preset, specs: catalog.specs };
    this.value = new Map(
      catalog.operations.map((op) => [op.id, predictAccess(op, token.identity, options)]),
    );
    return this.value;
  }
}
