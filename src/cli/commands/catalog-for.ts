import type { Catalog } from '../../core/catalog/index.js';
import type { Profile } from '../../core/profiles/schema.js';
import { note } from '../output.js';
import { reportSideFailure } from '../side-failures.js';

/** The profile's specs plus any given with --spec; null when there are none. */
export async function catalogFor(
  profile: Profile | undefined,
  extraSpecs: readonly string[],
  options: { verbose?: boolean } = {},
): Promise<Catalog | null> {
  const sources = [...(profile?.specs ?? []), ...extraSpecs];
  if (sources.length === 0) return null;
  const { loadCatalog } = await import('../../core/catalog/index.js');
  // Parsing a big spec the first time takes a while: say so. Cached loads are quiet unless -v.
  return loadCatalog(sources, {
    onProgress: (message) => {
      if (options.verbose || !message.includes('from cache')) note(message);
    },
    onCacheError: (error) => reportSideFailure('the spec index was not cached', error),
  });
}
