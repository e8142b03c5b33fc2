export {
  bodyValue,
  compareProfiles,
  isMutating,
  MUTATING_METHODS,
  type CompareDiffChange,
  type CompareEntry,
  type CompareOptions,
  type CompareResult,
} from './compare.js';
export {
  childPath,
  diffJson,
  type DiffChange,
  type DiffKind,
  type DiffOptions,
  type DiffResult,
} from './diff.js';
