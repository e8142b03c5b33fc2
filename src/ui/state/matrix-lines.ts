import { PREDICTION_DISCLAIMER } from '../../core/access/index.js';
import { sanitizeForTerminal } from '../../core/http/terminal.js';
import {
  type AccessMatrix,
  type MatrixCell,
  cellAgrees,
  cellText,
} from '../../core/matrix/build.js';
import type { MatrixState } from '../../core/session/index.js';
import { plural } from '../../core/text/plural.js';
import { wrap } from '../../core/text/wrap.js';
import { COLORS, VERDICT_COLOR } from '../theme.js';
import type { Segment, ViewLine } from './view-lines.js';

const METHOD_WIDTH = 7;
/** A path column narrower than this is not worth it: each path gets a line of its own instead. */
const MIN_PATH_COLUMN = 20;

/**
 * The matrix: operations down, profiles across, then the probe's progress and a legend. Paths
 * are never cut (two cut paths could read the same): the path column gets the room of the
 * longest path, or paths wrap in it, or, when the profiles take the width, each path gets a line
 * of its own with the cells under it. Profile names too long for their columns become #1, #2…
 * with a key above the table. A column of nothing but `?` says why under the table.
 */
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
  const { matrix, search } = state;
  const filter = search === '' ? 'every endpoint' : `endpoints matching "${clean(search)}"`;
  const lines: ViewLine[] = wrapped(
    `${plural(matrix.rows.length, 'operation')} (${filter}) × ${plural(matrix.profiles.length, 'profile')}`,
    width,
  );
  lines.push(...probeLines(state.probe, width));
  lines.push([]);
  if (matrix.rows.length === 0) {
    return [...lines, [{ text: 'No operations match the filter.', dim: true }]];
  }
  lines.push(...table(matrix, width));
  lines.push(...unknownColumns(matrix, width));
  lines.push([]);
  lines.push(
    ...wrapped(
      '✓ allowed  ✗ denied  ? unknown (predicted); a number is the observed status; ! disagrees',
      width,
      true,
    ),
  );
  lines.push(...wrapped(PREDICTION_DISCLAIMER, width, true));
  return lines;
}

function probeLines(probe: Extract<MatrixState, { status: 'ready' }>['probe'], width: number) {
  if (probe === null) {
    return wrapped(
      'P probes: sends only GETs without path parameters, with each profile',
      width,
      true,
    );
  }
  if (probe.running) {
    const p = probe.progress;
    const text = p
      ? `probing ${p.index}/${p.total} GET ${clean(p.path)} as ${p.profile}…`
      : 'probing…';
    return wrapped(text, width, false, COLORS.accent);
  }
  const left =
    probe.withoutToken && probe.withoutToken.length > 0
      ? `; not probed, without a token: ${probe.withoutToken.join(', ')}`
      : '';
  if (probe.nothing) {
    return wrapped(`nothing to probe: ${clean(probe.nothing)}${left}`, width, false, COLORS.warn);
  }
  const failed = probe.failed > 0 ? `, ${probe.failed} without a usable status` : '';
  const sent = `probed ${plural(probe.sent, 'request')}${failed}${left}`;
  return wrapped(sent, width, false, COLORS.ok);
}

