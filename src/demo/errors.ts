import { randomBytes } from 'node:crypto';

/**
 * A response that ends a request early. Handlers throw it and the router writes it, so every
 * error leaves the server in the shape SailPoint's gateway uses for that status.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** SailPoint's ErrorResponseDto, with a fresh tracking id as the real service sends. */
export function errorBody(detailCode: string, text: string) {
  return {
    detailCode,
    trackingId: randomBytes(16).toString('hex'),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
  };
}

export const badRequest = (text: string) =>
  new HttpError(400, errorBody('400.0 Bad request syntax', text));

/** What the tenant answers an experimental operation called without its header. */
export const experimentalHeaderMissing = () =>
  badRequest(
    'This API is currently in an experimental state. You must include the ' +
      'X-SailPoint-Experimental header and set it to true to use this endpoint.',
  );

export const forbidden = () =>
  new HttpError(
    403,
    errorBody('403 Forbidden', 'The server understood the request but refuses to authorize it.'),
  );

export const notFound = () =>
  new HttpError(
    404,
    errorBody(
      '404 Not found',
      'The server did not find a current representation for the target resource.',
    ),
  );

export const methodNotAllowed = (allowed: readonly string[]) =>
  new HttpError(
    405,
    errorBody('405 Method Not Allowed', 'The method is not supported by the target resource.'),
    { Allow: allowed.join(', ') },
  );

export const payloadTooLarge = () =>
  new HttpError(413, errorBody('413 Payload Too Large', 'The request body is too large.'));

/** The gateway's 401 is not an ErrorResponseDto but a bare `error` string. */
export const unauthorized = (reason: string) =>
  new HttpError(
    401,
    { error: `JWT validation failed: ${reason}` },
    { 'WWW-Authenticate': 'Bearer realm="keyhole-demo"' },
  );

/** SailPoint's 429 body really is this string, spaces included. */
export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(
    429,
    { message: ' Rate Limit Exceeded ' },
    { 'Retry-After': `${retryAfterSeconds}` },
  );

export const internalFault = () =>
  new HttpError(500, errorBody('500.0 Internal Fault', 'An internal fault occurred.'));

/** An OAuth 2.0 error response (RFC 6749 section 5.2), as the token endpoint sends. */
export const oauthError = (
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
) =>
  new HttpError(
    status,
    { error, error_description: description },
    { 'Cache-Control': 'no-store', ...headers },
  );
