import path from 'node:path';
import {
  defaultSpecCacheDir,
  displayName,
  isSailpointVersion,
  isUrlSource,
  loadCatalog,
  presetSpecSources,
  profileSpecSources,
  sailpointSource,
  sailpointVersionOf,
  specName,
  type LoadedSpec,
} from '../../core/catalog/index.js';
import { specSourceStatus, type SpecSourceStatus } from '../../core/catalog/spec-status.js';
import { KeyholeError, UsageError } from '../../core/errors.js';
import { formatDuration } from '../../core/identity/duration.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import type { Profile } from '../../core/profiles/schema.js';
import { plural } from '../../core/text/plural.js';
import { formatBytes } from '../../core/text/size.js';
import { note, printJson, printLine, styled, warn } from '../output.js';
import { parseSpecLimits } from './limit-input.js';

interface JsonOption {
  json?: boolean;
}

interface LoadingOptions extends JsonOption {
  maxSpecSize?: string;
}

/** `keyhole specs list [PROFILE]`: each profile's specs and what the caches hold of them. */
export function specsList(profileName: string | undefined, options: JsonOption): void {
  const profiles = chosenProfiles(profileName);
  const cacheDir = defaultSpecCacheDir();
  const now = Date.now();
  const listed = profiles.map((profile) => ({
    profile,
    own: profile.specs.length > 0,
    specs: profileSpecSources(profile).map((source) => specSourceStatus(source, { cacheDir, now })),
  }));
  if (options.json) {
    return printJson(
      listed.map(({ profile, own, specs }) => ({
        profile: profile.name,
        preset: profile.preset,
        presetDefaults: !own && specs.length > 0,
        specs: specs.map((status) => statusJson(status)),
      })),
    );
  }
  for (const { profile, own, specs } of listed) {
    const origin = own ? '' : specs.length > 0 ? `  (the ${profile.preset} preset's defaults)` : '';
    printLine([styled('bold', profile.name), styled('dim', origin)]);
    if (specs.length === 0) {
      printLine(styled('dim', '  no specs: keyhole specs add PROFILE FILE_OR_URL'));
    }
    for (const status of specs) {
      printLine(['  ', statusLine(status, now)]);
      // Loads say these once, when the document is parsed; the list always shows them.
      for (const warning of status.warnings) {
        printLine(['    ', styled('yellow', 'warning:'), ' ', warning]);
      }
    }
  }
}

function statusJson(status: SpecSourceStatus) {
  return {
    source: status.source,
    name: status.name,
    kind: status.kind,
    location: status.location,
    version: status.version,
    operations: status.operations,
    warnings: status.warnings,
    downloadedAt: status.download ? new Date(status.download.fetchedAt).toISOString() : null,
    checkedAt: status.download ? new Date(status.download.checkedAt).toISOString() : null,
    bytes: status.download?.size ?? null,
    etag: status.download?.etag ?? null,
    problem: status.problem,
  };
}

function statusLine(status: SpecSourceStatus, now: number) {
  const name =
    status.version && status.source.endsWith(':latest')
      ? `${status.name} (${status.version})`
      : status.name;
  const count =
    status.operations === null ? 'not indexed yet' : plural(status.operations, 'operation');
  let state: string;
  if (status.problem) state = status.problem;
  else if (status.kind === 'file') state = status.location;
  else if (!status.download) state = `not downloaded yet · ${status.location}`;
  else {
    const { fetchedAt, checkedAt, size } = status.download;
    state =
      `${formatBytes(size)} downloaded ${ago(now, fetchedAt)}, checked ${ago(now, checkedAt)}` +
      ` · ${status.location}`;
  }
  return [name.padEnd(26), '  ', count.padEnd(16), '  ', styled('dim', state)];
}

/**
 * `keyhole specs update [PROFILE]`: asks the server about every downloaded spec now (ETag, so
 * an unchanged one costs no body) and re-indexes what changed. Exit 1 when one failed.
 */
export async function specsUpdate(
  profileName: string | undefined,
  options: LoadingOptions,
): Promise<number> {
  const limits = parseSpecLimits(options.maxSpecSize);
  const sources = [...new Set(chosenProfiles(profileName).flatMap(profileSpecSources))];
  if (sources.length === 0) {
    throw new UsageError(
      'no profile lists a spec',
      'Add one: keyhole specs add PROFILE FILE_OR_URL',
    );
  }
  const catalog = await loadCatalog(sources, {
    refresh: 'always',
    limits,
    onProgress: (message) => {
      if (!options.json && !message.includes('from cache')) note(message);
    },
    onCacheError: (error) => warn(error.message),
  });
  const results = [
    ...catalog.specs.map((spec) => ({
      source: spec.source,
      name: specName(spec),
      state: spec.download?.state ?? 'file',
      version: spec.label,
      operations: spec.operations.length,
      error: null as string | null,
    })),
    ...catalog.failures.map((failure) => ({
      source: failure.source,
      name: displayName(failure.source),
      state: 'failed',
      version: null,
      operations: null,
      error: failure.error instanceof Error ? failure.error.message : String(failure.error),
    })),
  ];
  if (options.json) printJson(results);
  else {
    for (const result of results) {
      const mark = result.error
        ? styled('red', '✗')
        : result.state === 'offline'
          ? styled('yellow', '⚠')
          : styled('green', '✓');
      const what =
        result.error ??
        `${STATE_WORDS[result.state] ?? result.state} · ${plural(result.operations ?? 0, 'operation')}`;
      printLine([mark, ' ', result.name.padEnd(26), '  ', what]);
    }
    offlineWarnings(catalog.specs);
  }
  // Offline is not "updated": the kept copies were used, but nothing was checked.
  const offline = catalog.specs.some((spec) => spec.download?.state === 'offline');
  return catalog.failures.length > 0 || offline ? 1 : 0;
}

