import { ACCESS_ITEM_TYPES, findAccessItem, type AccessItemType } from '../data/catalog.js';
import { findIdentity } from '../data/identities.js';
import { badRequest } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import type { RequestedItem } from './access-request-ledger.js';
import type { ApiHandler } from './types.js';

/** SailPoint caps one request at 25 items. */
const MAX_ITEMS = 25;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readRequestedFor(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest('requestedFor: must be a non-empty array of identity ids');
  }
  return value.map((id, index) => {
    if (typeof id !== 'string') throw badRequest(`requestedFor[${index}]: must be a string`);
    if (!findIdentity(id)) throw badRequest(`requestedFor[${index}]: no identity has id "${id}"`);
    return id;
  });
}

function readItem(value: unknown, index: number): RequestedItem {
  const where = `requestedItems[${index}]`;
  if (!isRecord(value)) throw badRequest(`${where}: must be an object with type and id`);
  const { type, id } = value;
  if (typeof type !== 'string' || !ACCESS_ITEM_TYPES.includes(type as AccessItemType)) {
    throw badRequest(`${where}.type: must be one of ${ACCESS_ITEM_TYPES.join(', ')}`);
  }
  if (typeof id !== 'string' || id === '') throw badRequest(`${where}.id: must be a string`);
  if (!findAccessItem(type as AccessItemType, id)) {
    throw badRequest(`${where}.id: no ${type} has id "${id}"`);
  }
  return { type: type as AccessItemType, id };
}

function readRequestedItems(value: unknown): RequestedItem[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest('requestedItems: must be a non-empty array');
  }
  if (value.length > MAX_ITEMS) {
    throw badRequest(`requestedItems: at most ${MAX_ITEMS} items per request`);
  }
  return value.map(readItem);
}

/** POST /v3/access-requests: validated as SailPoint does, then recorded; the answer is 202. */
export const createAccessRequest: ApiHandler = async (context, { req }, res) => {
  const body = await readJson(req);
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  const requestType = body.requestType ?? 'GRANT_ACCESS';
  if (requestType !== 'GRANT_ACCESS' && requestType !== 'REVOKE_ACCESS') {
    throw badRequest('requestType: must be GRANT_ACCESS or REVOKE_ACCESS');
  }
  const requestedFor = readRequestedFor(body.requestedFor);
  const items = readRequestedItems(body.requestedItems);
  if (requestType === 'REVOKE_ACCESS' && requestedFor.length > 1) {
    throw badRequest('requestedFor: a REVOKE_ACCESS request names exactly one identity');
  }
  sendJson(res, 202, context.accessRequests.submit(requestType, requestedFor, items));
};
