import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { driveApp, useDemoScreen } from '../support/demo-screen.js';
import { App } from '../../src/ui/app.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { type ForwardingProxy, startForwardingProxy } from '../support/forwarding-proxy.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';
import { RAW } from './keys.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
useDemoScreen(
  'keyhole-state-screen-',
  (started, folder) => {
    tenant = started;
    root = folder;
  },
  cleanups,
);

/** The App over a fresh demo session at 100×30, with every frame it wrote. */
function mount(profile?: string, on: DemoTenant = tenant) {
  const { workbench } = demoWorkbench(on, root);
  workbench.start(profile);
  const app = render(<App workbench={workbench} fallbackSize={{ columns: 100, rows: 30 }} />);
  const { frame, key } = driveApp(app, workbench, cleanups);
  return { app, workbench, frame, key };
}

type Mounted = ReturnType<typeof mount>['app'];

/** Waits for a frame written after frame `from` that holds `text`; returns its index. */
async function frameAfter(app: Mounted, from: number, text: string) {
  const index = () => app.frames.findIndex((f, at) => at >= from && f.includes(text));
  await waitForFrame(
    app.lastFrame,
    () => index() >= 0,
    15_000,
    `a frame after #${from} with "${text}"`,
  );
  return index();
}

/**
 * Sends with `s`; resolves once the new response is on screen, with the frames it wrote. The
 * proxy holds the request until the "sending" frame is drawn, so the frames of the new
 * response are told from the old one's however fast the tenant answers.
 */
async function sendAgain(app: Mounted, gate: ForwardingProxy) {
  const mark = app.frames.length;
  gate.set('hold', (method, path) => method === 'GET' && path === '/v3/identities');
  app.stdin.write('s');
  const pending = await frameAfter(app, mark, 'Esc cancels');
  gate.set('forward');
  gate.release();
  const landed = await frameAfter(app, pending, '200 OK');
  await waitForText(() => app.lastFrame(), 'lines 1-');
  return app.frames.slice(landed);
}

describe('scroll offsets belong to what they scroll (issue 11, item 8)', () => {
  it('a scrolled body: the same request sent again, put back from history, or after a find opens at line 1', async () => {
    const gate = await startForwardingProxy(tenant.baseUrl);
    cleanups.push(() => void gate.close());
    const { app, frame, key } = mount(undefined, { ...tenant, baseUrl: gate.origin });
    await waitForText(frame, 'no user context');
    await key('/', 'type to filter');
    await key('identities', '/ identities');
    await key(RAW.enter, 'GET http://127.0.0.1');
    await key('s', '200 OK', 'lines 1-');

    await key('jjjjj', 'lines 6-');
    // Not even one frame of the new response at the old offset.
    expect((await sendAgain(app, gate)).filter((f) => f.includes('lines 6-'))).toEqual([]);

    await key('jjjjj', 'lines 6-');
    await key('h', 'History of demo-api', 'GET    200');
    await key(RAW.enter, 'GET http://127.0.0.1');
    await waitForFrame(frame, (f) => !f.includes('History of'));
    expect((await sendAgain(app, gate)).filter((f) => f.includes('lines 6-'))).toEqual([]);

    await key('f', 'find ›');
    await key('Jane', 'find › Jane');
    app.stdin.write(RAW.enter);
    const found = await waitForFrame(
      frame,
      (f) => !f.includes('find ›') && /lines [\d,]+-/.test(f) && !f.includes('lines 1-'),
    );
    const at = /lines ([\d,]+)-/.exec(found)?.[1];
    expect(Number(at)).toBeGreaterThan(1);
    const landed = await sendAgain(app, gate);
    expect(landed.filter((f) => f.includes(`lines ${at}-`))).toEqual([]);
    // n searches the new response from its top: the first match again, not the one after it.
    await key('n', `lines ${at}-`);
  });

  it("each profile's token card opens at its top, even right after a scrolled one", async () => {
    const { app, frame, key } = mount();
    await waitForText(frame, 'no user context');
    await key('t', 'Token of demo-api', 'lines 1-');
    await key('jjjjj', 'lines 6-');
    await key('p', '▶ Profiles');
    await key('j', '❯   demo-pat');
    const mark = app.frames.length;
    app.stdin.write(RAW.enter);
    await waitForText(frame, ['Token of demo-pat', 'jane.doe', 'lines 1-']);
    const other = app.frames.slice(mark).filter((f) => f.includes('Token of demo-pat'));
    expect(other.length).toBeGreaterThan(0);
    expect(other.filter((f) => f.includes('lines 6-'))).toEqual([]);
  });
});

describe('notices go when they stop being true (issue 11, item 9)', () => {
  it("a refused key's notice goes with the next key: not under another profile's grant picker", async () => {
    const { app, frame, key } = mount('demo-api');
    await waitForText(frame, 'no user context');
    await key('o', '✗ this profile can use only client_credentials');
    // demo-app is the fourth profile: G to the last, then one up.
    app.stdin.write('G');
    await waitForFrame(frame, (f) => f.includes('❯   demo-scoped') && !f.includes('can use only'));
    await key('k', '❯   demo-app');
    await key(RAW.enter, 'demo-app @');
    const picker = await key('o', 'Grant of demo-app');
    expect(picker).not.toContain('can use only');
  });

  it('a failed find goes when a find succeeds', async () => {
    const { app, frame, key } = mount();
    await waitForText(frame, 'no user context');
    await key('/', 'type to filter');
    await key('identities', '/ identities');
    await key(RAW.enter, 'GET http://127.0.0.1');
    await key('s', '200 OK', 'lines 1-');
    await key('f', 'find ›');
    await key('zzqq', 'find › zzqq');
    await key(RAW.enter, '✗ "zzqq" is not in the body');
    await key('f', 'find › zzqq');
    // The last query is offered again, selected; Ctrl+U clears it.
    await key(RAW.ctrlU, 'find › ');
    await key('Jane', 'find › Jane');
    app.stdin.write(RAW.enter);
    const found = await waitForFrame(
      frame,
      (f) => !f.includes('find ›') && !f.includes('lines 1-'),
    );
    expect(found).not.toContain('is not in the body');
  });

  it('what r said about one profile goes when another becomes current, not with any key', async () => {
    const { frame, key } = mount('demo-api');
    await waitForText(frame, 'no user context');
    await key('r', '✓ demo-api: new client-credentials token');
    await key('p', '▶ Profiles');
    const moved = await key('j', '❯   demo-pat');
    expect(moved).toContain('✓ demo-api: new client-credentials token');
    const switched = await key(RAW.enter, 'demo-pat @', 'jane.doe');
    expect(switched).not.toContain('new client-credentials token');
  });
});

describe('r with the server down (issue 11, item 13)', () => {
  it('the token card and the header keep the valid token and its expiry; the notice says so', async () => {
    const own = await startDemoTenant({ port: 0 });
    let closed = false;
    try {
      const { frame, key } = mount('demo-api', own);
      await waitForText(frame, 'no user context');
      const card = await key('t', 'Token of demo-api', 'Sent as:', 'expires in');
      const sentAs = /Sent as:.*?(Bearer \S+)/.exec(card)?.[1];
      expect(sentAs).toBeDefined();
      await own.close();
      closed = true;
      const shown = await key('r', 'renewal failed', 'still using the current, valid token');
      expect(shown).toContain('Token of demo-api');
      expect(shown).toContain(sentAs);
      const header = shown.split('\n')[1] ?? '';
      expect(header).toMatch(/demo-api @ .*expires in \d+m/);
    } finally {
      if (!closed) await own.close();
    }
  });
});
