import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDispatchers,
  sendRequest,
  STREAM_PREVIEW_BYTES,
} from '../../../src/core/http/index.js';
import { startServer, type TestServer } from '../../support/http-servers.js';
import { waitFor } from '../../support/wait-for.js';

const MiB = 1024 * 1024;
let server: TestServer;
/** Bytes each /endless response wrote before the client went away. */
const endlessSent: number[] = [];

/** Writes `total` bytes of "a" (Infinity: forever) as fast as the client reads them. */
function stream(res: ServerResponse, total: number, onClose?: (sent: number) => void): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  let closed = false;
  const pump = () => {
    while (!closed && sent < total) {
      const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!closed) res.end();
  };
  res.on('close', () => {
    closed = true;
    onClose?.(sent);
  });
  pump();
}

beforeAll(async () => {
  let limited = 0;
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const bytes = Number(url.searchParams.get('bytes') ?? 0);
    if (url.pathname === '/endless') {
      res.writeHead(200);
      return stream(res, Infinity, (sent) => endlessSent.push(sent));
    }
    if (url.pathname === '/big') {
      res.writeHead(200);
      return stream(res, bytes);
    }
    if (url.pathname === '/trickle') {
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(drip));
      return;
    }
    if (url.pathname === '/slow') {
      // Answers a little later: long after a timer wrapped around to 1 ms would have fired.
      return void setTimeout(() => res.writeHead(200).end('late'), 150);
    }
    if (url.pathname === '/moved') {
      res.writeHead(302, { location: `/big?bytes=${bytes}` });
      return void res.end('redirect body that must not be streamed');
    }
    if (url.pathname === '/limited') {
      limited += 1;
      if (limited === 1) return void res.writeHead(429, { 'retry-after': '30' }).end('wait');
      return void res.writeHead(200).end('ok');
    }
    res.writeHead(404).end();
  });
});
afterAll(async () => {
  await closeDispatchers();
  await server.close();
});

/** A Writable that keeps what it gets; `hold` keeps its callbacks until released. */
function collector(options: { hold?: boolean; highWaterMark?: number } = {}) {
  const chunks: Buffer[] = [];
  let held: (() => void)[] = [];
  let holding = options.hold ?? false;
  const writable = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (holding) held.push(() => callback());
      else callback();
    },
  });
  return {
    writable,
    bytes: () => chunks.reduce((sum, c) => sum + c.length, 0),
    heldWrites: () => held.length,
    release() {
      holding = false;
      const callbacks = held;
      held = [];
      callbacks.forEach((callback) => callback());
    },
  };
}

describe('the body cap', () => {
  it('stops the download of an endless body at the cap and marks it truncated', async () => {
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/endless`, headers: {} },
      { maxBodyBytes: MiB },
    );
    expect(response.truncated).toBe(true);
    expect(response.body.length).toBe(MiB);
    expect(response.bodyLimitBytes).toBe(MiB);
    expect(response.receivedBytes).toBeGreaterThan(MiB);
    // The server saw the connection go: it did not keep sending into the void.
    await waitFor(() => endlessSent.length > 0, 'the endless response to close');
  });

  it('keeps a body that fits whole and untruncated, with Infinity as no cap', async () => {
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/big?bytes=${3 * MiB}`, headers: {} },
      { maxBodyBytes: Infinity },
    );
    expect(response.truncated).toBe(false);
    expect(response.body.length).toBe(3 * MiB);
  });
});

describe('streaming the body (streamBodyTo)', () => {
  it('writes the body as it arrives and keeps only its first bytes', async () => {
    const sink = collector();
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/big?bytes=${5 * MiB}`, headers: {} },
      { streamBodyTo: sink.writable, maxBodyBytes: Infinity },
    );
    expect(response.streamed).toBe(true);
    expect(response.truncated).toBe(false);
    expect(sink.bytes()).toBe(5 * MiB);
    expect(response.body.length).toBe(STREAM_PREVIEW_BYTES);
    expect(response.receivedBytes).toBe(5 * MiB);
  });

  it('honours the cap while streaming: exactly the cap is written', async () => {
    const sink = collector();
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/endless`, headers: {} },
      { streamBodyTo: sink.writable, maxBodyBytes: 2 * MiB + 5 },
    );
    expect(response.truncated).toBe(true);
    expect(sink.bytes()).toBe(2 * MiB + 5);
  });

  it('never streams the body of a redirect it follows', async () => {
    const sink = collector();
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/moved?bytes=10`, headers: {} },
      { streamBodyTo: sink.writable },
    );
    expect(response.status).toBe(200);
    expect(sink.bytes()).toBe(10);
  });

  it('pauses the download while the stream is full, without calling that silence a timeout', async () => {
    const sink = collector({ hold: true, highWaterMark: 1024 });
    const sending = sendRequest(
      { method: 'GET', url: `${server.origin}/big?bytes=${4 * MiB}`, headers: {} },
      { streamBodyTo: sink.writable, timeoutMs: 1_000 },
    );
    let settled = false;
    sending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await waitFor(() => sink.heldWrites() > 0, 'a held write');
    // Held well past the silence timeout: the engine must wait for the stream, not give up.
    const pausedAt = performance.now();
    await waitFor(
      () => performance.now() - pausedAt > 2_500,
      'two and a half silence timeouts to pass',
      10_000,
    );
    expect(settled).toBe(false);
    sink.release();
    const response = await sending;
    expect(response.truncated).toBe(false);
    expect(sink.bytes()).toBe(4 * MiB);
  });
});

describe('the deadline (deadlineMs)', () => {
  it('ends a body that never finishes, naming --max-time', async () => {
    const error = await sendRequest(
      { method: 'GET', url: `${server.origin}/trickle`, headers: {} },
      { deadlineMs: 300 },
    ).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `gave up on ${new URL(server.origin).host}: the call took longer than 0.3 s (--max-time)`,
    );
  });

  it('a cancel before the deadline is still a cancel', async () => {
    const controller = new AbortController();
    const sending = sendRequest(
      { method: 'GET', url: `${server.origin}/trickle`, headers: {} },
      { deadlineMs: 60_000, signal: controller.signal },
    );
    controller.abort();
    await expect(sending).rejects.toThrow(/was cancelled/);
  });

  it('does not start a 429 wait the deadline would cut short; the 429 is the answer', async () => {
    const before = server.received.filter((r) => r.url === '/limited').length;
    const response = await sendRequest(
      { method: 'GET', url: `${server.origin}/limited`, headers: {} },
      // The advised 30 s wait is longer than the 10 s deadline; the request itself takes milliseconds.
      { deadlineMs: 10_000, retryOn429: { maxWaitMs: 60_000, maxRetries: 3 } },
    );
    expect(response.status).toBe(429);
    expect(server.received.filter((r) => r.url === '/limited').length - before).toBe(1);
  });
});

describe('timer values Node cannot hold', () => {
  it.each([
    ['timeoutMs', { timeoutMs: 99_999_999_999_000 }],
    ['deadlineMs', { deadlineMs: 99_999_999_999_000 }],
  ])(
    'a %s past 2^31-1 ms waits (as good as forever) instead of wrapping to 1 ms',
    async (_name, options) => {
      const response = await sendRequest(
        { method: 'GET', url: `${server.origin}/slow`, headers: {} },
        options,
      );
      expect(response.body.toString()).toBe('late');
    },
  );
});
