import type { CallRequest } from '../call/execute.js';
import { type CatalogOperation, matchOperation } from '../catalog/index.js';
import { parseCurl } from '../curl/index.js';
import { type HistoryEntry, historyToCallRequest } from '../history/index.js';
import type { Profile } from '../profiles/schema.js';
import { type RequestDraft, draftFromCallRequest } from './request.js';

/** A request brought in from elsewhere, and what to tell the user; or why it was refused. */
export type ImportedDraft =
  | { readonly draft: RequestDraft; readonly message: string; readonly warnings: string[] }
  | { readonly refused: string };

/** A history entry as a draft; an entry whose URL is not under the base URL is refused. */
export function draftFromHistory(
  entry: HistoryEntry,
  profile: Pick<Profile, 'name' | 'baseUrl'>,
  operations: readonly CatalogOperation[],
): ImportedDraft {
  const { request, warnings } = historyToCallRequest(entry, profile.baseUrl);
  if (/^https?:/i.test(request.path)) {
    return { refused: `${entry.url} is not under ${profile.name}'s base URL: not put back` };
  }
  // Nothing is sent here: the entry only fills the request, so the words must not say "replayed".
  const message = `put back ${entry.method} from ${entry.at} into the request (not sent yet)`;
  return { draft: toDraft(request, operations), message, warnings };
}

/**
 * A pasted curl command as a draft. A URL of another origin (or outside the base URL's path) is
 * refused: the profile's token goes only to its own origin.
 *
 * @throws UsageError when the text is not a curl command.
 */
export function draftFromCurl(
  text: string,
  profile: Pick<Profile, 'baseUrl'>,
  operations: readonly CatalogOperation[],
): ImportedDraft {
  const parsed = parseCurl(text, { baseUrl: profile.baseUrl });
  if (!parsed.relative) {
    return {
      refused: `${parsed.url} is not under ${profile.baseUrl}: not imported (the token goes only to its own origin)`,
    };
  }
  const message = 'imported the curl command';
  return { draft: toDraft(parsed.request, operations), message, warnings: parsed.warnings };
}

/** Splits a query string off the path and links the catalog operation the request matches. */
function toDraft(request: CallRequest, operations: readonly CatalogOperation[]): RequestDraft {
  const [path = '/', search] = request.path.split('?', 2);
  const query = [...new URLSearchParams(search ?? '').entries(), ...(request.query ?? [])];
  const operation = matchOperation(operations, request.method, path) ?? null;
  return draftFromCallRequest({ ...request, path, query }, operation);
}
