import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant } from '../../src/demo/server.js';
import { driveApp, useDemoScreen } from '../support/demo-screen.js';
import { App } from '../../src/ui/app.js';
import type { Profile } from '../../src/core/profiles/schema.js';
import { ProfileRepository } from '../../src/core/profiles/repository.js';
import { Workbench } from '../../src/core/session/index.js';
import { DEMO_SECRET_ENV } from '../support/demo-profiles.js';
import { skipAllVersions, SPECS_DIR } from '../support/sailpoint-specs.js';
import { type SpecMirror, startSpecMirror } from '../support/spec-mirror.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';
import { renderSized } from '../support/render-sized.js';
import { RAW } from './keys.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
useDemoScreen(
  'keyhole-sailpoint-screen-',
  (started, folder) => {
    tenant = started;
    root = folder;
  },
  cleanups,
);

/** The App over a session at 160×40, with `saved` profiles in its config folder. */
async function mount(profile?: string, saved: readonly Profile[] = []) {
  const dir = mkdtempSync(path.join(root, 'config-'));
  const repository = new ProfileRepository(path.join(dir, 'config'));
  for (const entry of saved) await repository.add(entry);
  const workbench = new Workbench({
    repository,
    demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
    scratchDir: path.join(dir, 'scratch'),
    env: DEMO_SECRET_ENV,
    openBrowser: () => undefined,
  });
  workbench.start(profile);
  // 160 columns: the Endpoints panel is wide enough for whole SailPoint paths.
  const app = renderSized(<App workbench={workbench} />, 160, 40);
  const { frame, key } = driveApp(app, workbench, cleanups);
  return { app, frame, key, workbench };
}

describe('experimental operations in the TUI (demo tenant)', () => {
  it('are marked in the list, get X-SailPoint-Experimental filled in, and are sent with it', async () => {
    const { frame, key } = await mount('demo-pat');
    await waitForText(frame, ['jane.doe', 'GET    /v2025/password-policies exp']);
    await key('/', 'type to filter');
    await key('password', '/ password');
    await key(RAW.enter, 'GET http://127.0.0.1');
    const request = await waitForText(frame, 'X-SailPoint-Experimental: true');
    expect(request).toMatch(/header +X-SailPoint-Experimental: true/);
    await key('s', '200 OK as demo-pat', 'Default Password Policy');
  });

  it('v shows one API version at a time, then all again', async () => {
    const { frame, key } = await mount('demo-api');
    await waitForText(frame, ['no user context', '8/8 · predicted']);
    await key('/', 'type to filter');
    await key(RAW.escape);
    await waitForFrame(frame, (f) => !f.includes('type to filter'));
    const v3 = await key('v', 'v3 · 5/8 · predicted');
    expect(v3).not.toContain('/beta/workflows');
    const beta = await key('v', 'beta · 1/8 · predicted');
    expect(beta).toContain('GET    /beta/workflows');
    expect(beta).not.toContain('/v3/identities');
    await key('v', 'v2025 · 1/8 · predicted');
    await key('v', '8/8 · predicted');
    // The search works inside the chosen version.
    await key('v', 'v3 · 5/8');
    await key('/', 'type to filter');
    await key('work', 'v3 · 0/8');
  });
});

describe.skipIf(skipAllVersions)(`a saved SailPoint profile with no specs (${SPECS_DIR})`, () => {
  let mirror: SpecMirror;
  const previous = process.env.KEYHOLE_SAILPOINT_SPECS_URL;
  beforeAll(async () => {
    mirror = await startSpecMirror();
    process.env.KEYHOLE_SAILPOINT_SPECS_URL = mirror.baseUrl;
  });
  afterAll(async () => {
    process.env.KEYHOLE_SAILPOINT_SPECS_URL = previous;
    await mirror.close();
  });

  it('downloads v3, beta and the newest vN with progress in the Endpoints panel, then lists them', async () => {
    const { app, frame, key } = await mount('acme', [
      {
        name: 'acme',
        baseUrl: tenant.baseUrl,
        grant: 'client_credentials',
        clientId: 'demo-scoped-client',
        secret: { store: 'env', var: 'SCOPED_SECRET' },
        scopes: [],
        kind: 'pat',
        preset: 'sailpoint',
        specs: [],
        tags: [],
      },
    ]);
    // Parsing 7 MB of YAML the first time takes a few seconds; much longer on a loaded machine.
    await waitForText(frame, '1729/1729 · predicted', 50_000);
    const loading = app.frames.filter((f) => f.includes('loading the OpenAPI specs'));
    expect(loading.length).toBeGreaterThan(0);
    expect(loading.some((f) => /downloading SailPoint (v3|beta|v2025)/.test(f))).toBe(true);
    await key('/', 'type to filter');
    await key(RAW.escape);
    await waitForFrame(frame, (f) => !f.includes('type to filter'));
    await key('v', 'v3 · 358/1729');
    await key('v', 'beta · 559/1729');
    await key('v', 'v2025 · 812/1729');
  }, 60_000);
});
