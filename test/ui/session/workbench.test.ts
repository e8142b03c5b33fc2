import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { Workbench } from '../../../src/core/session/index.js';
import type { SessionSnapshot } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { demoWorkbench } from '../../support/demo-workbench.js';
import { waitFor } from '../../support/wait-for.js';

let tenant: DemoTenant;
let root: string;
let workbench: Workbench;
let dir: string;

const snap = () => workbench.getSnapshot();
const until = (check: (s: SessionSnapshot) => boolean, what: string) =>
  waitFor(() => check(snap()), what, 15_000);

beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-workbench-'));
  ({ workbench, dir } = demoWorkbench(tenant, root));
  workbench.start();
});

afterAll(async () => {
  workbench.close();
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

describe('Workbench against the demo tenant', () => {
  it('offers the demo profiles and describes the first token', async () => {
    expect(snap().profiles.map((p) => p.profile.name)).toEqual([
      'demo-api',
      'demo-pat',
      'demo-helpdesk',
      'demo-app',
      'demo-scoped',
    ]);
    await until((s) => s.token.status === 'ready', 'the demo-api token');
    const token = snap().token;
    if (token.status !== 'ready') throw new Error('unreachable');
    expect(token.identity.userContext).toBe(false);
    expect(token.identity.signature).toBe('verified');
    expect(token.authorization).toMatch(/^Bearer eyJ.{0,8}…\(redacted, \d+ chars\)$/);
  });

  it('loads the catalog and predicts access per operation', async () => {
    await until((s) => s.catalog.status === 'ready' && s.predictions.size > 0, 'the catalog');
    expect(snap().predictions.get('POST /v3/access-requests')?.verdict).toBe('denied');
    expect(snap().predictions.get('GET /v3/identities')?.verdict).toBe('allowed');
  });

  it('sends the picked operation: 403 for the API key, 202 for the PAT, same request', async () => {
    workbench.pickOperation('POST /v3/access-requests');
    expect(snap().request.body).toContain('GRANT_ACCESS');
    await workbench.send();
    const denied = snap().response;
    if (denied.status !== 'done') throw new Error(JSON.stringify(denied));
    expect(denied.view.status).toBe(403);
    expect(denied.view.explanation?.summary).toBe(
      'this token has no user context; demo-pat, demo-helpdesk, demo-scoped have one',
    );
    expect(snap().observations['POST /v3/access-requests']?.status).toBe(403);

    const pat = snap().profiles.find((p) => p.profile.name === 'demo-pat')!;
    workbench.selectProfile(pat.id);
    expect(snap().request.operationId).toBe('POST /v3/access-requests');
    await workbench.send();
    const accepted = snap().response;
    if (accepted.status !== 'done') throw new Error(JSON.stringify(accepted));
    expect(accepted.view.status).toBe(202);
    await until(
      (s) => s.token.status === 'ready' && s.token.identity.userName === 'jane.doe',
      'the PAT identity',
    );
    // Nothing of the demo lands in the user's config.
    expect(() => statSync(path.join(dir, 'config', 'config.json'))).toThrow();
    expect(statSync(path.join(dir, 'scratch')).isDirectory()).toBe(true);
  });

  it('formats a large body once and finds text in it', async () => {
    workbench.pickOperation('GET /demo/large');
    workbench.updateRequest((d) => ({
      ...d,
      query: d.query.map((q) => (q.name === 'mb' ? { ...q, value: '2' } : q)),
    }));
    await workbench.send();
    const done = snap().response;
    if (done.status !== 'done') throw new Error(JSON.stringify(done));
    const body = done.view.body;
    expect(body.kind).toBe('json');
    expect(body.lineCount).toBeGreaterThan(100_000);
    expect(body.line(0)).toBe('[');
    expect(body.line(body.lineCount - 1)).toBe(']');
    const hit = body.find('Generated record 500', 0);
    expect(hit?.line).toBeGreaterThan(0);
    expect(body.line(hit!.line)).toContain('Generated record 500');
  });

  it('saves the raw body to a new 0600 file and refuses to overwrite it', async () => {
    const file = path.join(root, 'body.json');
    await workbench.saveBody(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').startsWith('[{"id"')).toBe(true);
    await workbench.saveBody(file);
    expect(snap().notice?.text).toContain('exists already');
  });

  it('reports a dead server as a response error, never a throw', async () => {
    const local = new Workbench({
      repository: new ProfileRepository(path.join(root, 'config2')),
      demo: { baseUrl: 'http://127.0.0.1:9', clients: tenant.clients },
      scratchDir: path.join(root, 'scratch2'),
      env: {},
    });
    local.start();
    local.updateRequest((d) => ({ ...d, pathTemplate: '/v3/identities' }));
    await local.send();
    const state = local.getSnapshot().response;
    expect(state.status).toBe('error');
    if (state.status === 'error')
      expect(state.message).toMatch(/failed|nothing is listening|connection refused/);
    local.close();
  });
});
