/** Beside the path of a SailPoint experimental operation in `endpoints` and `matrix` tables. */
export const EXPERIMENTAL_MARK = '[experimental]';
