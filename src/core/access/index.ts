export { predictAccess, tokenHasUser } from './predict.js';
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
