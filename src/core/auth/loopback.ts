import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyholeError } from '../errors.js';

const CALLBACK_PATH = '/callback';

/** The browser's request to the redirect URI, held open until keyhole knows how the login went. */
export interface Callback {
  /** The full redirect URL as the browser requested it, query included. */
  url: URL;
  /** Answers the browser with a short page and ends the request. */
  reply(status: number, text: string): void;
}

/** A one-shot HTTP listener on 127.0.0.1 for the authorization response (RFC 8252 §7.3). */
export interface LoopbackListener {
  redirectUri: string;
  /**
   * Resolves with the first request to /callback, whether it came before or after the call;
   * rejects on abort, on timeout, or when the listener is closed first.
   */
  wait(options: { signal?: AbortSignal; timeoutMs: number }): Promise<Callback>;
  close(): Promise<void>;
}

/**
 * Binds 127.0.0.1 only: the code must not be reachable from the network. Other paths (the
 * browser's favicon request) get a 404; callbacks after the first get a 409.
 */
export async function listenOnLoopback(
  port: number,
  host: '127.0.0.1' | 'localhost',
): Promise<LoopbackListener> {
  let received: Callback | null = null;
  let onReceived: ((callback: Callback) => void) | null = null;
  let onClosed: (() => void) | null = null;
  let actualPort = port;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${host}:${actualPort}`);
    if (url.pathname !== CALLBACK_PATH || request.method !== 'GET') {
      reply(response, 404, 'Not found.');
    } else if (received !== null) {
      reply(response, 409, 'keyhole already received a login response; check the terminal.');
    } else {
      received = { url, reply: (status, text) => reply(response, status, text) };
      onReceived?.(received);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new KeyholeError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on 127.0.0.1 is in use, so the login redirect cannot be received`
            : `could not listen on 127.0.0.1:${port} for the login redirect (${error.message})`,
          {
            cause: error,
            hint: 'Close the program using that port, or register and use another redirect port.',
          },
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  actualPort = (server.address() as AddressInfo).port;

  return {
    redirectUri: `http://${host}:${actualPort}${CALLBACK_PATH}`,
    wait({ signal, timeoutMs }) {
      return new Promise<Callback>((resolve, reject) => {
        const settle = (outcome: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          onReceived = null;
          onClosed = null;
          outcome();
        };
        const onAbort = () =>
          settle(() =>
            reject(new KeyholeError('the login was cancelled', { cause: signal?.reason })),
          );
        const timer = setTimeout(
          () =>
            settle(() =>
              reject(
                new KeyholeError(
                  `the login did not finish within ${Math.round(timeoutMs / 1000)} s`,
                  { hint: 'Run the login again and complete it in the browser.' },
                ),
              ),
            ),
          timeoutMs,
        );
        onReceived = (callback) => settle(() => resolve(callback));
        onClosed = () => settle(() => reject(new KeyholeError('the login listener was closed')));
        if (received !== null) onReceived(received);
        else if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    close() {
      onClosed?.();
      received?.reply(503, 'keyhole stopped waiting for this login.');
      return new Promise((resolve) => {
        // Replies carry `connection: close`, so this waits only for a reply still being written;
        // a browser that holds a socket open anyway is cut off after a moment.
        const force = setTimeout(() => server.closeAllConnections(), 1_000).unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

/** Replies once; later calls are ignored, so every path can safely answer the browser. */
function reply(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) return;
  const escaped = text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  response
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'close',
    })
    .end(
      `<!doctype html><meta charset="utf-8"><title>keyhole</title>` +
        `<p style="font-family:sans-serif">${escaped}</p>\n`,
    );
}
