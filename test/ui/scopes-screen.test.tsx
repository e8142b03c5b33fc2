import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { type DemoTenant } from '../../src/demo/server.js';
import { App } from '../../src/ui/app.js';
import { driveApp, useDemoScreen } from '../support/demo-screen.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';
import { RAW } from './keys.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
useDemoScreen(
  'keyhole-scopes-screen-',
  (started, folder) => {
    tenant = started;
    root = folder;
  },
  cleanups,
);

/** The App over a fresh demo session as `profile`, on a 110×34 screen, its catalog loaded. */
async function start(profile: string) {
  const { workbench } = demoWorkbench(tenant, root);
  workbench.start(profile);
  const app = render(<App workbench={workbench} fallbackSize={{ columns: 110, rows: 34 }} />);
  const { frame, key } = driveApp(app, workbench, cleanups);
  await waitForText(frame, [`${profile} @`, 'POST   /v3/access-requests'], 15_000);
  /** Searches the endpoints for `text`, stops typing, and waits for the row `shown` under ❯. */
  const find = async (text: string, shown: RegExp) => {
    await key('/', 'type to filter');
    await key(text, `/ ${text}`);
    app.stdin.write(RAW.escape);
    return waitForFrame(frame, (f) => shown.test(f) && !f.includes('type to filter'));
  };
  return { app, frame, key, find, workbench };
}

describe('scopes plan and audit on screen', () => {
  it('Space marks operations across searches, L shows the plan of the marked ones', async () => {
    const { key, find, frame, app } = await start('demo-pat');
    const before = await find('workflows', /❯.{1,3}GET\s+\/beta\/workflows/);
    // No mark column until something is marked: the path keeps that column.
    expect(before).toMatch(/❯[✓✗?] GET\s+\/beta\/workflows/);
    const one = await key(' ', 'Endpoints · 1 marked');
    expect(one).toMatch(/❯●.\s?GET\s+\/beta\/workflows/);
    await find('identities', /❯.{1,3}GET\s+\/v3\/identities\s/);
    const two = await key(' ', 'Endpoints · 2 marked');
    expect(two).toMatch(/❯●.\s?GET\s+\/v3\/identities\s/);
    const plan = await key('L', 'Scopes plan', 'Scopes for 2 operations: 2 scopes');
    expect(plan).toContain('rule: any one listed scope (SailPoint)');
    expect(plan).toContain("credential: a user's: 1 operation needs a user, so use a PAT");
    expect(plan).toContain('user level: ORG_ADMIN');
    expect(plan).toMatch(/idn:identity:read\s+GET \/v3\/identities/);
    expect(plan).toMatch(/sp:workflow:read\s+GET \/beta\/workflows/);
    expect(plan).toMatch(/GET\s+\/beta\/workflows\s+listWorkflows/);
    // Esc closes the view; the marks are still there, and Space again takes one away.
    app.stdin.write(RAW.escape);
    await waitForFrame(frame, (f) => !f.includes('Scopes plan') && f.includes('2 marked'));
    await key(' ', 'Endpoints · 1 marked');
  });

  it('with nothing marked, L plans the highlighted operation', async () => {
    const { key, find } = await start('demo-api');
    await find('access-req', /❯.{1,3}POST\s+\/v3\/access-requests/);
    const plan = await key('L', 'Scopes plan', 'Scopes for 1 operation: 1 scope');
    expect(plan).toMatch(/POST\s+\/v3\/access-requests\s+createAccessRequest/);
    expect(plan).toContain('use a PAT (an API key cannot)');
  });

  it('A on the token panel audits the profile: nothing recorded yet, then what a call needed', async () => {
    const { key, find, app, frame } = await start('demo-pat');
    await waitForText(frame, 'jane.doe');
    await key('t', 'Token');
    const empty = await key('A', 'Scopes audit', 'Audit of demo-pat');
    expect(empty).toContain('No recorded calls for demo-pat yet');
    app.stdin.write(RAW.escape);
    await waitForFrame(frame, (f) => !f.includes('Scopes audit'));
    await find('identities', /❯.{1,3}GET\s+\/v3\/identities\s/);
    await key(RAW.enter, 'GET http://127.0.0.1');
    await key('s', '200 OK as demo-pat');
    await key('t', 'Token');
    const audit = await key(
      'A',
      'Audit of demo-pat: a user token (PAT)',
      'Enough for what succeeded',
    );
    expect(audit).toContain('recorded: 1 call to 1 operation');
    expect(audit).toContain('scopes: idn:identity:read');
    expect(audit).toContain('history is too short to judge by');
  });
});
