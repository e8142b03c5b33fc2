export {
  buildMatrix,
  cellAgrees,
  cellText,
  observedVerdict,
  selectOperations,
  type AccessMatrix,
  type MatrixCell,
  type MatrixRow,
  type MatrixSubject,
  type ObservationLookup,
} from './build.js';
export { probeRequest } from './probe-request.js';
export {
  probeMatrix,
  PROBE_RETRY_ON_429,
  type ProbeOptions,
  type ProbeProgress,
  type ProbeSummary,
} from './probe.js';
