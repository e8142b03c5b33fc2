import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { App } from '../../src/ui/app.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { sampleProfile } from '../support/profiles.js';
import { renderSized } from '../support/render-sized.js';
import { waitForFrame } from '../support/wait-for-frame.js';

/** Paths shaped like Microsoft Graph's: long, and alike but for a segment in the middle or end. */
const GRAPH_LIKE = [
  '/users/{user-id}/calendar/events',
  '/users/{user-id}/calendar/calendarView',
  '/users/{user-id}/calendars/{calendar-id}/events',
  '/users/{user-id}/calendars/{calendar-id}/calendarView',
  '/users/{user-id}/calendarGroups/{calendarGroup-id}/calendars',
  '/users/{user-id}/mailFolders/{mailFolder-id}/messages',
  '/users/{user-id}/mailFolders/{mailFolder-id}/childFolders',
  '/users/{user-id}/mailFolders/{mailFolder-id}/messageRules',
  '/groups/{group-id}/calendar/events',
  '/groups/{group-id}/calendar/calendarView',
  '/groups/{group-id}/threads/{conversationThread-id}/posts',
  '/groups/{group-id}/conversations/{conversation-id}/threads',
];

let tenant: DemoTenant;
let root: string;
beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-long-paths-'));
});
afterAll(async () => {
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

function graphLikeSpec(): string {
  const file = path.join(root, 'graph-like.json');
  const paths = Object.fromEntries(
    GRAPH_LIKE.map((p) => [p, { get: { summary: `List ${p.split('/').pop()}`, responses: {} } }]),
  );
  const document = {
    openapi: '3.0.1',
    info: { title: 'Graph-like', version: '1' },
    servers: [{ url: 'https://graph.example.com/v1.0' }],
    paths,
  };
  writeFileSync(file, JSON.stringify(document));
  return file;
}

describe('long, similar paths in the Endpoints panel at 120×40', () => {
  it('are cut in the middle, keeping their ends, so no two rows read the same', async () => {
    const { workbench, repository } = demoWorkbench(tenant, root, { S: 'demo-api-secret' });
    await repository.add(
      sampleProfile({
        name: 'graph-like',
        baseUrl: tenant.baseUrl,
        clientId: 'demo-api-client',
        secret: { store: 'env', var: 'S' },
        specs: [graphLikeSpec()],
      }),
    );
    workbench.book.reload();
    workbench.start('graph-like');
    const app = renderSized(
      <App workbench={workbench} fallbackSize={{ columns: 120, rows: 40 }} />,
      120,
      40,
    );
    try {
      const rowsOf = (frame: string) =>
        frame
          .split('\n')
          .map((line) => /GET {4}(\/v1\.0\S*)/.exec(line)?.[1])
          .filter((shown): shown is string => shown !== undefined);
      const frame = await waitForFrame(
        () => app.lastFrame(),
        (f) => rowsOf(f).length === GRAPH_LIKE.length,
        15_000,
        `all ${GRAPH_LIKE.length} operations listed`,
      );
      const rows = rowsOf(frame);
      expect(new Set(rows).size, frame).toBe(rows.length);
      // Each row is its own path, whole or cut in the middle with its last segment kept.
      GRAPH_LIKE.forEach((spec, i) => {
        const full = `/v1.0${spec}`;
        const shown = rows[i]!;
        const [head, tail] = shown.split('…');
        expect(full.startsWith(head!), `${shown} for ${full}`).toBe(true);
        expect(full.endsWith(tail ?? ''), `${shown} for ${full}`).toBe(true);
        expect(tail ?? shown, `${shown} for ${full}`).toContain(`/${spec.split('/').pop()}`);
      });
    } finally {
      app.unmount();
      workbench.close();
    }
  });
});