/** The header and one row (or more, when a path wraps) per operation. */
function table(matrix: AccessMatrix, width: number): ViewLine[] {
  const names = matrix.profiles;
  const texts = matrix.rows.map((row) => names.map((name) => cellText(row.cells[name])));
  const cellWidth = names.map((_, i) => Math.max(1, ...texts.map((t) => (t[i] ?? '').length)));
  // An experimental operation (sent with X-SailPoint-Experimental: true) says so after its path.
  const paths = matrix.rows.map((row) => `${clean(row.path)}${row.experimental ? ' exp' : ''}`);
  const longest = Math.max(4, ...paths.map((p) => p.length));
  const room = (widths: readonly number[]) =>
    width - METHOD_WIDTH - 1 - widths.reduce((sum, w) => sum + w + 2, 0);
  const named = names.map((name, i) => Math.max(name.length, cellWidth[i] ?? 1));
  const byName = room(named) >= Math.min(longest, MIN_PATH_COLUMN);
  const labels = byName ? names : names.map((_, i) => `#${i + 1}`);
  const widths = labels.map((label, i) => Math.max(label.length, cellWidth[i] ?? 1));
  const lines: ViewLine[] = [];
  if (!byName) {
    const key = names.map((name, i) => `#${i + 1} ${clean(name)}`);
    lines.push(...pack(['profiles:', ...key], width).map((text) => [{ text, dim: true }]));
  }
  const pathColumn = Math.min(longest, room(widths));
  if (pathColumn >= Math.min(longest, MIN_PATH_COLUMN)) {
    // Side by side: the path column as wide as the longest path, or wrapped in it.
    const head = labels.map((l, i) => `  ${l.padEnd(widths[i] ?? 1)}`).join('');
    lines.push([
      { text: `${'METHOD'.padEnd(METHOD_WIDTH)} ${'PATH'.padEnd(pathColumn)}${head}`, bold: true },
    ]);
    for (const [r, row] of matrix.rows.entries()) {
      const parts = breakPath(paths[r] ?? '', pathColumn);
      for (const [at, part] of parts.entries()) {
        const method = at === 0 ? row.method : '';
        const lead = { text: `${method.padEnd(METHOD_WIDTH)} ${part.padEnd(pathColumn)}` };
        lines.push(at === 0 ? [lead, ...cells(row.cells, names, widths, texts[r] ?? [])] : [lead]);
      }
    }
    return lines;
  }
  // Stacked: each path whole on its own line(s), its cells on the line below, in groups that fit.
  const groups = columnGroups(widths, width - 2);
  for (const group of groups) {
    const head = group.map((i) => ` ${(labels[i] ?? '').padEnd(widths[i] ?? 1)}`).join('');
    lines.push([{ text: ` ${head}`, bold: true }]);
  }
  for (const [r, row] of matrix.rows.entries()) {
    for (const part of breakPath(`${row.method} ${paths[r] ?? ''}`, width)) {
      lines.push([{ text: part }]);
    }
    for (const group of groups) {
      const shown = group.map((i) => i);
      lines.push([
        { text: ' ' },
        ...cells(
          row.cells,
          shown.map((i) => names[i] ?? ''),
          shown.map((i) => widths[i] ?? 1),
          shown.map((i) => texts[r]?.[i] ?? ''),
          1,
        ),
      ]);
    }
  }
  return lines;
}

function cells(
  row: Record<string, MatrixCell>,
  names: readonly string[],
  widths: readonly number[],
  texts: readonly string[],
  gap = 2,
): Segment[] {
  return names.map((name, i) => ({
    text: `${' '.repeat(gap)}${(texts[i] ?? '').padEnd(widths[i] ?? 1)}`,
    color: cellColor(row[name]),
  }));
}

/** Items on as few lines as fit, two spaces apart, an item never split unless it is too long. */
function pack(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const item of items) {
    if (current !== '' && current.length + 2 + item.length <= width) current += `  ${item}`;
    else {
      if (current !== '') lines.push(current);
      current = item;
    }
  }
  if (current !== '') lines.push(current);
  return lines.flatMap((line) => breakPath(line, width));
}

/** Column indexes in runs whose cells (each with a one-space gap) fit in `width`. */
function columnGroups(widths: readonly number[], width: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let used = 0;
  for (const [i, w] of widths.entries()) {
    if (current.length > 0 && used + w + 1 > width) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(i);
    used += w + 1;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A path in pieces of at most `width`, broken after a `/` where one is near the end. */
export function breakPath(path: string, width: number): string[] {
  const parts: string[] = [];
  let rest = path;
  while (rest.length > width) {
    const slash = rest.lastIndexOf('/', width - 1);
    const cut = slash >= Math.floor(width / 2) ? slash + 1 : width;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

/** For every profile whose column is all `?`, the reason its cells give. */
function unknownColumns(matrix: AccessMatrix, width: number): ViewLine[] {
  const lines: ViewLine[] = [];
  for (const name of matrix.profiles) {
    const column = matrix.rows.map((row) => row.cells[name]);
    const allUnknown = column.every((cell) => cell?.verdict === 'unknown' && !cell.observed);
    if (!allUnknown) continue;
    const reason = column[0]?.reasons[0] ?? 'no reason given';
    lines.push(...wrapped(`${name}: all ? because ${clean(reason)}`, width, false, COLORS.warn));
  }
  return lines.length > 0 ? [[], ...lines] : lines;
}

function cellColor(cell: MatrixCell | undefined): string | undefined {
  if (!cell) return undefined;
  if (cellAgrees(cell) === false || cell.error) return COLORS.warn;
  return VERDICT_COLOR[cell.verdict];
}

function wrapped(text: string, width: number, dim = false, color?: string): ViewLine[] {
  return wrap(text, width).map((line) => [{ text: line, dim, ...(color ? { color } : {}) }]);
}

function clean(text: string): string {
  return sanitizeForTerminal(text).replace(/\s+/g, ' ');
}
