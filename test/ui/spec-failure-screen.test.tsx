import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { App } from '../../src/ui/app.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { sampleProfile } from '../support/profiles.js';
import { waitForFrame } from '../support/wait-for-frame.js';

let tenant: DemoTenant;
let root: string;
beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-spec-failure-'));
});
afterAll(async () => {
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

/** Text without white space: a long URL or sentence is cut across lines by the wrap. */
const squash = (value: string) => value.replace(/\s+/g, '');

/** The text of the left column (profiles, endpoints) with its frame and line breaks taken out. */
function leftColumn(frame: string): string {
  return frame
    .split('\n')
    .map((line) => /^[│┃]([^│┃]*)[│┃]/.exec(line)?.[1]?.trim() ?? '')
    .filter((text) => text !== '')
    .join(' ');
}

describe('a spec that cannot be downloaded, in the TUI', () => {
  it('is explained like a failed call: what failed, why, what to do', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { workbench, repository } = demoWorkbench(tenant, root, { S: 'demo-api-secret' });
    await repository.add(
      sampleProfile({
        name: 'no-spec',
        baseUrl: tenant.baseUrl,
        clientId: 'demo-api-client',
        secret: { store: 'env', var: 'S' },
        specs: [`http://127.0.0.1:${port}/spec.json`],
      }),
    );
    workbench.book.reload();
    workbench.start('no-spec');
    const app = render(<App workbench={workbench} fallbackSize={{ columns: 100, rows: 30 }} />);
    try {
      const frame = await waitForFrame(
        () => app.lastFrame(),
        (f) => squash(leftColumn(f)).includes(squash('Or save the spec to a file')),
        15_000,
        'the spec failure in the endpoints panel',
      );
      const text = squash(leftColumn(frame));
      expect(text).toContain(
        squash(
          `failed: cannot download the spec http://127.0.0.1:${port}/spec.json: ` +
            `nothing is listening at 127.0.0.1:${port}`,
        ),
      );
      // The same next step a failed call to that port gets, then the way out with a file.
      expect(text).toContain(
        squash(
          'Check the URL and port, and that the server is running. ' +
            'Or save the spec to a file and give its path.',
        ),
      );
    } finally {
      app.unmount();
      workbench.close();
    }
  });
});