const STATE_WORDS: Record<string, string> = {
  downloaded: 'downloaded',
  unchanged: 'unchanged (the server said 304)',
  cached: 'cached',
  offline: 'offline: the kept copy is used',
  file: 'a local file',
};

function offlineWarnings(specs: readonly LoadedSpec[]): void {
  for (const spec of specs) {
    for (const warning of spec.newWarnings) {
      if (warning.startsWith('could not check')) warn(warning);
    }
  }
}

/**
 * `keyhole specs add PROFILE SOURCE...`: files (kept as absolute paths), URLs, or for a
 * SailPoint profile version names (`v2024`). Each is loaded first, so a typo never lands.
 */
export async function specsAdd(
  profileName: string,
  sources: readonly string[],
  options: LoadingOptions,
): Promise<void> {
  const limits = parseSpecLimits(options.maxSpecSize);
  const repository = new ProfileRepository();
  const profile = repository.get(profileName);
  const wanted = sources.map((source) => normalizeSource(source, profile));
  const notAdded = (source: string, error: unknown) =>
    error instanceof KeyholeError
      ? new KeyholeError(`not added: ${displayName(source)}: ${error.message}`, {
          exitCode: error.exitCode,
          hint: error.hint,
        })
      : error;
  let catalog: Awaited<ReturnType<typeof loadCatalog>>;
  try {
    catalog = await loadCatalog(wanted, {
      limits,
      onProgress: (message) => {
        if (!options.json && !message.includes('from cache')) note(message);
      },
    });
  } catch (error) {
    // Every source failed: the first one is named (a single source is the usual case).
    throw notAdded(wanted[0] ?? '', error);
  }
  const failure = catalog.failures[0];
  if (failure) throw notAdded(failure.source, failure.error);
  const { before, after } = await repository.updateSpecs(profile.name, (current) => {
    // The preset's defaults become explicit, so adding one spec does not drop them.
    const base = current.specs.length > 0 ? current.specs : presetSpecSources(current.preset);
    return [...new Set([...base, ...wanted])];
  });
  const listedBefore = profileSpecSources({ ...after, specs: before });
  const added = after.specs.filter((source) => !listedBefore.includes(source));
  if (options.json) {
    return printJson({ profile: after.name, added, specs: after.specs });
  }
  for (const spec of catalog.specs) {
    const already = !added.includes(spec.source);
    note(
      `${already ? 'already listed' : 'added'}: ${displayName(spec.source)}` +
        ` (${plural(spec.operations.length, 'operation')}) for profile "${after.name}"`,
    );
  }
}

/** `keyhole specs rm PROFILE SOURCE...`: takes sources off the profile's list. */
export async function specsRm(
  profileName: string,
  sources: readonly string[],
  options: JsonOption,
): Promise<void> {
  const repository = new ProfileRepository();
  const profile = repository.get(profileName);
  const unwanted = new Set(sources.map((source) => normalizeSource(source, profile)));
  const listed = profileSpecSources(profile);
  const unknown = [...unwanted].filter((source) => !listed.includes(source));
  if (unknown.length > 0) {
    throw new UsageError(
      `profile "${profile.name}" does not list ${unknown.map(displayName).join(', ')}`,
      `It lists: ${listed.map(displayName).join(', ') || 'nothing'}.`,
    );
  }
  const { after } = await repository.updateSpecs(profile.name, (current) =>
    profileSpecSources(current).filter((source) => !unwanted.has(source)),
  );
  const defaults = after.specs.length === 0 ? presetSpecSources(after.preset) : [];
  if (options.json) {
    return printJson({
      profile: after.name,
      removed: [...unwanted],
      specs: after.specs,
      presetDefaults: defaults,
    });
  }
  note(`removed from profile "${after.name}": ${[...unwanted].map(displayName).join(', ')}`);
  if (defaults.length > 0) {
    note(
      `no specs of its own are left, so the ${after.preset} preset's defaults apply again: ` +
        defaults.map(displayName).join(', '),
    );
  }
}

/** `v2024` → `sailpoint:v2024` (SailPoint profiles), a relative file → absolute, URLs as given. */
function normalizeSource(source: string, profile: Profile): string {
  const named = sailpointVersionOf(source);
  if (named !== undefined) return sailpointSource(named);
  if (profile.preset === 'sailpoint' && isSailpointVersion(source)) return sailpointSource(source);
  if (isUrlSource(source)) return source;
  return path.resolve(source);
}

function chosenProfiles(name: string | undefined): Profile[] {
  const repository = new ProfileRepository();
  return name === undefined ? repository.list() : [repository.get(name)];
}

function ago(now: number, then: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  return seconds < 60 ? 'just now' : `${formatDuration(seconds)} ago`;
}
