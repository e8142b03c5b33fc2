import { describe, expect, it } from 'vitest';
import type { CatalogOperation } from '../../src/core/catalog/types.js';
import type { HistoryEntry } from '../../src/core/history/index.js';
import type { Profile } from '../../src/core/profiles/schema.js';
import {
  type CatalogState,
  type SessionProfile,
  type TokenState,
  auditForSession,
  planForSession,
} from '../../src/core/session/index.js';
import { scopeAuditLines } from '../../src/ui/state/scope-audit-lines.js';
import { scopePlanLines } from '../../src/ui/state/scope-plan-lines.js';
import { tableLines, textLines } from '../../src/ui/state/text-table.js';
import type { ViewLine } from '../../src/ui/state/view-lines.js';
import { PAT } from '../support/identities.js';

/** An operation of the demo's shape: SailPoint's user and app schemes, its user levels. */
function op(
  id: string,
  operationId: string,
  scopes: string[],
  userLevels: string[],
  app: boolean,
): CatalogOperation {
  const [method, path] = id.split(' ') as [CatalogOperation['method'], string];
  return {
    id,
    method,
    path,
    specPath: path,
    operationId,
    summary: '',
    description: '',
    tags: [],
    security: [{ userAuth: scopes }, ...(app ? [{ applicationAuth: scopes }] : [])],
    securityInherited: false,
    userLevels,
    pathParams: [],
    queryParams: [],
    headerParams: [],
    experimental: false,
    requestBodyType: null,
  } as unknown as CatalogOperation;
}

const OPERATIONS = [
  op(
    'GET /v3/identities',
    'listIdentities',
    ['idn:identity:read', 'idn:identity:manage'],
    ['ORG_ADMIN', 'HELPDESK'],
    true,
  ),
  op(
    'GET /beta/workflows',
    'listWorkflows',
    ['sp:workflow:read', 'sp:workflow:manage'],
    ['ORG_ADMIN'],
    false,
  ),
];
const CATALOG: CatalogState = {
  status: 'ready',
  operations: OPERATIONS,
  warnings: [],
  convertedFrom: [],
  webhooks: 0,
  specs: new Map(),
};
const PROFILE = {
  name: 'acme-pat',
  kind: 'pat',
  preset: 'generic',
} as unknown as Profile;
const CURRENT: SessionProfile = {
  id: 'saved:acme-pat',
  profile: PROFILE,
  origin: 'saved',
  grants: [],
};
const TOKEN: TokenState = {
  status: 'ready',
  identity: PAT,
  origin: 'fresh',
  obtainedAt: 0,
  authorization: 'Bearer x',
  response: {},
} as unknown as TokenState;
const NO_TOKEN: TokenState = { status: 'none', message: null };

/** The lines as the screen shows them, each line's segments joined. */
const texts = (lines: readonly ViewLine[]) => lines.map((line) => line.map((s) => s.text).join(''));

function entry(at: string, url: string, status: number): HistoryEntry {
  return { method: 'GET', url, status, at } as unknown as HistoryEntry;
}

describe('the scopes plan view', () => {
  it('says what `keyhole scopes plan` says, worked out by hand for two demo operations', () => {
    const outcome = planForSession(CURRENT, CATALOG, NO_TOKEN, [
      'GET /v3/identities',
      'GET /beta/workflows',
    ]);
    expect(outcome.status).toBe('ready');
    const lines = texts(scopePlanLines(outcome, 120));
    expect(lines.slice(0, 4)).toEqual([
      'Scopes for 2 operations: 2 scopes (the fewest, proved)',
      'rule: any one listed scope (SailPoint)',
      "credential: a user's: 1 operation needs a user, so use a PAT (an API key cannot)",
      'user level: ORG_ADMIN (enough for every operation here)',
    ]);
    expect(lines).toContain('idn:identity:read  GET /v3/identities');
    expect(lines).toContain('sp:workflow:read   GET /beta/workflows');
    expect(lines.find((l) => l.startsWith('GET     /beta/workflows'))).toMatch(
      /listWorkflows\s+sp:workflow:manage sp:workflow:read\s+yes\s+ORG_ADMIN$/,
    );
  });

  it('narrows the widest column of a table too wide for the view: its cells wrap, aligned', () => {
    const row = ['x'.repeat(10), 'one two three four five six'];
    expect(texts(tableLines(['A', 'B'], [row], 30))).toEqual([
      'A           B',
      'xxxxxxxxxx  one two three four',
      '            five six',
    ]);
    expect(texts(tableLines(['A', 'B'], [row], 80))[1]).toBe(
      'xxxxxxxxxx  one two three four five six',
    );
    expect(texts(textLines('short', 20))).toEqual(['short']);
    expect(texts(textLines('one two three', 10))).toEqual(['one two', '    three']);
  });

  it('says why there is no plan: specs loading, marks not in the specs', () => {
    const loading = planForSession(CURRENT, { status: 'loading', progress: [] }, NO_TOKEN, ['x']);
    expect(texts(scopePlanLines(loading, 100))).toEqual([
      'No plan: the specs are still loading: try again in a moment.',
    ]);
    const missing = planForSession(CURRENT, CATALOG, NO_TOKEN, ['GET /nowhere']);
    expect(texts(scopePlanLines(missing, 100))[0]).toContain(
      "none of the marked operations is in this profile's specs",
    );
  });
});

describe('the scopes audit view', () => {
  const history = () => [
    entry('2026-05-02T10:00:00Z', 'https://acme.example/v3/identities?limit=5', 200),
    entry('2026-05-02T10:01:00Z', 'https://acme.example/beta/workflows', 403),
  ];

  it('the token beside its history: held, never needed, refused, what would have been enough', () => {
    const lines = texts(scopeAuditLines(auditForSession(CURRENT, CATALOG, TOKEN, history), 200));
    expect(lines[0]).toBe(
      'Audit of acme-pat: a user token (PAT), rule: any one listed scope (SailPoint)',
    );
    expect(lines).toContain('holds scopes: sp:scopes:all');
    expect(lines).toContain('authorities: ORG_ADMIN');
    expect(lines.some((l) => l.startsWith('recorded: 2 calls to 2 operations from'))).toBe(true);
    expect(lines.some((l) => l.startsWith('warning: the history is too short'))).toBe(true);
    expect(lines).toContain('refused every time (401/403): GET /beta/workflows');
    expect(lines).toContain('Enough for what succeeded:');
    expect(lines).toContain('  scopes: idn:identity:read');
    // Either level lets one user call listIdentities: the one the token's user holds.
    expect(lines).toContain("  user level (for this PAT's user): ORG_ADMIN");
  });

  it('without a token, or with no recorded call, it says so', () => {
    const none = texts(scopeAuditLines(auditForSession(CURRENT, CATALOG, NO_TOKEN, history), 200));
    expect(none).toEqual(['No audit: no token for acme-pat yet: press r to get one.']);
    const empty = texts(
      scopeAuditLines(
        auditForSession(CURRENT, CATALOG, TOKEN, () => []),
        200,
      ),
    );
    expect(empty.at(-1)).toContain('No recorded calls for acme-pat yet');
    const nobody = texts(scopeAuditLines(auditForSession(null, CATALOG, TOKEN, history), 200));
    expect(nobody).toEqual(['No audit: no profile selected.']);
  });
});
