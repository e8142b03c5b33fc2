import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readObservations } from '../../../src/core/access/index.js';
import { type Catalog, loadCatalog } from '../../../src/core/catalog/index.js';
import {
  buildMatrix,
  cellAgrees,
  observedVerdict,
  probeMatrix,
  probeRequest,
  selectOperations,
  type ProbeProgress,
} from '../../../src/core/matrix/index.js';
import { API_KEY, PAT, identity } from '../../support/identities.js';
import { type DemoSession, NO_PERSON, startDemoSession } from '../compare/demo-session.js';

let demo: DemoSession;
let catalog: Catalog;
beforeAll(async () => {
  demo = await startDemoSession();
  catalog = await loadCatalog([`${demo.tenant.baseUrl}/demo/openapi.json`], {
    cacheDir: path.join(demo.dir, 'cache'),
  });
});
afterAll(() => demo.close());

const HELPDESK = identity({ ...PAT, authorities: ['HELPDESK'] });

describe('selecting and predicting', () => {
  it('selects by tag and by fuzzy search', () => {
    const ids = (filter: { search?: string; tag?: string }) =>
      selectOperations(catalog.operations, filter).map((o) => o.operationId);
    expect(ids({})).toHaveLength(8);
    expect(ids({ tag: 'access requests' })).toEqual(['createAccessRequest']);
    expect(ids({ tag: 'nothing' })).toEqual([]);
    expect(ids({ search: 'workflows' })[0]).toBe('listWorkflows');
  });

  it('one row per operation, one cell per profile; no token makes a column unknown', () => {
    const matrix = buildMatrix(
      catalog.operations,
      [
        { profile: 'api', preset: 'sailpoint', identity: API_KEY },
        { profile: 'pat', preset: 'sailpoint', identity: PAT },
        { profile: 'helpdesk', preset: 'sailpoint', identity: HELPDESK },
        { profile: 'broken', preset: 'sailpoint', identity: null, error: 'invalid_client' },
      ],
      (profile, method, p) =>
        profile === 'api' && method === 'POST' && p === '/v3/access-requests'
          ? { status: 403, at: '2026-01-01T00:00:00.000Z' }
          : undefined,
    );
    expect(matrix.profiles).toEqual(['api', 'pat', 'helpdesk', 'broken']);
    const row = matrix.rows.find((r) => r.operationId === 'createAccessRequest');
    expect(row?.cells.api).toMatchObject({ verdict: 'denied', observed: { status: 403 } });
    expect(row?.cells.pat).toMatchObject({ verdict: 'allowed', observed: null });
    expect(row?.cells.broken).toEqual({
      verdict: 'unknown',
      reasons: ['no token: invalid_client'],
      observed: null,
    });
    expect(cellAgrees(row!.cells.api!)).toBe(true);
    expect(cellAgrees(row!.cells.pat!)).toBeNull();
  });

  it('reads a status as an access verdict only when it is about access', () => {
    expect([200, 204, 302, 401, 403, 400, 404, 429, 500].map(observedVerdict)).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'denied',
      'denied',
      null,
      null,
      null,
      null,
    ]);
    expect(cellAgrees({ verdict: 'allowed', observed: { status: 403, at: '' } })).toBe(false);
    expect(cellAgrees({ verdict: 'unknown', observed: { status: 200, at: '' } })).toBeNull();
  });

  it('probes only GET operations without path parameters, with the headers the spec requires', () => {
    const probeable = catalog.operations.filter((o) => probeRequest(o) !== null);
    expect(probeable.map((o) => o.id).sort()).toEqual([
      'GET /beta/workflows',
      'GET /demo/large',
      'GET /v2025/password-policies',
      'GET /v3/identities',
      'GET /v3/identity-profiles',
    ]);
    for (const operation of catalog.operations) {
      const request = probeRequest(operation);
      if (request) expect(request.method).toBe('GET');
    }
    const experimental = catalog.operations.find((o) => o.experimental);
    expect(experimental?.id).toBe('GET /v2025/password-policies');
    expect(probeRequest(experimental!)?.headers).toEqual({ 'X-SailPoint-Experimental': 'true' });
  });
});

describe('probeMatrix against the demo tenant', () => {
  it('turns predictions into observations and records them', async () => {
    // The scoped PAT is an admin whose token carries three scopes: the scopes decide, and the
    // predictions must say so before the probe shows it.
    const profiles = [
      demo.profiles.api,
      demo.profiles.pat,
      demo.profiles.helpdesk,
      demo.profiles.scoped,
    ];
    const identities = await Promise.all(
      profiles.map(async (p) => demo.tokens.describe(p, await demo.tokens.getToken(p, NO_PERSON))),
    );
    const matrix = buildMatrix(
      catalog.operations,
      profiles.map((p, i) => ({
        profile: p.name,
        preset: p.preset,
        identity: identities[i] ?? null,
      })),
    );
    const progress: ProbeProgress[] = [];
    const observations = { dir: path.join(demo.dir, 'observed') };
    const probe = await probeMatrix(matrix, catalog.operations, profiles, demo.tokens, NO_PERSON, {
      onProbe: (event) => progress.push(event),
      observations,
    });
    expect(probe).toMatchObject({ sent: 20, failed: 0 });
    expect(progress.map((p) => p.index)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === 20 && p.method === 'GET')).toBe(true);
    for (const row of probe.matrix.rows) {
      for (const profile of probe.matrix.profiles) {
        const cell = row.cells[profile]!;
        if (row.method !== 'GET' || row.path.includes('{')) expect(cell.observed).toBeNull();
        else expect(cellAgrees(cell), `${row.id} ${profile}`).toBe(true);
      }
    }
    const recorded = readObservations('demo-api', observations);
    expect(Object.keys(recorded).sort()).toEqual([
      'GET /beta/workflows',
      'GET /demo/large',
      'GET /v2025/password-policies',
      'GET /v3/identities',
      'GET /v3/identity-profiles',
    ]);
    expect(recorded['GET /beta/workflows']?.status).toBe(403);
    // The experimental operation went with its header: 200, not the tenant's 400.
    expect(recorded['GET /v2025/password-policies']?.status).toBe(200);
    // The scoped PAT: both verdicts occur, each one seen to be true, and a denial names the
    // scope it lacks.
    const scoped = Object.fromEntries(
      probe.matrix.rows
        .filter((row) => row.cells['demo-scoped']?.observed)
        .map((row) => [row.id, row.cells['demo-scoped']!]),
    );
    expect(
      Object.fromEntries(Object.entries(scoped).map(([id, cell]) => [id, cell.observed?.status])),
    ).toEqual({
      'GET /v3/identities': 200,
      'GET /v3/identity-profiles': 403,
      'GET /beta/workflows': 200,
      'GET /demo/large': 403,
      'GET /v2025/password-policies': 200,
    });
    expect(scoped['GET /v3/identity-profiles']?.reasons.join('; ')).toContain(
      'missing scope: needs one of idn:identity-profile:read',
    );
    // The matrix it was given is left as it was.
    expect(matrix.rows.every((r) => Object.values(r.cells).every((c) => c.observed === null))).toBe(
      true,
    );
  });
});
