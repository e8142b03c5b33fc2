import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { findClient, type DemoClient } from '../clients.js';
import { oauthError } from '../errors.js';

// Hashing first gives equal-length buffers, so the comparison takes the same time for any input.
const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

interface Presented {
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly basic: boolean;
}

function fromBasic(header: string): Presented | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 section 2.3.1: both halves are form-urlencoded before being joined.
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  try {
    return {
      clientId: decode(decoded.slice(0, colon)),
      clientSecret: decode(decoded.slice(colon + 1)),
      basic: true,
    };
  } catch {
    return undefined;
  }
}

/**
 * Authenticates the client from the form (SailPoint's documented way) or HTTP Basic. Using both
 * at once is refused, as RFC 6749 section 2.3 requires.
 */
export function authenticateClient(req: IncomingMessage, params: URLSearchParams): DemoClient {
  const header = req.headers.authorization;
  const basic = header ? fromBasic(header) : undefined;
  if (header && !basic && /^Basic\b/i.test(header)) {
    throw oauthError(401, 'invalid_client', 'The Basic authorization header is malformed.', {
      'WWW-Authenticate': 'Basic realm="keyhole-demo"',
    });
  }
  const formId = params.get('client_id') ?? undefined;
  const formSecret = params.get('client_secret') ?? undefined;
  if (basic && formSecret !== undefined) {
    throw oauthError(400, 'invalid_request', 'Send the client secret in one place, not two.');
  }
  if (basic && formId !== undefined && formId !== basic.clientId) {
    throw oauthError(400, 'invalid_request', 'client_id does not match the Basic credentials.');
  }
  const presented: Presented = basic ?? {
    clientId: formId,
    clientSecret: formSecret,
    basic: false,
  };
  const client = presented.clientId ? findClient(presented.clientId) : undefined;
  const secret = presented.clientSecret;
  if (!client || secret === undefined || !sameSecret(secret, client.clientSecret)) {
    throw oauthError(
      401,
      'invalid_client',
      'Bad client credentials',
      presented.basic ? { 'WWW-Authenticate': 'Basic realm="keyhole-demo"' } : {},
    );
  }
  return client;
}
