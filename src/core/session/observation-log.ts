import path from 'node:path';
import {
  type Observation,
  readObservations,
  recordObservedCall,
  removeObservations,
  renameObservations,
} from '../access/index.js';
import type { CatalogOperation } from '../catalog/index.js';

/**
 * What calls returned, per profile, kept in observations.json (a temporary folder in demo mode)
 * and read once per profile until a new call is recorded.
 */
export class ObservationLog {
  private readonly read = new Map<string, Readonly<Record<string, Observation>>>();

  /** `configDir`: the repository's folder, whose observations the repository itself moves. */
  constructor(
    private readonly dir: string,
    private readonly configDir: string = dir,
  ) {}

  of(profile: string): Readonly<Record<string, Observation>> {
    let found = this.read.get(profile);
    if (found === undefined) {
      try {
        found = readObservations(profile, { dir: this.dir });
      } catch {
        found = {};
      }
      this.read.set(profile, found);
    }
    return found;
  }

  /** Forgets what was read, so the next `of` reads the file again. */
  forget(profile: string): void {
    this.read.delete(profile);
  }

  /**
   * After a profile was renamed (`to` its new name) or deleted (`to` null). The repository moves
   * the observations in the config folder; a demo session keeps its own here, which follow too.
   * Resolves to how many of those moved or went.
   */
  async follow(from: string, to: string | null): Promise<number> {
    try {
      // In the config folder they moved already: a second move would find nothing under `from`
      // and drop what now is under `to`.
      if (path.resolve(this.dir) === path.resolve(this.configDir)) return 0;
      if (to === null) return await removeObservations(from, { dir: this.dir });
      return await renameObservations(from, to, { dir: this.dir });
    } catch {
      // A convenience again: what is left over goes with the scratch folder.
      return 0;
    } finally {
      this.forget(from);
      if (to !== null) this.forget(to);
    }
  }

  /** Records a call matched to its operation; false when it could not be recorded. */
  async record(
    operations: readonly CatalogOperation[],
    call: { profile: string; method: string; path: string; status: number },
  ): Promise<boolean> {
    try {
      await recordObservedCall(operations, call, { dir: this.dir });
      this.forget(call.profile);
      return true;
    } catch {
      // Observations are a convenience; a locked or read-only folder must not spoil the call.
      return false;
    }
  }
}
