import type { Profile } from '../profiles/schema.js';
import { DEFAULT_SAILPOINT_VERSIONS, sailpointSource } from './sailpoint-specs.js';

/**
 * The specs a profile reads: its own list, or, when the list is empty, its preset's published
 * ones (a SailPoint profile: v3, beta and the newest vN), so a profile is complete the moment it
 * is added.
 */
export function profileSpecSources(profile: Pick<Profile, 'specs' | 'preset'>): string[] {
  if (profile.specs.length > 0) return [...profile.specs];
  return presetSpecSources(profile.preset);
}

/** The preset's published specs; none for presets that have no official documents. */
export function presetSpecSources(preset: Profile['preset']): string[] {
  return preset === 'sailpoint' ? DEFAULT_SAILPOINT_VERSIONS.map(sailpointSource) : [];
}
