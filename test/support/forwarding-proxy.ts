import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does with the requests it is told to fail. */
export type ProxyMode = 'forward' | 'fail-503' | 'drop' | 'hold';

export interface ForwardingProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Requests that reached the proxy, as `METHOD /path` and what was done with each. */
  readonly seen: Array<{ request: string; mode: ProxyMode }>;
  /**
   * From now on, requests for which `applies` holds (default: all) get `mode`; the others are
   * forwarded. `'drop'` closes the connection without an answer, as a crashed server or a
   * broken load balancer does. `'hold'` keeps the request waiting until `release()`: a test
   * can then see the client's "in flight" state for certain, however fast the server is.
   */
  set(mode: ProxyMode, applies?: (method: string, path: string) => boolean): void;
  /** Forwards every held request. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A real HTTP forwarding proxy on 127.0.0.1 in front of `target`: it passes requests and
 * answers through byte for byte (Host header included, so the server builds its URLs with the
 * proxy's address), until told to answer 503 or to drop the connection instead.
 */
export async function startForwardingProxy(target: string): Promise<ForwardingProxy> {
  const upstream = new URL(target);
  const seen: Array<{ request: string; mode: ProxyMode }> = [];
  const sockets = new Set<Socket>();
  let mode: ProxyMode = 'forward';
  let applies: (method: string, path: string) => boolean = () => true;
  const held: Array<() => void> = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const chosen = applies(method, new URL(path, 'http://x').pathname) ? mode : 'forward';
    seen.push({ request: `${method} ${path}`, mode: chosen });
    if (chosen === 'drop') {
      req.socket.destroy();
      return;
    }
    if (chosen === 'fail-503') {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '1' });
      res.end('<html><body>503 Service Unavailable</body></html>');
      return;
    }
    const forward = () => {
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method,
          path,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => res.destroy());
      req.pipe(forwarded);
    };
    if (chosen === 'hold') held.push(forward);
    else forward();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    set(next, filter) {
      mode = next;
      applies = filter ?? (() => true);
    },
    release() {
      for (const forward of held.splice(0)) forward();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
