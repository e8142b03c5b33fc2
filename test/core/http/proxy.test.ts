import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDispatchers, sendRequest } from '../../../src/core/http/index.js';
import { startServer, type TestServer } from '../../support/http-servers.js';

const VARIABLES = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
let target: TestServer;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  target = await startServer((_req, res) => res.end('through'));
  // A minimal CONNECT proxy: it records where each tunnel goes and pipes bytes both ways.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
afterAll(async () => {
  await closeDispatchers();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await target.close();
});

const get = () =>
  sendRequest({ method: 'GET', url: `${target.origin}/p`, headers: {} }, { proxyFromEnv: true });

describe('proxyFromEnv', () => {
  it('tunnels through HTTP_PROXY', async () => {
    for (const name of VARIABLES) delete process.env[name];
    process.env.HTTP_PROXY = proxyUrl;
    const before = tunnels.length;
    const response = await get();
    expect(response.body.toString()).toBe('through');
    expect(tunnels.slice(before)).toEqual([`127.0.0.1:${target.port}`]);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    for (const name of VARIABLES) delete process.env[name];
    process.env.HTTP_PROXY = proxyUrl;
    process.env.NO_PROXY = '127.0.0.1';
    const before = tunnels.length;
    const response = await get();
    expect(response.body.toString()).toBe('through');
    expect(tunnels.length).toBe(before);
  });

  it('ignores the proxy variables unless asked', async () => {
    process.env.HTTP_PROXY = proxyUrl;
    const before = tunnels.length;
    await sendRequest({ method: 'GET', url: `${target.origin}/p`, headers: {} });
    expect(tunnels.length).toBe(before);
  });
});
