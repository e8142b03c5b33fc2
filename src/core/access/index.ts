export { predictAccess, tokenHasUser, type PredictOptions } from './predict.js';
export { SCOPE_RULES } from './scopes.js';
export {
  silentSpecReason,
  specSecurityOf,
  type SpecSecurity,
  type SpecSecurityLookup,
} from './spec-security.js';
export { ALL_SCOPES, NEEDS_USER } from './security.js';
export { APP_LEVEL } from './levels.js';
export {
  PREDICTION_DISCLAIMER,
  PREDICTION_LABEL,
  type AccessPrediction,
  type AccessSubject,
  type Verdict,
} from './types.js';
export {
  formatObservation,
  getObservation,
  observationKey,
  OBSERVATIONS_FILE,
  readObservations,
  recordObservation,
  recordObservedCall,
  removeObservations,
  renameObservations,
  type Observation,
  type ObservationInput,
  type ObservationOptions,
} from './observations.js';
export { VERDICT_MARKS } from './marks.js';
