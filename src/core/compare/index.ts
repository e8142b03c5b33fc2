export {
  bodyValue,
  compareProfiles,
  type CompareDiffChange,
  type CompareEntry,
  type CompareOptions,
  type CompareResult,
} from './compare.js';
export { isMutating, MUTATING_METHODS } from './mutating.js';
export {
  childPath,
  diffJson,
  type DiffChange,
  type DiffKind,
  type DiffOptions,
  type DiffResult,
} from './diff.js';
