import type { PlanOutcome } from '../../core/session/index.js';
import {
  credentialText,
  grantRows,
  operationTable,
  planTitle,
  undecidedLines,
  userLevelLine,
} from '../../core/access/scope-text.js';
import { COLORS } from '../theme.js';
import { tableLines, textLines } from './text-table.js';
import type { ViewLine } from './view-lines.js';

/**
 * The scopes plan view: what `keyhole scopes plan` prints, line for line: the rule, the
 * credential, the user level, each scope with what it grants, the notes, the operations, and the
 * ones keyhole cannot decide.
 */
export function scopePlanLines(outcome: PlanOutcome, width: number): ViewLine[] {
  if (outcome.status === 'unavailable') {
    return textLines(`No plan: ${outcome.reason}.`, width, { color: COLORS.warn });
  }
  const { plan } = outcome;
  const decided = plan.operations.filter((op) => op.undecided === null);
  const levels = userLevelLine(plan);
  const lines: ViewLine[] = [
    ...textLines(planTitle(plan), width, { bold: true }),
    ...textLines(`rule: ${plan.ruleText}`, width),
    ...textLines(`credential: ${credentialText(plan)}`, width),
    ...(levels === null ? [] : textLines(levels, width)),
    [],
  ];
  if (plan.scopes.length > 0)
    lines.push(...tableLines(['SCOPE', 'GRANTS'], grantRows(plan), width));
  else if (decided.length > 0) lines.push(...textLines('No scope is needed.', width));
  for (const note of plan.notes) lines.push(...textLines(note, width, { dim: true }));
  lines.push([]);
  const table = operationTable(plan);
  lines.push(...tableLines(table.headers, table.rows, width));
  const undecided = undecidedLines(plan);
  if (undecided) {
    lines.push([], ...textLines(undecided.title, width, { color: COLORS.warn }));
    for (const line of undecided.lines) lines.push(...textLines(line, width));
  }
  return lines;
}
