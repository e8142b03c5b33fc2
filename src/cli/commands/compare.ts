import { recordObservedCall } from '../../core/access/index.js';
import { matchOperation } from '../../core/catalog/index.js';
import {
  type CompareDiffChange,
  type CompareEntry,
  type CompareResult,
  compareProfiles,
  isMutating,
} from '../../core/compare/index.js';
import { UsageError } from '../../core/errors.js';
import { describeCaller } from '../../core/history/index.js';
import type { ProgressEvent } from '../../core/http/index.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import { TokenService } from '../../core/tokens/service.js';
import { terminalInteraction } from '../interaction.js';
import {
  note,
  plainText,
  type Printable,
  printJson,
  printLine,
  type Styled,
  styled,
  warn,
} from '../output.js';
import { bodyCutMessage } from './body-cut.js';
import { parseMethod } from './call-input.js';
import { catalogFor } from './catalog-for.js';
import { withSpecHeaders } from './spec-headers.js';
import { parseDuration, parseSize } from './limit-input.js';
import { type RequestOptions, parseProfileList, requestFromOptions } from './request-input.js';
import { reportSideFailure } from '../side-failures.js';
import { saveHistory } from './save-history.js';
import { wrap } from '../../core/text/wrap.js';
import { noun, plural } from '../../core/text/plural.js';

interface CompareOptions extends RequestOptions {
  maxSpecSize?: string;
  maxTime?: string;
  maxBody?: string;
  spec: string[];
  json?: boolean;
  yes?: boolean;
}

const RETRY_ON_429 = { maxWaitMs: 60_000, maxRetries: 3 };
/** Diff lines shown to a person; --json has them all. */
const DIFF_LINES = 40;

/**
 * `keyhole compare`: the same request with several profiles at once, side by side, then how the
 * bodies differ. Exit 0 when every request got a response, whatever its status; 1 when one could
 * not be sent or a body was cut by --max-body; 2 for usage errors, including a mutating method
 * without --yes.
 */
export async function compareCommand(
  profileList: string,
  methodText: string,
  path: string,
  options: CompareOptions,
): Promise<number> {
  const names = parseProfileList(
    profileList,
    2,
    'keyhole compare demo-api,demo-pat GET /v3/identities',
  );
  const method = parseMethod(methodText);
  if (isMutating(method) && !options.yes) {
    throw new UsageError(
      `${method} may change data, and compare sends it once per profile (${plural(names.length, 'time')})`,
      'Pass --yes to send it anyway.',
    );
  }
  const { request: written, timeoutMs } = await requestFromOptions(method, path, options);
  const deadlineMs = parseDuration('--max-time', options.maxTime);
  const maxBodyBytes = parseSize('--max-body', options.maxBody);
  const repository = new ProfileRepository();
  const profiles = names.map((name) => repository.get(name));
  const catalog = await catalogFor(profiles, options.spec, {
    forPath: new URL(path, 'http://x').pathname,
    maxSpecSize: options.maxSpecSize,
  });
  const operation = catalog
    ? matchOperation(catalog.operations, method, new URL(path, 'http://x').pathname)
    : undefined;
  const request = withSpecHeaders(written, operation, options.specHeaders !== false, 'compare');
  const tokens = new TokenService(repository.dir, repository.vault);

  const sentAt = new Date();
  const result = await compareProfiles(profiles, request, tokens, terminalInteraction(), {
    timeoutMs,
    deadlineMs,
    maxBodyBytes,
    operation: operation ?? null,
    retryOn429: RETRY_ON_429,
    proxyFromEnv: true,
    onProgress: (event: ProgressEvent) => {
      if (event.type === 'retry') note(`${event.reason}`);
    },
  });
  for (const [index, entry] of result.results.entries()) {
    const profile = profiles[index];
    if (!profile) continue;
    const outcome = entry.call
      ? { result: entry.call }
      : { error: new Error(entry.error?.message) };
    await saveHistory(profile, request, { ...outcome, at: sentAt });
    if (catalog && entry.call) {
      await recordObservedCall(catalog.operations, {
        profile: profile.name,
        method,
        path: new URL(entry.call.url).pathname,
        status: entry.call.response.status,
      }).catch((error: unknown) => reportSideFailure('the observation was not saved', error));
    }
  }

  if (options.json) {
    printJson({
      method,
      url: result.results.find((r) => r.call)?.call?.response.request.url ?? null,
      results: result.results.map(({ call: _call, ...entry }) => entry),
      diff: result.diff,
      diffTruncated: result.diffTruncated,
    });
  } else {
    printColumns(result.results);
    printLine();
    printDiff(result);
  }
  // A diff of cut bodies compares beginnings only: said on stderr, and not a success.
  for (const entry of result.results) {
    const limit = entry.call?.response.bodyLimitBytes;
    if (entry.truncated && limit !== undefined) warn(`${entry.profile}: ${bodyCutMessage(limit)}`);
  }
  return result.results.some((entry) => entry.error || entry.truncated) ? 1 : 0;
}

