import { IDENTITIES, type DemoIdentity } from '../data/identities.js';
import { badRequest } from '../errors.js';
import { readJson } from '../http.js';
import { readPaging, sendPage } from './paging.js';
import type { ApiHandler } from './types.js';

/** An identity as the search index returns it (a subset of SailPoint's IdentityDocument). */
function toDocument(identity: DemoIdentity) {
  const { attributes } = identity;
  return {
    id: identity.id,
    name: identity.name,
    displayName: attributes.displayName,
    firstName: attributes.firstname,
    lastName: attributes.lastname,
    email: identity.emailAddress,
    created: identity.created,
    modified: identity.modified,
    inactive: identity.identityStatus !== 'ACTIVE',
    protected: false,
    manager: identity.managerRef && { id: identity.managerRef.id, name: identity.managerRef.name },
    attributes,
    _type: 'identity',
    type: 'identity',
    _version: 'v7',
  };
}

type Document = ReturnType<typeof toDocument>;

const FIELDS: Record<string, (doc: Document) => string> = {
  id: (doc) => doc.id,
  name: (doc) => doc.name,
  displayName: (doc) => doc.displayName,
  firstName: (doc) => doc.firstName,
  lastName: (doc) => doc.lastName,
  email: (doc) => doc.email,
  'attributes.department': (doc) => doc.attributes.department,
  department: (doc) => doc.attributes.department,
};

const FREE_TEXT = ['name', 'displayName', 'email', 'department'] as const;

const TERM = /\s*(?:([A-Za-z.]+):)?(?:"([^"]*)"|([^\s"]+))/y;

/**
 * A sliver of Elasticsearch's query_string, enough to try search from a terminal: terms joined
 * by spaces or AND must all match; `field:value` compares one field, with a trailing `*` as a
 * prefix match; a bare word matches inside name, display name, email or department.
 */
function parseQuery(query: string): (doc: Document) => boolean {
  const tests: ((doc: Document) => boolean)[] = [];
  TERM.lastIndex = 0;
  while (!/^\s*$/.test(query.slice(TERM.lastIndex))) {
    const match = TERM.exec(query);
    if (!match) throw badRequest(`query: cannot parse "${query}"`);
    const [, field, quoted, bare] = match;
    const value = (quoted ?? bare ?? '').toLowerCase();
    if (!field && (value === 'and' || value === '*')) continue;
    const prefix = quoted === undefined && value.endsWith('*');
    const wanted = prefix ? value.slice(0, -1) : value;
    if (field) {
      const read = FIELDS[field];
      if (!read) throw badRequest(`query: unsupported field "${field}"`);
      tests.push((doc) => {
        const actual = read(doc).toLowerCase();
        return prefix ? actual.startsWith(wanted) : actual === wanted;
      });
    } else {
      tests.push((doc) =>
        FREE_TEXT.some((name) => FIELDS[name]?.(doc).toLowerCase().includes(wanted)),
      );
    }
  }
  return (doc) => tests.every((test) => test(doc));
}

/** POST /v3/search over the `identities` index, the only one the demo has. */
export const searchPost: ApiHandler = async (_context, { req, url }, res) => {
  const paging = readPaging(url);
  const body = await readJson(req);
  const { indices, query } = (body ?? {}) as { indices?: unknown; query?: { query?: unknown } };
  if (!Array.isArray(indices) || indices.length === 0 || indices.some((i) => i !== 'identities')) {
    throw badRequest('indices: the demo tenant searches only ["identities"]');
  }
  if (query !== undefined && (typeof query !== 'object' || query === null)) {
    throw badRequest('query: must be an object such as {"query": "name:jane*"}');
  }
  const text = query?.query ?? '*';
  if (typeof text !== 'string') throw badRequest('query.query: must be a string');
  const matches = parseQuery(text);
  sendPage(res, IDENTITIES.map(toDocument).filter(matches), paging);
};
