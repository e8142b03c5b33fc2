import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallTracker, type CallInput } from '../../../src/core/session/call-tracker.js';
import { type DemoSession, NO_PERSON, startDemoSession } from '../../core/compare/demo-session.js';
import { type ForwardingProxy, startForwardingProxy } from '../../support/forwarding-proxy.js';
import { waitFor } from '../../support/wait-for.js';

let demo: DemoSession;
let gate: ForwardingProxy;

beforeAll(async () => {
  demo = await startDemoSession();
  gate = await startForwardingProxy(demo.tenant.baseUrl);
});
afterAll(async () => {
  await gate.close();
  await demo.close();
});

function input(
  settled?: CallInput['settled'],
  request: CallInput['request'] = { method: 'GET', path: '/v3/identities' },
): CallInput {
  const profile = { ...demo.profiles.api, baseUrl: gate.origin };
  return {
    entry: { id: 'saved:demo-api', profile, origin: 'saved', grants: ['client_credentials'] },
    request,
    url: `${gate.origin}${request.path}`,
    tokens: demo.tokens,
    interaction: () => NO_PERSON,
    operation: null,
    profilesWithUser: () => [],
    ...(settled ? { settled } : {}),
  };
}

describe('the call tracker', () => {
  it('takes a new send as soon as a response is on screen, while the last is still being kept', async () => {
    const tracker = new CallTracker(() => undefined);
    let keep!: () => void;
    const kept = new Promise<void>((resolve) => (keep = resolve));
    // The history write of the first call does not finish until the test says so.
    const first = tracker.run(input(() => kept));
    await waitFor(() => tracker.state.status === 'done', 'the first response');
    expect(tracker.sending).toBe(false);

    // The second call is held at the proxy, so it is certainly in flight below.
    gate.set('hold', (method, path) => method === 'GET' && path === '/v3/identities');
    const second = tracker.run(input());
    expect(tracker.state.status).toBe('sending');
    await waitFor(() => gate.seen.some((s) => s.mode === 'hold'), 'the held request');

    // The first call ends now: it must not end the second one's "in flight".
    keep();
    expect(await first).not.toBeNull();
    expect(tracker.sending).toBe(true);
    expect(tracker.state.status).toBe('sending');

    gate.set('forward');
    gate.release();
    expect(await second).not.toBeNull();
    expect(tracker.state).toMatchObject({ status: 'done', number: 2 });
    expect(tracker.sending).toBe(false);
  });

  it('says "formatting", shows a big body\'s first screen at once, then the whole of it', async () => {
    const published: Array<{ phase: string; ready?: boolean }> = [];
    const tracker: CallTracker = new CallTracker(
      () => {
        const { state } = tracker;
        if (state.status === 'sending') published.push({ phase: state.phase });
        if (state.status === 'done')
          published.push({ phase: 'done', ready: state.view.body.ready });
      },
      100,
      {},
      // Built before every run by test/support/build.ts.
      { workerUrl: pathToFileURL('dist/body-worker.js') },
    );
    const large = { method: 'GET', path: '/demo/large', query: [['mb', '2']] as const };
    expect(await tracker.run(input(undefined, large))).not.toBeNull();
    // "formatting", then the first screen (ready: false) at once, then the whole body.
    const from = published.findIndex((p) => p.phase === 'formatting');
    expect(from).toBeGreaterThan(-1);
    expect(published.slice(from)).toEqual([
      { phase: 'formatting' },
      { phase: 'done', ready: false },
      { phase: 'done', ready: true },
    ]);
    // A new send is taken from the first screen on.
    expect(tracker.sending).toBe(false);
    const { state } = tracker;
    if (state.status !== 'done') throw new Error('no response');
    expect(state.view.body.kind).toBe('json');
    expect(state.view.body.lineCount).toBeGreaterThan(100_000);
  });
});
