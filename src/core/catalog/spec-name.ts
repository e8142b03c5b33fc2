import path from 'node:path';
import { hideUrlPassword } from '../profiles/url-password.js';
import { sailpointVersionOf } from './sailpoint-specs.js';
import { isUrlSource } from './source.js';
import type { LoadedSpec } from './types.js';

/** How a loaded spec is named in messages: `SailPoint v2025` even when it was `latest`. */
export function specName(spec: Pick<LoadedSpec, 'source' | 'label'>): string {
  return spec.label === null ? displayName(spec.source) : `SailPoint ${spec.label}`;
}

/** How a source is named in messages: `SailPoint v2025`, the URL, or the file's name. */
export function displayName(source: string): string {
  const version = sailpointVersionOf(source);
  if (version !== undefined) return `SailPoint ${version}`;
  // A URL is named without a password in it, should one have been given with --spec.
  return isUrlSource(source) ? hideUrlPassword(source) : path.basename(source);
}
