import type { TokenIdentity } from '../identity/types.js';

/** What keyhole expects a call to do: a prediction, never a promise. */
export type Verdict = 'allowed' | 'denied' | 'unknown';

/** A predicted verdict and the reasons behind it, most decisive first. */
export interface AccessPrediction {
  verdict: Verdict;
  reasons: string[];
}

/** The parts of a token identity the predictor reads; a full `TokenIdentity` fits. */
export type AccessSubject = Pick<
  TokenIdentity,
  'userContext' | 'subjectKind' | 'scopes' | 'authorities' | 'roles' | 'provider' | 'claimsSource'
>;

/**
 * Shown beside every prediction. SailPoint's documentation says no list of which endpoints take
 * a user-context token exists; keyhole reads the spec's security and user levels and the token's
 * claims, and the server has the last word.
 */
export const PREDICTION_DISCLAIMER =
  'Predicted from the OpenAPI spec and the token, not guaranteed: SailPoint publishes no list of ' +
  'which endpoints need a user context, and the server decides. Observed results are shown when ' +
  'keyhole has made the call.';

/** Short label for the UI and CLI, e.g. a column header. */
export const PREDICTION_LABEL = 'predicted';
