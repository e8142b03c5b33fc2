export { describeToken } from './describe.js';
export { formatIdentity } from './format.js';
export { formatDuration } from './duration.js';
export type {
  DescribeContext,
  SignatureStatus,
  SubjectKind,
  TokenIdentity,
  TokenLabel,
  TokenProvider,
} from './types.js';
