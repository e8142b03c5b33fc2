import { PREDICTION_DISCLAIMER } from '../../core/access/index.js';
import type { CompareDiffChange, CompareEntry } from '../../core/compare/index.js';
import type { HistoryEntry } from '../../core/history/index.js';
import { sanitizeForTerminal } from '../../core/http/index.js';
import { cellAgrees, type MatrixCell } from '../../core/matrix/index.js';
import type { CompareState, MatrixState } from '../../core/session/index.js';
import { COLORS, VERDICT_COLOR, VERDICT_MARK, statusColor } from '../theme.js';
import { wrap } from '../../core/text/wrap.js';
import { noun, plural } from '../../core/text/plural.js';

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

/** The matrix: operations down, profiles across, then the probe's progress and a legend. */
export function matrixLines(state: MatrixState, width: number): ViewLine[] {
  switch (state.status) {
    case 'idle':
    case 'loading':
      return [[{ text: "building the matrix (getting each profile's token)…" }]];
    case 'error':
      return [[{ text: `matrix failed: ${clean(state.message)}`, color: COLORS.danger }]];
    case 'ready':
      break;
  }
  const { matrix, probe, search } = state;
  const lines: ViewLine[] = [];
  const filter = search === '' ? 'every endpoint' : `endpoints matching "${clean(search)}"`;
  lines.push([
    {
      text: `${plural(matrix.rows.length, 'operation')} (${filter}) × ${plural(matrix.profiles.length, 'profile')}`,
    },
  ]);
  if (probe === null) {
    lines.push([
      { text: 'P probes: sends only GETs without path parameters, with each profile', dim: true },
    ]);
  } else if (probe.running) {
    const p = probe.progress;
    lines.push([
      {
        text: p
          ? `probing ${p.index}/${p.total} GET ${clean(p.path)} as ${p.profile}…`
          : 'probing…',
        color: COLORS.accent,
      },
    ]);
  } else {
    const failed = probe.failed > 0 ? `, ${probe.failed} without a usable status` : '';
    lines.push([
      {
        text: `probed ${plural(probe.sent, 'request')}${failed}`,
        color: COLORS.ok,
      },
    ]);
  }
  lines.push([]);
  if (matrix.rows.length === 0)
    return [...lines, [{ text: 'No operations match the filter.', dim: true }]];
  const colWidths = matrix.profiles.map((profile) => Math.max(profile.length, 8));
  const pathWidth = Math.max(12, width - 8 - colWidths.reduce((sum, w) => sum + w + 2, 0));
  const fit = (text: string, w: number) =>
    text.length > w ? `${text.slice(0, w - 1)}…` : text.padEnd(w);
  lines.push([
    {
      text: `${'METHOD'.padEnd(7)} ${fit('PATH', pathWidth)}${matrix.profiles.map((p, i) => `  ${p.padEnd(colWidths[i] ?? 8)}`).join('')}`,
      bold: true,
    },
  ]);
  for (const row of matrix.rows) {
    lines.push([
      { text: `${row.method.padEnd(7)} ${fit(clean(row.path), pathWidth)}` },
      ...matrix.profiles.map((profile, i) => {
        const cell = row.cells[profile];
        return { text: `  ${cellText(cell).padEnd(colWidths[i] ?? 8)}`, color: cellColor(cell) };
      }),
    ]);
  }
  lines.push([]);
  lines.push([
    {
      text: '✓ allowed  ✗ denied  ? unknown (predicted); a number is the observed status; ! disagrees',
      dim: true,
    },
  ]);
  lines.push(...wrap(PREDICTION_DISCLAIMER, width).map((text) => [{ text, dim: true }]));
  return lines;
}

function cellText(cell: MatrixCell | undefined): string {
  if (!cell) return '';
  const parts: string[] = [VERDICT_MARK[cell.verdict]];
  if (cell.observed) parts.push(String(cell.observed.status));
  else if (cell.error) parts.push('ERR');
  if (cellAgrees(cell) === false) parts.push('!');
  return parts.join(' ');
}

function cellColor(cell: MatrixCell | undefined): string | undefined {
  if (!cell) return undefined;
  if (cellAgrees(cell) === false || cell.error) return COLORS.warn;
  return VERDICT_COLOR[cell.verdict];
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
