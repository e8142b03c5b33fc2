import { IDENTITIES, findIdentity } from '../data/identities.js';
import { notFound } from '../errors.js';
import { sendJson } from '../http.js';
import { parseIdentityFilter } from './filters.js';
import { readPaging, sendPage } from './paging.js';
import type { ApiHandler } from './types.js';

/** GET /v3/identities: paged, with `count=true` and a subset of `filters`. */
export const listIdentities: ApiHandler = (_context, { url }, res) => {
  const paging = readPaging(url);
  const filters = url.searchParams.get('filters');
  const matching = filters ? IDENTITIES.filter(parseIdentityFilter(filters)) : IDENTITIES;
  sendPage(res, matching, paging);
};

/** GET /v3/identities/{id} */
export const getIdentity: ApiHandler = (_context, { params }, res) => {
  const identity = findIdentity(params.id ?? '');
  if (!identity) throw notFound();
  sendJson(res, 200, identity);
};
