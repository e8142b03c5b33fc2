import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import type { TenantContext } from './context.js';
import { unauthorized } from './errors.js';
import { verifyAccessToken, type Principal } from './tokens.js';

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The verified caller, or the gateway's 401 when the token is missing, bad or expired. */
export async function authenticate(
  context: TenantContext,
  req: IncomingMessage,
): Promise<Principal> {
  const token = bearerToken(req);
  if (!token) throw unauthorized('JWT is missing');
  return verifyAccessToken(context, token);
}

/**
 * Whom a request counts against for rate limiting: the token's client, else the remote address.
 * The token is only decoded here, not verified: limiting happens before authentication, as at a
 * gateway. A forged token can spend the budget of the client it names; for a local demo that is
 * an acceptable price for not paying a signature check on requests that get a 429.
 */
export function rateLimitKey(req: IncomingMessage): string {
  const token = bearerToken(req);
  if (token) {
    try {
      const clientId = decodeJwt(token).client_id;
      if (typeof clientId === 'string') return `client:${clientId}`;
    } catch {
      // Not a JWT: fall through to the address.
    }
  }
  return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
}
