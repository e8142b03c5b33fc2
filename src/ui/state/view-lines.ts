import type { CompareDiffChange, CompareEntry } from '../../core/compare/index.js';
import type { HistoryEntry } from '../../core/history/index.js';
import { sanitizeForTerminal } from '../../core/http/terminal.js';
import type { CompareState } from '../../core/session/index.js';
import { COLORS, statusColor } from '../theme.js';
import { wrap } from '../../core/text/wrap.js';
import { noun, plural } from '../../core/text/plural.js';

export { matrixLines } from './matrix-lines.js';

/** A run of text in one style. */
export interface Segment {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
}

/** One screen line of a view, already cut to its width. */
export type ViewLine = readonly Segment[];

const LABELS = ['', 'status', 'time', 'who', 'authorities', 'why', 'next step'];
const LABEL_WIDTH = 12;
/** Diff lines per pair of bodies; the CLI's --json has them all. */
const DIFF_LINES = 200;

/** The comparison side by side (one column per profile), then how the bodies differ. */
export function compareLines(state: CompareState, width: number): ViewLine[] {
  switch (state.status) {
    case 'idle':
      return [[{ text: 'Nothing compared yet.', dim: true }]];
    case 'error':
      return [[{ text: `compare failed: ${clean(state.message)}`, color: COLORS.danger }]];
    case 'running':
      return [
        [{ text: `sending ${state.method} ${clean(state.path)} as ${state.profiles.join(', ')}…` }],
      ];
    case 'done':
      break;
  }
  const { results, diff, diffTruncated } = state.result;
  const columns = Math.max(1, results.length);
  const cellWidth = Math.max(12, Math.floor((width - LABEL_WIDTH) / columns) - 2);
  const lines: ViewLine[] = [
    [
      {
        text: `${state.method} ${clean(state.path)} with ${plural(results.length, 'profile')}`,
        bold: true,
      },
    ],
  ];
  const cells = results.map(columnOf);
  for (const [row, label] of LABELS.entries()) {
    const wrapped = cells.map((column) => wrap(column[row]?.text ?? '', cellWidth));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    for (let line = 0; line < height; line += 1) {
      const head = line === 0 ? label : '';
      lines.push([
        { text: head.padEnd(LABEL_WIDTH), dim: true },
        ...wrapped.map((w, column) => {
          const style = cells[column]?.[row] ?? { text: '' };
          return { ...style, text: `${(w[line] ?? '').padEnd(cellWidth)}  ` };
        }),
      ]);
    }
  }
  lines.push([]);
  lines.push(...diffLines(results, diff, diffTruncated, width));
  return lines;
}

function columnOf(entry: CompareEntry): Segment[] {
  if (entry.error) {
    return [
      { text: entry.profile, bold: true },
      { text: 'not sent', color: COLORS.danger },
      { text: '-' },
      { text: '-' },
      { text: '-' },
      { text: clean(entry.error.message), color: COLORS.danger },
      { text: clean(entry.error.hint ?? '') },
    ];
  }
  const status = entry.status ?? 0;
  const statusText = clean(entry.call?.response.statusText ?? '');
  const identity = entry.identity;
  const who = !identity
    ? 'no token'
    : identity.userContext === true || identity.subjectKind === 'user'
      ? `user ${identity.userName ?? '(unnamed)'}`
      : identity.userContext === false
        ? 'app · no user context'
        : (identity.subjectKind ?? 'unknown');
  return [
    { text: entry.profile, bold: true },
    { text: `${status} ${statusText}`.trim(), color: statusColor(status), bold: true },
    { text: entry.timing ? `${Math.round(entry.timing.totalMs)} ms` : '-' },
    { text: clean(who) },
    { text: clean(identity?.authorities.join(', ') || '-') },
    entry.explanation
      ? { text: clean(entry.explanation.summary), color: COLORS.danger }
      : { text: '-', dim: true },
    { text: clean(entry.explanation?.nextStep ?? '') },
  ];
}

function diffLines(
  results: readonly CompareEntry[],
  diff: readonly CompareDiffChange[],
  truncated: boolean,
  width: number,
): ViewLine[] {
  const answered = results.filter((entry) => entry.call);
  if (answered.length < 2) {
    return [[{ text: 'No bodies to compare: fewer than two responses.', dim: true }]];
  }
  const base = answered[0]?.profile ?? '';
  const lines: ViewLine[] = [];
  for (const other of answered.slice(1)) {
    const changes = diff.filter((change) => change.profile === other.profile);
    if (changes.length === 0) {
      lines.push([{ text: `${other.profile} vs ${base}: the bodies are the same` }]);
      continue;
    }
    const more = truncated ? '+' : '';
    lines.push([
      {
        text: `${other.profile} vs ${base}: ${changes.length}${more} ${noun(changes.length, 'difference')}`,
        bold: true,
      },
    ]);
    for (const change of changes.slice(0, DIFF_LINES)) lines.push([diffSegment(change, width)]);
    if (changes.length > DIFF_LINES) {
      const rest = changes.length - DIFF_LINES;
      lines.push([{ text: `  … ${rest} more (keyhole compare --json shows all)`, dim: true }]);
    }
  }
  return lines;
}

function diffSegment(change: CompareDiffChange, width: number): Segment {
  const path = clean(change.path);
  const cut = (text: string) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  if (change.kind === 'added') {
    return { text: cut(`  + ${path}: ${short(change.after)}`), color: COLORS.ok };
  }
  if (change.kind === 'removed') {
    return { text: cut(`  - ${path}: ${short(change.before)}`), color: COLORS.danger };
  }
  return {
    text: cut(`  ~ ${path}: ${short(change.before)} → ${short(change.after)}`),
    color: COLORS.warn,
  };
}

/** A history entry as one line: time, method, path, status, ms. */
export function historyLine(entry: HistoryEntry): Segment[] {
  let target = entry.url;
  try {
    const url = new URL(entry.url);
    target = `${url.pathname}${url.search}`;
  } catch {
    // Shown as stored.
  }
  const status = entry.status === null ? 'ERR' : String(entry.status);
  const ms = entry.timing ? `${Math.round(entry.timing.totalMs)} ms` : '-';
  return [
    { text: `${localTime(entry.at)}  ${entry.method.padEnd(7)}` },
    {
      text: `${status.padEnd(4)}`,
      color: entry.status === null ? COLORS.danger : statusColor(entry.status),
    },
    { text: ` ${ms.padStart(7)}  ${clean(target)}` },
  ];
}

/** `2026-05-01 14:03:22` in the local time zone. */
function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

function clean(text: string): string {
  return sanitizeForTerminal(text).replace(/\s+/g, ' ');
}

/** A value on one line, at most 60 characters. */
function short(value: unknown): string {
  const text = clean(JSON.stringify(value) ?? 'undefined');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
