import { UsageError } from '../../core/errors.js';
import { readHistory } from '../../core/history/index.js';
import { PROFILE_NAME_PATTERN } from '../../core/profiles/schema.js';
import { note, printJson, printTable, styled } from '../output.js';

interface HistoryOptions {
  limit?: string;
  json?: boolean;
}

/** Entries shown when --limit is not given. */
const DEFAULT_LIMIT = 50;

/** `keyhole history`: the requests `call` and `compare` made, newest first. */
export async function historyCommand(
  profile: string | undefined,
  options: HistoryOptions,
): Promise<void> {
  const limit = options.limit === undefined ? DEFAULT_LIMIT : Number(options.limit);
  if (!(Number.isInteger(limit) && limit > 0)) {
    throw new UsageError(`--limit: "${options.limit}" is not a positive whole number`);
  }
  if (profile !== undefined && !PROFILE_NAME_PATTERN.test(profile)) {
    throw new UsageError(`"${profile}" is not a profile name`);
  }
  const entries = readHistory(profile, limit);
  if (options.json) return printJson(entries);
  if (entries.length === 0) {
    note(profile ? `No history for "${profile}".` : 'No history yet.');
    return;
  }
  printTable(
    ['TIME', 'PROFILE', 'METHOD', 'URL', 'STATUS', 'MS'],
    entries.map((entry) => [
      localTime(entry.at),
      entry.profile,
      entry.method,
      entry.url,
      entry.status === null ? 'ERR' : String(entry.status),
      entry.timing ? String(Math.round(entry.timing.totalMs)) : '-',
    ]),
    (row, column, padded) => {
      if (column !== 4) return padded;
      const status = entries[row]?.status ?? null;
      return styled(status !== null && status < 400 ? 'green' : 'red', padded);
    },
  );
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
