import type { ServerResponse } from 'node:http';
import { badRequest } from '../errors.js';
import { sendJson } from '../http.js';

/** SailPoint's list limits: 250 items by default and at most. */
export const MAX_LIMIT = 250;

export interface Paging {
  readonly limit: number;
  readonly offset: number;
  readonly count: boolean;
}

function integer(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max) {
    throw badRequest(`${name}: must be an integer from 0 to ${max}, got "${raw}"`);
  }
  return value;
}

/** Reads `limit`, `offset` and `count`; out-of-range values are a 400, as with SailPoint. */
export function readPaging(url: URL): Paging {
  const count = url.searchParams.get('count');
  if (count !== null && count !== 'true' && count !== 'false') {
    throw badRequest(`count: must be true or false, got "${count}"`);
  }
  return {
    limit: integer(url, 'limit', MAX_LIMIT, MAX_LIMIT),
    offset: integer(url, 'offset', 0, Number.MAX_SAFE_INTEGER),
    count: count === 'true',
  };
}

/** Sends one page of `items`, with X-Total-Count when the caller asked for `count=true`. */
export function sendPage<T>(res: ServerResponse, items: readonly T[], paging: Paging): void {
  const page = items.slice(paging.offset, paging.offset + paging.limit);
  sendJson(res, 200, page, paging.count ? { 'X-Total-Count': `${items.length}` } : {});
}
