import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { Workbench } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { statusLines } from '../../../src/ui/state/panel-lines.js';
import { type TestServer, startServer } from '../../support/http-servers.js';

/*
 * The TUI's response path when a call hits a limit: a body over the cap, a body that never
 * ends, a 429 too long to wait out. Each becomes a state the panel shows, never a throw.
 */
let tenant: DemoTenant;
let rogue: TestServer;
let root: string;
let workbench: Workbench;
/** The same, with a 1 s deadline: only for the body that never ends (a loaded box is slow). */
let hurried: Workbench;

beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  rogue = await startServer((req, res) => {
    if (req.url === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(drip));
      return;
    }
    res.writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' });
    res.end('{"message":" Rate Limit Exceeded "}');
  });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-limits-'));
  const bench = (name: string, callLimits: { maxBodyBytes?: number; deadlineMs?: number }) =>
    new Workbench({
      repository: new ProfileRepository(path.join(root, name, 'config')),
      demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
      scratchDir: path.join(root, name, 'scratch'),
      env: {},
      openBrowser: () => undefined,
      callLimits,
    });
  workbench = bench('capped', { maxBodyBytes: 1024 * 1024 });
  hurried = bench('hurried', { deadlineMs: 1000 });
  workbench.start();
  hurried.start();
});
afterAll(async () => {
  workbench.close();
  hurried.close();
  await Promise.all([tenant.close(), rogue.close()]);
  rmSync(root, { recursive: true, force: true });
});

const response = () => workbench.getSnapshot().response;

describe('the response panel at the limits', () => {
  it('a body over the cap is shown cut, and the panel says "body cut at 1 MB"', async () => {
    workbench.updateRequest((d) => ({
      ...d,
      method: 'GET',
      pathTemplate: '/demo/large',
      query: [{ name: 'mb', value: '2', required: false, example: null }],
    }));
    await workbench.send();
    const state = response();
    if (state.status !== 'done') throw new Error(JSON.stringify(state));
    expect(state.view.truncated).toBe(true);
    expect(state.view.body.line(0).startsWith('[{"id"')).toBe(true);
    const text = statusLines(state.view, 200)
      .map((line) => line.text)
      .join('\n');
    expect(text).toContain('body cut at 1 MB (the server sent more)');
  });

  it('a body that never ends becomes an error naming --max-time', async () => {
    hurried.updateRequest((d) => ({
      ...d,
      method: 'GET',
      pathTemplate: `${rogue.origin}/trickle`,
      query: [],
    }));
    await hurried.send();
    const state = hurried.getSnapshot().response;
    if (state.status !== 'error') throw new Error(JSON.stringify(state));
    expect(state.message).toContain('the call took longer than 1 s (--max-time)');
    expect(state.hint).toContain('--max-time');
  });

  it('a 429 too long to wait out is shown as the answer, explained', async () => {
    workbench.updateRequest((d) => ({ ...d, pathTemplate: `${rogue.origin}/v3/identities` }));
    await workbench.send();
    const state = response();
    if (state.status !== 'done') throw new Error(JSON.stringify(state));
    expect(state.view.status).toBe(429);
    expect(state.view.explanation?.reason).toBe('rate_limited');
  });
});
