import { plural } from '../text/plural.js';
import type { SpecIndex } from './types.js';

/**
 * How many operations a spec has, in words: `12 operations`, or, for an OpenAPI 3.1 document
 * that describes only webhooks, `no paths, only 2 webhooks`, so it does not read as a spec that
 * failed to load.
 */
export function operationCount(index: Pick<SpecIndex, 'operations' | 'webhooks'>): string {
  if (index.operations.length === 0 && index.webhooks > 0) {
    return `no paths, only ${plural(index.webhooks, 'webhook')}`;
  }
  return plural(index.operations.length, 'operation');
}

/** The sentence for a catalog with no operation but webhooks: why the list is empty. */
export function webhooksOnly(webhooks: number): string {
  return (
    `the spec describes no paths, only ${plural(webhooks, 'webhook')} ` +
    '(requests the API sends to you): there is nothing to call'
  );
}

/** `converted from Swagger 2.0`, for a spec keyhole converted to read; null for any other. */
export function conversionNote(index: Pick<SpecIndex, 'convertedFrom'>): string | null {
  return index.convertedFrom === null ? null : `converted from ${index.convertedFrom}`;
}
