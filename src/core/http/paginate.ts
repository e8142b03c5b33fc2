/*
 * Walks a paged collection. Two conventions are understood:
 *  - RFC 8288 `Link: <…>; rel="next"` (GitHub, many others), preferred whenever present;
 *  - SailPoint's limit/offset query parameters, with the total in X-Total-Count when the request
 *    asks for it (count=true). The next offset is offset + limit, and a short page ends the walk.
 */
import { splitCredentials } from './credentials.js';
import { redactUrl } from './redact.js';
import { sanitizeForTerminal } from './terminal.js';
import type { OutgoingRequest, ResponseRecord } from './types.js';

/** One page as it arrives. */
export interface Page {
  /** 1-based. */
  readonly number: number;
  readonly response: ResponseRecord;
  /** The body when it is a JSON array, otherwise undefined. */
  readonly items: unknown[] | undefined;
  /** From X-Total-Count, when the server sent it. */
  readonly totalItems: number | null;
  /** Known with limit/offset and a total, or from a Link rel="last" with a page parameter. */
  readonly totalPages: number | null;
  /** The request for the following page; not null on the last page yielded means maxPages cut in. */
  readonly next: OutgoingRequest | null;
  /**
   * Why the walk stopped here although the server pointed further (a Link rel="next" that is
   * not a usable http(s) URL); null when it ended normally.
   */
  readonly stopped: string | null;
}

/** What onPage gets, enough for "page 3/7" on stderr. */
export interface PageInfo {
  readonly page: number;
  readonly totalPages: number | null;
  readonly totalItems: number | null;
}

export interface PaginateOptions {
  /** Pages fetched at most. @default 100 */
  readonly maxPages?: number;
  /** Sets `limit` on the first request when it has none, turning on limit/offset paging. */
  readonly pageSize?: number;
  /** Called as each page arrives, before it is yielded. */
  readonly onPage?: (info: PageInfo) => void;
}

/** @see PaginateOptions.maxPages */
export const DEFAULT_MAX_PAGES = 100;

interface LinkEntry {
  readonly url: string;
  readonly rels: readonly string[];
}

/** Parses an RFC 8288 Link header (one string or several). */
export function parseLinkHeader(value: string | readonly string[] | undefined): LinkEntry[] {
  if (value === undefined) return [];
  const text = typeof value === 'string' ? value : value.join(', ');
  const entries: LinkEntry[] = [];
  const link = /<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,\s]*))?)*)/g;
  for (const match of text.matchAll(link)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(match[2] ?? '');
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    entries.push({ url: match[1] ?? '', rels });
  }
  return entries;
}

function linkTo(page: ResponseRecord, base: URL, rel: string): URL | null {
  const target = linkTarget(page, base, rel);
  return target instanceof URL ? target : null;
}

/**
 * The URL of a Link relation; a string says why the one the server sent cannot be followed:
 * only http(s) is fetched (a `javascript:` or `file:` link is not an API page).
 */
function linkTarget(page: ResponseRecord, base: URL, rel: string): URL | string | null {
  const entry = parseLinkHeader(page.headers.link).find((item) => item.rels.includes(rel));
  if (entry === undefined) return null;
  const shown = sanitizeForTerminal(redactUrl(entry.url)).slice(0, 200);
  let url: URL;
  try {
    url = new URL(entry.url, base);
  } catch {
    return `its Link rel="${rel}" is not a URL: "${shown}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `its Link rel="${rel}" is not an http(s) URL: "${shown}"`;
  }
  return url;
}

function jsonArray(response: ResponseRecord): unknown[] | undefined {
  if (response.truncated) return undefined;
  try {
    const value: unknown = JSON.parse(response.body.toString('utf8'));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function count(value: string | string[] | undefined): number | null {
  const n = Number(typeof value === 'string' ? value : value?.[0]);
  return value !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function positive(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Yields the pages of a collection, starting with `first`, until the server says there are no
 * more, a page fails (it is yielded, then the walk stops), the same URL comes up twice, or
 * maxPages is reached. `send` is usually `(r) => sendRequest(r, options)`.
 */
export async function* paginate(
  first: OutgoingRequest,
  send: (request: OutgoingRequest) => Promise<ResponseRecord>,
  options: PaginateOptions = {},
): AsyncGenerator<Page, void, undefined> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  let request = first;
  if (options.pageSize !== undefined && URL.canParse(first.url)) {
    const start = new URL(first.url);
    if (!start.searchParams.has('limit')) start.searchParams.set('limit', String(options.pageSize));
    request = { ...first, url: start.href };
  }
  const seen = new Set<string>();
  const firstOrigin = URL.canParse(first.url) ? new URL(first.url).origin : null;

  for (let number = 1; ; number += 1) {
    seen.add(request.url);
    const response = await send(request);
    const url = new URL(request.url);
    const items = jsonArray(response);
    const totalItems = count(response.headers['x-total-count']);
    const limit = positive(url.searchParams.get('limit'));
    let totalPages: number | null = null;
    let next: URL | null = null;
    let stopped: string | null = null;

    const lastPage = positive(linkTo(response, url, 'last')?.searchParams.get('page') ?? null);
    if (lastPage !== null) totalPages = lastPage;
    if (limit !== null && totalItems !== null)
      totalPages = Math.max(1, Math.ceil(totalItems / limit));

    if (response.status >= 200 && response.status < 300) {
      const linked = linkTarget(response, url, 'next');
      next = linked instanceof URL ? linked : null;
      if (typeof linked === 'string') stopped = `page ${number}: ${linked}; stopped here`;
      else if (next === null && limit !== null) {
        const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
        const following = offset + limit;
        const more =
          totalItems !== null
            ? following < totalItems && (items === undefined || items.length > 0)
            : items !== undefined && items.length === limit;
        if (more) {
          next = new URL(url);
          next.searchParams.set('offset', String(following));
        }
      }
    }
    if (next !== null && seen.has(next.href)) next = null;

    // Same method, headers and body: SailPoint's POST /v3/search pages by limit/offset too. A Link
    // to another origin gets no credential header: the caller's were meant for the first origin.
    const nextRequest: OutgoingRequest | null =
      next === null
        ? null
        : {
            ...first,
            url: next.href,
            headers:
              next.origin === firstOrigin ? first.headers : splitCredentials(first.headers).kept,
          };
    options.onPage?.({ page: number, totalPages, totalItems });
    yield { number, response, items, totalItems, totalPages, next: nextRequest, stopped };
    if (nextRequest === null || number >= maxPages) return;
    request = nextRequest;
  }
}
