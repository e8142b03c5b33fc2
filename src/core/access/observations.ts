import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { withFileLock } from '../config/lock.js';
import { configDir, ensurePrivateDir } from '../config/paths.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import { errnoOf, storageError } from '../config/storage-error.js';
import { emitNotice } from '../notices.js';
import { matchOperation } from '../catalog/match.js';
import type { CatalogOperation } from '../catalog/types.js';

/** What a real call returned, shown beside the prediction ("observed 403 on 2026-11-27"). */
export interface Observation {
  /** HTTP status of the last call. */
  status: number;
  /** When it was observed, ISO 8601. */
  at: string;
}

/** A call as made: which profile, and the operation's method and path template. */
export interface ObservationInput {
  profile: string;
  method: string;
  /** The path template (`/v3/identities/{id}`), not the concrete path; see `recordObservedCall`. */
  path: string;
  status: number;
  /** @default new Date() */
  at?: Date;
}

/** Where observations are kept; tests point it at a temporary folder. */
export interface ObservationOptions {
  /** Folder holding observations.json. @default configDir() */
  dir?: string;
}

interface ObservationFile {
  version: 1;
  /** profile → `METHOD /path/template` → last observation. */
  profiles: Record<string, Record<string, Observation>>;
}

/** The file's name in the config folder. */
export const OBSERVATIONS_FILE = 'observations.json';

function fileOf(options: ObservationOptions): string {
  return path.join(options.dir ?? configDir(), OBSERVATIONS_FILE);
}

/** The key of an operation in the observations: `GET /v3/identities/{id}`. */
export function observationKey(method: string, pathTemplate: string): string {
  return `${method.toUpperCase()} ${pathTemplate}`;
}

/**
 * Records the status of a call for a profile and an operation, replacing the previous one.
 * Read-modify-write runs under a cross-process lock, so concurrent keyhole processes (and
 * concurrent calls within one) keep every operation's latest result.
 */
export async function recordObservation(
  input: ObservationInput,
  options: ObservationOptions = {},
): Promise<Observation> {
  const file = fileOf(options);
  ensurePrivateDir(path.dirname(file));
  const observation = { status: input.status, at: (input.at ?? new Date()).toISOString() };
  await withFileLock(file, () => {
    const data = readFile(file, true);
    const forProfile = (data.profiles[input.profile] ??= Object.create(null) as Record<
      string,
      Observation
    >);
    forProfile[observationKey(input.method, input.path)] = observation;
    writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  });
  return observation;
}

/**
 * Records a call given its concrete path (`/v3/identities/2c91…`), matched to its operation in
 * the catalog. Returns the operation, or undefined (and records nothing) when none matches.
 */
export async function recordObservedCall(
  operations: readonly CatalogOperation[],
  call: { profile: string; method: string; path: string; status: number; at?: Date },
  options: ObservationOptions = {},
): Promise<CatalogOperation | undefined> {
  const operation = matchOperation(operations, call.method, call.path);
  if (!operation) return undefined;
  await recordObservation({ ...call, method: operation.method, path: operation.path }, options);
  return operation;
}

/**
 * Moves a profile's observations to its new name, as a rename does with the profile. Anything
 * still kept under the new name (left by a profile of that name deleted long ago) is dropped: it
 * was another credential's. Resolves to how many moved; nothing is written when nothing changes.
 */
export async function renameObservations(
  from: string,
  to: string,
  options: ObservationOptions = {},
): Promise<number> {
  if (from === to) return 0;
  return changeProfiles(options, (profiles) => {
    const moving = profiles[from];
    const stale = profiles[to];
    if (moving === undefined && stale === undefined) return null;
    delete profiles[to];
    if (moving === undefined) return 0;
    profiles[to] = moving;
    delete profiles[from];
    return Object.keys(moving).length;
  });
}

/** Deletes a profile's observations, as `profiles rm` does. Resolves to how many there were. */
export async function removeObservations(
  profile: string,
  options: ObservationOptions = {},
): Promise<number> {
  return changeProfiles(options, (profiles) => {
    const removing = profiles[profile];
    if (removing === undefined) return null;
    delete profiles[profile];
    return Object.keys(removing).length;
  });
}

/**
 * A locked read-modify-write of the profiles map. `change` returns null when it changed nothing
 * (the file is then left as it is), else the count to resolve to.
 */
async function changeProfiles(
  options: ObservationOptions,
  change: (profiles: ObservationFile['profiles']) => number | null,
): Promise<number> {
  const file = fileOf(options);
  if (!existsSync(file)) return 0;
  return withFileLock(file, () => {
    const data = readFile(file, true);
    const count = change(data.profiles);
    if (count === null) return 0;
    writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
    return count;
  });
}

/** Every observation of a profile, keyed by `observationKey`. */
export function readObservations(
  profile: string,
  options: ObservationOptions = {},
): Record<string, Observation> {
  return { ...readFile(fileOf(options), false).profiles[profile] };
}

/** The last observation of one operation for a profile, if keyhole has made that call. */
export function getObservation(
  profile: string,
  method: string,
  pathTemplate: string,
  options: ObservationOptions = {},
): Observation | undefined {
  return readFile(fileOf(options), false).profiles[profile]?.[observationKey(method, pathTemplate)];
}

/** "observed 403 on 2026-11-27" */
export function formatObservation(observation: Observation): string {
  return `observed ${observation.status} on ${observation.at.slice(0, 10)}`;
}

/** Observations can be made again, so a corrupt file is disposable: kept aside, with a notice. */
function moveAside(file: string): void {
  const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, backup);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return;
    throw storageError(error, file, 'move aside');
  }
  emitNotice(`the observations file ${file} was not valid JSON; it was moved aside to ${backup}`);
}

/**
 * Reads the file, keeping only well-formed entries. Observations are a convenience, not config:
 * a file that is not JSON reads as empty, and a writer moves it aside (`.corrupt-<time>`) so that
 * nothing is silently lost and recording goes on.
 */
function readFile(file: string, forWriting: boolean): ObservationFile {
  // Null prototypes: a profile or key named `__proto__` stays data.
  const data: ObservationFile = {
    version: 1,
    profiles: Object.create(null) as ObservationFile['profiles'],
  };
  if (!existsSync(file)) return data;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // Unreadable is not corrupt: the file is left where it is.
    if (forWriting) throw storageError(error, file, 'read');
    return data;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    if (forWriting) moveAside(file);
    return data;
  }
  const profiles = (raw as { profiles?: unknown } | null)?.profiles;
  if (typeof profiles !== 'object' || profiles === null) return data;
  for (const [profile, entries] of Object.entries(profiles)) {
    if (typeof entries !== 'object' || entries === null) continue;
    const kept = Object.create(null) as Record<string, Observation>;
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      const { status, at } = (value ?? {}) as Partial<Observation>;
      if (typeof status === 'number' && typeof at === 'string') kept[key] = { status, at };
    }
    data.profiles[profile] = kept;
  }
  return data;
}
