import type { AuditState } from '../../core/session/index.js';
import {
  ENOUGH_TITLE,
  allScopesTitle,
  auditEnoughLines,
  auditFindingLines,
  auditHeldLines,
  auditTitle,
} from '../../core/access/scope-text.js';
import { COLORS } from '../theme.js';
import { textLines } from './text-table.js';
import type { ViewLine } from './view-lines.js';

/**
 * The scopes audit view: what `keyhole scopes audit` prints, line for line. Without a token, a
 * spec or any recorded call it says so instead of auditing nothing.
 */
export function scopeAuditLines(state: AuditState, width: number): ViewLine[] {
  if (state.status === 'idle') return [[{ text: 'auditing…' }]];
  if (state.status === 'unavailable') {
    return textLines(`No audit: ${state.reason}.`, width, { color: COLORS.warn });
  }
  const { audit, profile } = state;
  const lines: ViewLine[] = [
    ...textLines(auditTitle(profile, audit), width, { bold: true }),
    ...auditHeldLines(audit).flatMap((line) => textLines(line, width)),
  ];
  if (audit.calls.total === 0) {
    return [
      ...lines,
      [],
      ...textLines(
        `No recorded calls for ${profile} yet: the audit reads its history, and every request sent is kept there. Send some, then press A again.`,
        width,
        { color: COLORS.warn },
      ),
    ];
  }
  for (const warning of audit.warnings) {
    lines.push(...textLines(`warning: ${warning}`, width, { color: COLORS.warn }));
  }
  lines.push([]);
  const allScopes = allScopesTitle(audit);
  if (allScopes !== null) {
    lines.push(...textLines(allScopes, width, { color: COLORS.warn }));
    for (const id of audit.onlyByAllScopes) lines.push(...textLines(`  ${id}`, width));
  }
  for (const line of auditFindingLines(audit)) lines.push(...textLines(line, width));
  lines.push([], ...textLines(ENOUGH_TITLE, width, { bold: true }));
  for (const line of auditEnoughLines(audit)) lines.push(...textLines(line, width));
  for (const note of audit.plan.notes) lines.push(...textLines(note, width, { dim: true }));
  return lines;
}
