/**
 * Operations marked in the Endpoints panel for the scopes plan, by operation id: a mark stays
 * while the search or the version filter hides its row.
 */

/** The marks with `id` added, or taken away when it was marked. */
export function toggleMark(marks: readonly string[], id: string): readonly string[] {
  return marks.includes(id) ? marks.filter((mark) => mark !== id) : [...marks, id];
}

/** What a plan is for: the marked operations, or with none marked the highlighted one. */
export function planTargets(
  marks: readonly string[],
  highlighted: string | undefined,
): readonly string[] {
  if (marks.length > 0) return marks;
  return highlighted === undefined ? [] : [highlighted];
}
