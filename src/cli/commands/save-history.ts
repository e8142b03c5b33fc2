import type { CallRequest } from '../../core/call/execute.js';
import { type CallOutcome, recordCallHistory } from '../../core/history/index.js';
import type { Profile } from '../../core/profiles/schema.js';
import { reportSideFailure } from '../side-failures.js';

/**
 * Keeps the call in the profile's history. A failure to do so never stops the call or its
 * output; it is warned about (with the reason: "disk full") and makes the command exit 1.
 */
export async function saveHistory(
  profile: Profile,
  request: CallRequest,
  outcome: CallOutcome,
): Promise<void> {
  try {
    await recordCallHistory(profile, request, outcome);
  } catch (error) {
    reportSideFailure('the history was not saved', error);
  }
}
