import { createServer, type AddressInfo, type Socket } from 'node:net';

/** What a raw server answers: every byte of the status line and headers is the test's choice. */
export interface RawResponse {
  status: number;
  /** Sent as it is after the status code, control characters included. */
  reason: string;
  /** Name/value pairs sent as they are (Node's http refuses control characters in them). */
  headers?: readonly (readonly [string, string])[];
  body?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  body: string;
}

export interface RawServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * An HTTP/1.1 server on 127.0.0.1 written on node:net, for bytes a well-behaved HTTP library
 * will not send: escape sequences in the reason phrase and in header names and values. One
 * request per connection (`Connection: close`); the request body is read to its Content-Length.
 */
export async function startRawServer(
  answer: (request: RawRequest) => RawResponse,
): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      socket.off('data', onData);
      const [method = '', path = ''] = head.split('\r\n')[0]?.split(' ') ?? [];
      const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      socket.end(serialize(answer({ method, path, body })));
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serialize(response: RawResponse): Buffer {
  const body = Buffer.from(response.body ?? '', 'utf8');
  const headers = [
    ...(response.headers ?? []),
    ['Content-Length', String(body.length)],
    ['Connection', 'close'],
  ];
  const head =
    `HTTP/1.1 ${response.status} ${response.reason}\r\n` +
    headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    '\r\n';
  return Buffer.concat([Buffer.from(head, 'utf8'), body]);
}
