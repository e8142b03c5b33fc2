import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { App } from '../../src/ui/app.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';
import { RAW } from './keys.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
const level = chalk.level;

beforeAll(async () => {
  // Colours on, so the mark of the current hit (inverse video) can be seen in the frame.
  chalk.level = 1;
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-find-screen-'));
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  chalk.level = level;
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

// eslint-disable-next-line no-control-regex -- the frame's colour codes are what is stripped
const ANSI = /\u001b\[[0-9;]*m/g;
const INVERSE = '\u001b[7m';

/** The App on the demo with the response to GET /v3/identities on screen. */
async function started() {
  const { workbench } = demoWorkbench(tenant, root);
  workbench.start();
  const app = render(<App workbench={workbench} fallbackSize={{ columns: 100, rows: 30 }} />);
  cleanups.push(() => {
    app.unmount();
    workbench.close();
  });
  const raw = () => app.lastFrame() ?? '';
  const frame = () => raw().replace(ANSI, '');
  const key = async (input: string, ...expected: string[]) => {
    app.stdin.write(input);
    return waitForText(frame, expected.length ? expected : [''], 15_000);
  };
  await waitForText(frame, ['no user context', '/v3/identities'], 15_000);
  await key('/', 'type to filter');
  await key('identities', '/ identities');
  await key(RAW.enter, 'GET http://127.0.0.1');
  await waitForFrame(frame, (f) => /GET http:\/\/127\.0\.0\.1:\d+\/v3\/identities\s/.test(f));
  await key('s', '200 OK as demo-api');
  const snapshot = workbench.getSnapshot().response;
  if (snapshot.status !== 'done') throw new Error('no response');
  const body = snapshot.view.body;
  return { app, raw, frame, key, body };
}

describe('find in the body (f)', () => {
  it('keeps the body in view while the query is typed, then says "match 1 of N" and marks it', async () => {
    const { key, frame, raw, body } = await started();
    const before = frame();
    const bodyLine = before.split('\n').find((row) => row.includes('"id":'));
    expect(bodyLine).toBeDefined();
    const typing = await key('f', 'find ›', 'Enter finds');
    // The body and the panels stay; no dialog takes their place.
    expect(typing).toContain('Response');
    expect(typing).toContain('"id":');
    expect(typing).not.toContain('Find in the body (');
    const total = body.find('jane', 0)?.total ?? 0;
    expect(total).toBeGreaterThan(1);
    await key('jane', 'find › jane');
    const found = await key(RAW.enter, `"jane" match 1 of ${total}`);
    expect(found).toMatch(/jane/i);
    // The current hit is drawn in inverse video, in the body.
    expect(raw()).toMatch(new RegExp(`${INVERSE.replace('[', '\\[')}jane`, 'i'));
    await key('n', `"jane" match 2 of ${total}`);
    await key('N', `"jane" match 1 of ${total}`);
  });

  it('offers the last query selected: typing replaces it, Enter finds it again', async () => {
    const { key, raw, body } = await started();
    const total = body.find('jane', 0)?.total ?? 0;
    await key('f', 'find ›');
    await key('jane', 'find › jane');
    await key(RAW.enter, `match 1 of ${total}`);
    await key('f', 'find › jane');
    // Offered selected (inverse), so a person sees that typing replaces it.
    expect(raw()).toContain(`${INVERSE}jane`);
    // Enter reuses it: on to the next hit.
    await key(RAW.enter, `"jane" match 2 of ${total}`);
    await key('f', 'find › jane');
    const replaced = await key('doe', 'find › doe');
    expect(replaced).not.toContain('find › janedoe');
    const doe = body.find('doe', 0)?.total ?? 0;
    // From the top line shown on, the first "doe" there.
    const shown = await key(RAW.enter, `"doe" match `, ` of ${doe}`);
    if (process.env.SHOW_FIND) console.log(shown);
  });
});
