import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessRequestLedger } from './api/access-request-ledger.js';
import { DEMO_CLIENTS, type DemoClient } from './clients.js';
import type { TenantContext } from './context.js';
import { createSigningKeys } from './keys.js';
import { AuthorizationStore } from './oauth/authorization-store.js';
import { SessionStore } from './oauth/session-store.js';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rate-limit.js';
import { createRequestListener } from './router.js';

export { DEMO_CLIENTS, type DemoClient } from './clients.js';
export { buildDemoOpenApi, demoOpenApi } from './openapi/document.js';

/** SailPoint's access tokens live 749 seconds (12.5 minutes less a second). */
export const DEFAULT_TOKEN_TTL_SECONDS = 749;

export interface DemoTenantOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Requests allowed per caller and window. @default { max: 100, windowMs: 10000 } */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number };
  /** Access token lifetime in seconds. @default 749 */
  readonly tokenTtlSeconds?: number;
  /**
   * The tenant's clock in milliseconds since the epoch, for token expiry, code expiry and rate
   * windows. Tests pass a clock they can move forward instead of sleeping. @default Date.now
   */
  readonly now?: () => number;
}

/** A running demo tenant. */
export interface DemoTenant {
  /** "http://127.0.0.1:PORT", without a trailing slash. */
  readonly baseUrl: string;
  /** The fixed OAuth clients, secrets included. */
  readonly clients: readonly DemoClient[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be an integer >= 1`);
  return value;
}

/** The URL clients should use: a wildcard bind is still reached over loopback. */
function baseUrlOf(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts a small SailPoint-like tenant over plain HTTP: OAuth token and authorize endpoints,
 * a handful of v3/beta API operations with SailPoint's access rules and error bodies, a JWKS
 * and its own OpenAPI document. State lives in memory and dies with the tenant.
 */
export async function startDemoTenant(options: DemoTenantOptions = {}): Promise<DemoTenant> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError('port must be an integer from 0 to 65535');
  }
  const host = options.host ?? '127.0.0.1';
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const now = options.now ?? Date.now;
  const tokenTtlSeconds = positiveInteger(
    options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    'tokenTtlSeconds',
  );
  const limiter = new RateLimiter(
    positiveInteger(rateLimit.max, 'rateLimit.max'),
    positiveInteger(rateLimit.windowMs, 'rateLimit.windowMs'),
    now,
  );
  const keys = await createSigningKeys();

  const server = createServer();
  const actualPort = await listen(server, port, host);
  const context: TenantContext = {
    baseUrl: baseUrlOf(host, actualPort),
    keys,
    tokenTtlSeconds,
    now,
    authorizations: new AuthorizationStore(now),
    sessions: new SessionStore(now),
    rateLimiter: limiter,
    accessRequests: new AccessRequestLedger(),
  };
  // The listener needs the base URL, known only once bound. Attaching it in the continuation of
  // the listen callback is safe: no request event can be emitted before the next I/O turn.
  server.on('request', createRequestListener(context));

  return {
    baseUrl: context.baseUrl,
    clients: DEMO_CLIENTS,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
