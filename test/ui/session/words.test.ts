import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSnapshot, Workbench } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { headerLines, statusLines } from '../../../src/ui/state/panel-lines.js';
import { matrixLines } from '../../../src/ui/state/view-lines.js';
import { demoWorkbench } from '../../support/demo-workbench.js';
import { waitFor } from '../../support/wait-for.js';

let tenant: DemoTenant;
let root: string;
let workbench: Workbench;

const snap = () => workbench.getSnapshot();
const until = (check: (s: SessionSnapshot) => boolean, what: string) =>
  waitFor(() => check(snap()), what, 15_000);

beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-words-'));
  ({ workbench } = demoWorkbench(tenant, root));
  workbench.start();
  await until((s) => s.catalog.status === 'ready' && s.token.status === 'ready', 'the demo');
  workbench.pickOperation('GET /v3/identities');
  await workbench.send();
});

afterAll(async () => {
  workbench.close();
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

function done() {
  const response = snap().response;
  if (response.status !== 'done') throw new Error(JSON.stringify(response));
  return response.view;
}

describe('words that are true (issue 11, item 18)', () => {
  it('the status line names H for the headers (h is the history) and w to save', () => {
    const [, timing] = statusLines(done(), 400).map((line) => line.text);
    expect(timing).toMatch(/ · H headers · w save$/);
    expect(timing).not.toContain(' h headers');
  });

  it('the token shows one redacted length: the token card, the request row and the H view', () => {
    const token = snap().token;
    if (token.status !== 'ready') throw new Error(token.status);
    const length = /\(redacted, (\d+) chars\)/.exec(token.authorization)?.[1];
    expect(Number(length)).toBeGreaterThan(100);
    // The request as sent, in the headers view: the same words, not a redaction of the redaction.
    expect(done().requestHeaders['authorization']).toBe(token.authorization);
    expect(headerLines(done())).toContain(`authorization: ${token.authorization}`);
  });

  it('a history entry is put back into the request, not "replayed": nothing was sent', () => {
    workbench.loadHistory();
    const id = snap().history?.[0]?.id ?? '';
    workbench.pickOperation('POST /v3/access-requests');
    workbench.replayHistory(id);
    expect(snap().request.pathTemplate).toBe('/v3/identities');
    expect(snap().notice).toMatchObject({ kind: 'info' });
    expect(snap().notice?.text).toMatch(
      /^put back GET from \S+ into the request \(not sent yet\)$/,
    );
  });

  it('an import that worked with warnings is a warning, never an error', () => {
    workbench.importCurl(`curl ${tenant.baseUrl}/v3/identities -H 'Authorization: Bearer abc'`);
    expect(snap().request.pathTemplate).toBe('/v3/identities');
    expect(snap().notice?.kind).toBe('warning');
    expect(snap().notice?.text).toMatch(/^imported the curl command; .*Authorization/);
    workbench.importCurl('curl https://evil.example.com/v3/identities');
    expect(snap().notice?.kind).toBe('error');
  });

  it('one operation in the matrix is "1 operation"', async () => {
    await workbench.buildMatrix('access-requests');
    const state = snap().matrix;
    if (state.status !== 'ready') throw new Error(JSON.stringify(state));
    const [title] = matrixLines(state, 120);
    expect(title?.map((segment) => segment.text).join('')).toBe(
      '1 operation (endpoints matching "access-requests") × 5 profiles',
    );
  });
});
