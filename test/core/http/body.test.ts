import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDispatchers, sendRequest, type ProgressEvent } from '../../../src/core/http/index.js';
import { startServer, type TestServer } from '../../support/http-servers.js';

const CHUNK = 64 * 1024;
const CHUNKS = 6;
const TOTAL = CHUNK * CHUNKS;
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const chunked = req.url === '/chunked';
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      ...(chunked ? {} : { 'content-length': String(TOTAL) }),
    });
    // One chunk per turn of the event loop, so the client sees the body arrive in pieces.
    let sent = 0;
    const next = () => {
      if (sent === CHUNKS) return void res.end();
      res.write(Buffer.alloc(CHUNK, sent));
      sent += 1;
      setImmediate(next);
    };
    next();
  });
});
afterAll(async () => {
  await closeDispatchers();
  await server.close();
});

describe('body and progress', () => {
  it('reports sent, headers, growing data and done, ending at the total', async () => {
    const events: ProgressEvent[] = [];
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/file`, headers: {} },
      { onProgress: (event) => events.push(event) },
    );
    expect(response.body.length).toBe(TOTAL);
    expect(response.body[CHUNK * 3]).toBe(3);
    expect(response.truncated).toBe(false);
    expect(events[0]).toEqual({ type: 'sent', method: 'GET', url: `${server.origin}/file` });
    expect(events[1]).toEqual({ type: 'headers', status: 200 });
    expect(events.at(-1)).toEqual({ type: 'done', status: 200 });

    const data = events.filter((event) => event.type === 'data');
    expect(data.length).toBeGreaterThan(1);
    const received = data.map((event) => event.receivedBytes);
    for (let i = 1; i < received.length; i += 1) {
      expect(received[i]).toBeGreaterThan(received[i - 1] as number);
    }
    expect(data.at(-1)).toEqual({ type: 'data', receivedBytes: TOTAL, totalBytes: TOTAL });
  });

  it('gives a null total when there is no Content-Length', async () => {
    const events: ProgressEvent[] = [];
    await sendRequest(
      { method: 'GET', url: `${server.origin}/chunked`, headers: {} },
      { onProgress: (event) => events.push(event) },
    );
    const data = events.filter((event) => event.type === 'data');
    expect(data.at(-1)).toEqual({ type: 'data', receivedBytes: TOTAL, totalBytes: null });
  });

  it('keeps at most maxBodyBytes and stops the download past it', async () => {
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/file`, headers: {} },
      { maxBodyBytes: 100_000 },
    );
    expect(response.body.length).toBe(100_000);
    expect(response.truncated).toBe(true);
    expect(response.bodyLimitBytes).toBe(100_000);
    expect(response.receivedBytes).toBeGreaterThan(100_000);
    expect(response.body[CHUNK]).toBe(1);
  });

  it('surfaces a throwing progress listener as its own error', async () => {
    const error = await sendRequest(
      { method: 'GET', url: `${server.origin}/file`, headers: {} },
      {
        onProgress: (event) => {
          if (event.type === 'data') throw new Error('listener bug');
        },
      },
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('listener bug');
  });
});
