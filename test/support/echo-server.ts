import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer, type TestServer } from './http-servers.js';

/**
 * A careless API on 127.0.0.1 that hands back whatever credentials it is sent, the way debug
 * endpoints and httpbin-like services do:
 *  - every response echoes the Authorization header whole in `X-Echo`, its first 40 and last 20
 *    characters in `X-Debug`, and X-API-Key in `X-Echo-Key`;
 *  - `/echo` answers JSON with the request's headers, query and body;
 *  - `/big?size=N&keep=K` answers N bytes of text in which the Authorization value sits so that
 *    a cut at `cut` (default 65536) bytes keeps exactly K characters of it;
 *  - `/away` redirects (307) to `/landing` on `other`, `/pages` links rel="next" to `other`;
 *  - `/oauth/token` issues `token` for client_credentials when the client secret is `secret`;
 *  - `/hold` does not answer until `release()` is called, so a test can look at `ps` meanwhile.
 */
export interface EchoServer extends TestServer {
  /** Answers every held request. */
  release(): void;
  /** Requests waiting in /hold. */
  held(): number;
}

export async function startEchoServer(
  options: { other?: () => string; token?: string; secret?: string } = {},
): Promise<EchoServer> {
  const waiting: (() => void)[] = [];
  const server = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const answer = () => respond(req, res, body, url, options);
    if (url.pathname === '/hold') waiting.push(answer);
    else answer();
  });
  return Object.assign(server, {
    release: () => waiting.splice(0).forEach((answer) => answer()),
    held: () => waiting.length,
  });
}

function echoHeaders(req: IncomingMessage): Record<string, string> {
  const authorization = req.headers.authorization ?? '';
  const key = req.headers['x-api-key'];
  return {
    'x-echo': authorization,
    'x-debug': `first=${authorization.slice(0, 40)}; last=${authorization.slice(-20)}`,
    ...(typeof key === 'string' ? { 'x-echo-key': key } : {}),
  };
}

function respond(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  url: URL,
  options: { other?: () => string; token?: string; secret?: string },
): void {
  const echoed = echoHeaders(req);
  switch (url.pathname) {
    case '/oauth/token': {
      const form = new URLSearchParams(body);
      const basic = req.headers.authorization?.startsWith('Basic ')
        ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':')[1]
        : undefined;
      const secret = form.get('client_secret') ?? (basic && decodeURIComponent(basic));
      if (options.token === undefined || secret !== options.secret) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_client' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ access_token: options.token, token_type: 'bearer', expires_in: 3600 }),
      );
      return;
    }
    case '/big': {
      const size = Number(url.searchParams.get('size') ?? 70_000);
      const keep = Number(url.searchParams.get('keep') ?? 422);
      const cut = Number(url.searchParams.get('cut') ?? 65_536);
      const value = req.headers.authorization ?? '';
      const credentialAt = value.indexOf(' ') + 1;
      const before = 'x'.repeat(cut - keep - credentialAt);
      const text = `${before}${value}`;
      res.writeHead(200, { ...echoed, 'content-type': 'text/plain' });
      res.end(text + 'y'.repeat(Math.max(0, size - text.length)));
      return;
    }
    case '/away':
      res.writeHead(307, { location: `${options.other?.() ?? ''}/landing` }).end();
      return;
    case '/pages':
      res.writeHead(200, {
        ...echoed,
        'content-type': 'application/json',
        link: `<${options.other?.() ?? ''}/page2>; rel="next"`,
      });
      res.end('["one"]');
      return;
    default:
      res.writeHead(url.pathname.startsWith('/fail') ? 500 : 200, {
        ...echoed,
        'content-type': 'application/json',
      });
      res.end(
        JSON.stringify({
          headers: req.headers,
          query: Object.fromEntries(url.searchParams),
          body,
          note: `you sent ${req.headers.authorization ?? 'nothing'}`,
        }),
      );
  }
}
