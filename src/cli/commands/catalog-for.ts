import type { Catalog } from '../../core/catalog/index.js';
import { KeyholeError } from '../../core/errors.js';
import type { Profile } from '../../core/profiles/schema.js';
import { note, warn } from '../output.js';
import { reportSideFailure } from '../side-failures.js';
import { parseSpecLimits } from './limit-input.js';

/**
 * The profile's specs (its own, or its preset's published ones) plus any given with --spec;
 * null when there are none.
 *
 * With `forPath`, a SailPoint version whose prefix cannot hold the path is not loaded at all
 * (`/v3/identities` reads only v3): a call pays for one document, not five.
 *
 * Specs the user named must load (a typo is an error); a preset's published spec that cannot be
 * had (offline, never downloaded) is only a warning, since the call works without it.
 */
export async function catalogFor(
  profiles: Profile | readonly Profile[] | undefined,
  extraSpecs: readonly string[],
  options: { verbose?: boolean; forPath?: string; maxSpecSize?: string } = {},
): Promise<Catalog | null> {
  // A bad --max-spec-size is a usage error before anything is read.
  const limits = parseSpecLimits(options.maxSpecSize);
  const { loadCatalog, profileSpecSources, sailpointVersionOf, versionHolds } =
    await import('../../core/catalog/index.js');
  const chosen = profiles === undefined ? [] : Array.isArray(profiles) ? profiles : [profiles];
  const own = [...new Set([...chosen.flatMap(profileSpecSources), ...extraSpecs])];
  const sources =
    options.forPath === undefined
      ? own
      : own.filter((source) => {
          const version = sailpointVersionOf(source);
          return version === undefined || versionHolds(version, options.forPath ?? '');
        });
  if (sources.length === 0) return null;
  const named = new Set([...chosen.flatMap((p) => p.specs), ...extraSpecs]);
  // Parsing a big spec the first time takes a while: say so. Cached loads are quiet unless -v.
  const loadOptions = {
    limits,
    onProgress: (message: string) => {
      // First downloads and parsing are said; cached loads and daily checks only with -v.
      const quiet = message.includes('from cache') || message.startsWith('checking ');
      if (options.verbose || !quiet) note(message);
    },
    onCacheError: (error: KeyholeError) => reportSideFailure('the spec was not cached', error),
  };
  let catalog: Catalog;
  try {
    catalog = await loadCatalog(sources, loadOptions);
  } catch (error) {
    if (!(error instanceof KeyholeError) || sources.some((source) => named.has(source))) {
      throw error;
    }
    warn(`no spec, so no predictions or explanations: ${error.message}`);
    return null;
  }
  for (const failure of catalog.failures) {
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    if (named.has(failure.source)) throw failure.error;
    warn(`not loaded: ${message}`);
  }
  return catalog;
}
