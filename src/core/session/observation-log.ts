import { type Observation, readObservations, recordObservedCall } from '../access/index.js';
import type { CatalogOperation } from '../catalog/index.js';

/**
 * What calls returned, per profile, kept in observations.json (a temporary folder in demo mode)
 * and read once per profile until a new call is recorded.
 */
export class ObservationLog {
  private readonly read = new Map<string, Readonly<Record<string, Observation>>>();

  constructor(private readonly dir: string) {}

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
