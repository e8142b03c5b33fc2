import type { AccessRequestLedger } from './api/access-request-ledger.js';
import type { SigningKeys } from './keys.js';
import type { AuthorizationStore } from './oauth/authorization-store.js';
import type { SessionStore } from './oauth/session-store.js';
import type { RateLimiter } from './rate-limit.js';

/** Everything a request handler may need; one per running tenant, so tenants never share state. */
export interface TenantContext {
  /** "http://127.0.0.1:PORT": the token issuer and the base of every URL the tenant hands out. */
  readonly baseUrl: string;
  readonly keys: SigningKeys;
  readonly tokenTtlSeconds: number;
  /** Milliseconds since the epoch; injectable so tests can move time instead of sleeping. */
  readonly now: () => number;
  readonly authorizations: AuthorizationStore;
  readonly sessions: SessionStore;
  readonly rateLimiter: RateLimiter;
  readonly accessRequests: AccessRequestLedger;
}
