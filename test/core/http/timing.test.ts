import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDispatchers, sendRequest } from '../../../src/core/http/index.js';
import { startServer, type TestServer } from '../../support/http-servers.js';

const servers: TestServer[] = [];
async function freshServer(): Promise<TestServer> {
  const server = await startServer((_req, res) => res.end('{"ok":true}'));
  servers.push(server);
  return server;
}
const get = (url: string) => sendRequest({ method: 'GET', url, headers: {} });

beforeAll(async () => {
  // Node's own fetch publishes on the same diagnostics channel; it must not confuse the pairing.
  const noise = await freshServer();
  await (await fetch(`${noise.origin}/noise`)).text();
});
afterAll(async () => {
  await closeDispatchers();
  await Promise.all(servers.map((server) => server.close()));
});

describe('timing and keep-alive', () => {
  it('reports connect on a fresh connection and none on the reused one', async () => {
    const server = await freshServer();
    const first = await get(`${server.origin}/one`);
    const second = await get(`${server.origin}/two`);

    expect(first.timing.connectMs).toEqual(expect.any(Number));
    // An IP literal needs no DNS, and plain http no TLS.
    expect(first.timing.dnsMs).toBeUndefined();
    expect(first.timing.tlsMs).toBeUndefined();
    expect(second.timing.connectMs).toBeUndefined();
    for (const response of [first, second]) {
      expect(response.timing.firstByteMs).toBeGreaterThanOrEqual(0);
      expect(response.timing.downloadMs).toBeGreaterThanOrEqual(0);
      expect(response.timing.totalMs).toBeGreaterThanOrEqual(response.timing.firstByteMs);
    }
    expect(server.connections()).toBe(1);
    expect(server.received.map((request) => request.connection)).toEqual([1, 1]);
  });

  it('times DNS when a name is resolved', async () => {
    const server = await freshServer();
    const response = await get(`http://localhost:${server.port}/dns`);
    expect(response.timing.dnsMs).toEqual(expect.any(Number));
    expect(response.timing.connectMs).toEqual(expect.any(Number));
  });

  it('pairs each of several concurrent first requests with its own connection', async () => {
    const server = await freshServer();
    const responses = await Promise.all([1, 2, 3].map((n) => get(`${server.origin}/c${n}`)));
    const fresh = responses.filter((response) => response.timing.connectMs !== undefined);
    expect(fresh).toHaveLength(server.connections());
    const again = await get(`${server.origin}/after`);
    expect(again.timing.connectMs).toBeUndefined();
    expect(server.connections()).toBe(fresh.length);
  });
});
