import type { CallRequest } from '../../core/call/execute.js';
import { type CallOutcome, recordCallHistory } from '../../core/history/index.js';
import type { Profile } from '../../core/profiles/schema.js';
import { warn } from '../output.js';

/** Keeps the call in the profile's history; a failure to do so is a warning, never a failed call. */
export async function saveHistory(
  profile: Profile,
  request: CallRequest,
  outcome: CallOutcome,
): Promise<void> {
  try {
    await recordCallHistory(profile, request, outcome);
  } catch (error) {
    warn(`the history was not saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}