/** One column per profile; long cells wrap within their column. */
function printColumns(entries: readonly CompareEntry[]): void {
  const labels = ['', 'status', 'time', 'who', 'authorities', 'explanation', 'next step'];
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const columns = process.stdout.columns ?? 120;
  const width = Math.max(
    18,
    Math.min(44, Math.floor((columns - labelWidth - 2) / entries.length) - 2),
  );
  const cells = entries.map((entry) => columnOf(entry));
  for (const [row, label] of labels.entries()) {
    const wrapped = cells.map((column) => wrap(column[row]?.text ?? '', width));
    const height = Math.max(1, ...wrapped.map((lines) => lines.length));
    for (let line = 0; line < height; line += 1) {
      const parts = wrapped.map((lines, column): string | Styled => {
        const text = (lines[line] ?? '').padEnd(width);
        const style = cells[column]?.[row]?.style;
        return style && text.trim() !== '' ? styled(style, text) : text;
      });
      const head = line === 0 ? label : '';
      const pieces = withoutTrailingBlanks([styled('dim', head.padEnd(labelWidth)), ...parts]);
      printLine(row === 0 ? styled('bold', pieces) : pieces);
    }
  }
}

/** The cells joined by two spaces, with no blanks at the end of the line. */
function withoutTrailingBlanks(cells: readonly (string | Styled)[]): Printable[] {
  const text = (cell: string | Styled) => (typeof cell === 'string' ? cell : plainText(cell.text));
  let end = cells.length;
  while (end > 1 && text(cells[end - 1] ?? '').trim() === '') end -= 1;
  return cells.slice(0, end).flatMap((cell, i): Printable[] => {
    const last = i === end - 1;
    const trimmed = !last
      ? cell
      : typeof cell === 'string'
        ? cell.trimEnd()
        : styled(cell.style, text(cell).trimEnd());
    return i === 0 ? [trimmed] : ['  ', trimmed];
  });
}

type Cell = { text: string; style?: 'red' | 'green' | 'yellow' | 'dim' | 'bold' };

function columnOf(entry: CompareEntry): Cell[] {
  // Cells are wrapped to a width, so they are measured as the terminal will show them.
  const clean = (text: string) => plainText(text).replace(/\s+/g, ' ');
  if (entry.error) {
    return [
      { text: entry.profile, style: 'bold' },
      { text: 'not sent', style: 'red' },
      { text: '-' },
      { text: '-' },
      { text: '-' },
      { text: clean(entry.error.message), style: 'red' },
      { text: clean(entry.error.hint ?? '') },
    ];
  }
  const status = entry.status ?? 0;
  const statusText = entry.call?.response.statusText ?? '';
  return [
    { text: entry.profile, style: 'bold' },
    { text: `${status} ${clean(statusText)}`.trim(), style: status < 400 ? 'green' : 'red' },
    { text: entry.timing ? `${Math.round(entry.timing.totalMs)} ms` : '-' },
    { text: clean(describeCaller(entry.identity)) },
    { text: clean(entry.identity?.authorities.join(', ') || '-') },
    entry.explanation
      ? { text: clean(entry.explanation.summary), style: 'red' }
      : { text: '-', style: 'dim' },
    { text: clean(entry.explanation?.nextStep ?? '') },
  ];
}

function printDiff(result: CompareResult): void {
  const answered = result.results.filter((entry) => entry.call);
  if (answered.length < 2) {
    printLine(styled('dim', 'no bodies to compare: fewer than two responses'));
    return;
  }
  const base = answered[0]?.profile ?? '';
  for (const other of answered.slice(1)) {
    const changes = result.diff.filter((change) => change.profile === other.profile);
    if (changes.length === 0) {
      printLine(`${other.profile} vs ${base}: the bodies are the same`);
      continue;
    }
    printLine(
      styled(
        'bold',
        `${other.profile} vs ${base}: ${changes.length}${result.diffTruncated ? '+' : ''} ${noun(changes.length, 'difference')}`,
      ),
    );
    for (const change of changes.slice(0, DIFF_LINES)) printLine(`  ${diffLine(change)}`);
    if (changes.length > DIFF_LINES) {
      printLine(styled('dim', `  … ${changes.length - DIFF_LINES} more (--json shows all)`));
    }
  }
}

function diffLine(change: CompareDiffChange): Printable {
  const path = change.path;
  if (change.kind === 'added') return styled('green', `+ ${path}: ${short(change.after)}`);
  if (change.kind === 'removed') return styled('red', `- ${path}: ${short(change.before)}`);
  return styled('yellow', `~ ${path}: ${short(change.before)} → ${short(change.after)}`);
}

/** A value on one line, at most 60 characters. */
function short(value: unknown): string {
  const text = plainText(JSON.stringify(value) ?? 'undefined').replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
