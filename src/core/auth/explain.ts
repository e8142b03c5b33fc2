import * as oidc from 'openid-client';
import { KeyholeError } from '../errors.js';
import { sanitizeForTerminal } from '../http/terminal.js';
import { explainNetworkFailure, networkCode } from './network-failure.js';

export type Operation =
  | 'discovery'
  | 'client_credentials'
  | 'authorization_code'
  | 'refresh_token'
  | 'device_code'
  | 'introspection';

/** What was being attempted when a request failed, to say it in the message. */
export interface FailureContext {
  operation: Operation;
  clientId?: string;
  /** The URL last requested, for naming the host. */
  url: URL | null;
  /** The issuer as configured, for discovery: an issuer mismatch names it exactly as given. */
  issuer?: string;
  /** Values that must never appear in a message (secret, tokens, codes). */
  secrets: ReadonlyArray<string | undefined>;
}

const DOING: Record<Operation, string> = {
  discovery: 'reading the OpenID configuration',
  client_credentials: 'getting a token with the client credentials',
  authorization_code: 'exchanging the login code for a token',
  refresh_token: 'refreshing the token',
  device_code: 'the device login',
  introspection: 'asking the server about the token (introspection)',
};

/**
 * Turns whatever openid-client, undici or the server threw into a KeyholeError a person can act
 * on. Secrets and tokens are scrubbed from the text even if a server echoed them back.
 */
export function explainFailure(error: unknown, context: FailureContext): KeyholeError {
  // A KeyholeError thrown inside the transport (a response over the size cap) comes back wrapped
  // in openid-client's "something went wrong"; it already says what happened.
  const inner = error instanceof oidc.ClientError ? error.cause : undefined;
  const explained =
    error instanceof KeyholeError
      ? error
      : inner instanceof KeyholeError
        ? inner
        : explain(error, context);
  return redact(explained, context.secrets);
}

function explain(error: unknown, context: FailureContext): KeyholeError {
  const host = context.url?.host ?? 'the server';
  if (error instanceof oidc.ResponseBodyError) {
    return fromOAuthError(error.error, error.error_description, error.status, host, context, error);
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const params = error.cause[0]?.parameters;
    return fromOAuthError(
      params?.error ?? 'unauthorized',
      params?.error_description,
      error.status,
      host,
      context,
      error,
    );
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    if (error.error === 'access_denied') {
      return new KeyholeError('the login was declined or cancelled in the browser', {
        cause: error,
        hint: 'Run the login again and approve the request.',
      });
    }
    return new KeyholeError(
      `the authorization server refused the login: ${withDescription(error.error, error.error_description)}`,
      { cause: error },
    );
  }
  if (error instanceof oidc.ClientError) return fromClientError(error, host, context);
  const network = networkCode(error);
  if (network !== null) return transient(explainNetworkFailure(network, context.url, error));
  return new KeyholeError(`${DOING[context.operation]} failed: ${messageOf(error)}`, {
    cause: error,
  });
}

function fromOAuthError(
  code: string,
  description: string | undefined,
  status: number,
  host: string,
  context: FailureContext,
  cause: unknown,
): KeyholeError {
  const client = context.clientId === undefined ? 'the client' : `client "${context.clientId}"`;
  if (context.operation === 'introspection' && (status === 401 || status === 403)) {
    // Servers let only some clients introspect; a public one (no secret) seldom is one of them.
    return new KeyholeError(
      `${host} does not let ${client} introspect tokens: ${withDescription(code, description)}`,
      {
        cause,
        hint: "keyhole describes the token from the token response alone; the server's admin knows which clients may introspect.",
      },
    );
  }
  if (status >= 500 || code === 'server_error' || code === 'temporarily_unavailable') {
    return serverError(context, host, status, cause, description);
  }
  switch (code) {
    case 'invalid_client':
      return new KeyholeError(
        `${host} rejected ${client}: the client id or secret is wrong for this tenant`,
        {
          cause,
          hint: 'Check the client id, and store the secret again if it was regenerated or has expired.',
        },
      );
    case 'invalid_grant':
      if (context.operation === 'refresh_token') {
        // Who can start a new session depends on the profile; the token service says how.
        return new KeyholeError(
          `the session has ended: ${host} refused the refresh token (expired, revoked or already used)`,
          { cause, code: 'session_ended' },
        );
      }
      if (context.operation === 'authorization_code') {
        return new KeyholeError(
          `${host} refused the login code (expired, already used, or the PKCE check failed)`,
          { cause, hint: 'Run the login again.' },
        );
      }
      break;
    case 'unauthorized_client':
      return new KeyholeError(
        `${client} is not allowed to use this grant at ${host}${suffix(description)}`,
        { cause, hint: "Enable the grant type in the client's settings on the server." },
      );
    case 'invalid_scope':
      return new KeyholeError(`${host} refused the requested scopes${suffix(description)}`, {
        cause,
        hint: 'Ask only for scopes the client has been granted.',
      });
    case 'unsupported_grant_type':
      return new KeyholeError(`${host} does not support this grant type${suffix(description)}`, {
        cause,
      });
    case 'access_denied':
      return new KeyholeError('the login was declined', {
        cause,
        hint: 'Run the login again and approve it.',
      });
    case 'expired_token':
      return new KeyholeError('the device code expired before the login was approved', {
        cause,
        hint: 'Run the login again and enter the new code sooner.',
      });
  }
  return new KeyholeError(
    `${DOING[context.operation]} failed: ${host} answered ${status} ${withDescription(code, description)}`,
    { cause },
  );
}

function fromClientError(error: oidc.ClientError, host: string, context: FailureContext) {
  const doing = DOING[context.operation];
  const cause = error.cause;
  const response = responseOf(cause);
  if (response !== null && response.status >= 300 && response.status < 400) {
    return redirected(context, host, response, error);
  }
  if (response !== null && response.status >= 500) {
    return serverError(context, host, response.status, error);
  }
  const claimed = issuerClaimed(cause);
  if (claimed !== null) {
    return new KeyholeError(
      `${host} says its issuer is ${claimed}, not ${context.issuer ?? context.url?.href ?? 'the URL given'}`,
      { cause: error, hint: `Use ${claimed} as the issuer URL if that server is trusted.` },
    );
  }
  switch (error.code) {
    case 'OAUTH_RESPONSE_IS_NOT_JSON': {
      const response = cause instanceof Object && 'status' in cause ? (cause as Response) : null;
      const type = response?.headers.get('content-type') ?? 'no content type';
      return new KeyholeError(
        `${doing} failed: ${host} answered HTTP ${response?.status ?? '?'} with ${type}, not JSON`,
        {
          cause: error,
          hint: `Check that ${context.url?.href ?? 'the URL'} is the OAuth endpoint; a login page or proxy may be answering instead.`,
        },
      );
    }
    case 'OAUTH_PARSE_ERROR':
      return new KeyholeError(`${doing} failed: ${host} sent a response that is not valid JSON`, {
        cause: error,
      });
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM': {
      const status =
        cause instanceof Object && 'status' in cause ? (cause as Response).status : '?';
      return new KeyholeError(`${doing} failed: ${host} answered with HTTP ${status}`, {
        cause: error,
        hint: `Check that ${context.url?.href ?? 'the URL'} is the OAuth endpoint.`,
      });
    }
    case 'OAUTH_HTTP_REQUEST_FORBIDDEN':
      return new KeyholeError(
        `${doing} failed: keyhole sends credentials over https only (except to 127.0.0.1/localhost)`,
        { exitCode: 2, cause: error },
      );
    case 'OAUTH_TIMEOUT':
      return new KeyholeError(`${doing} failed: ${host} did not answer in time`, { cause: error });
    case 'OAUTH_ABORT':
      return new KeyholeError(`${doing} was cancelled`, { cause: error });
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
    case 'OAUTH_INVALID_RESPONSE':
      return new KeyholeError(
        `${doing} failed: the response from ${host} did not pass the checks (${detail(error)})`,
        {
          cause: error,
          hint: 'If the issuer was typed by hand, check it, or let keyhole discover it.',
        },
      );
  }
  // openid-client wraps what it does not recognise; a network failure may be inside.
  const network = networkCode(cause);
  if (network !== null) return transient(explainNetworkFailure(network, context.url, error));
  return new KeyholeError(`${doing} failed: ${detail(error)}`, { cause: error });
}

/** The HTTP response an openid-client error was about, when it carries one. */
function responseOf(cause: unknown): Response | null {
  return cause instanceof Object && 'status' in cause && 'headers' in cause
    ? (cause as Response)
    : null;
}

/**
 * A redirect keyhole did not follow: one to another origin (or too many), or any redirect of a
 * token request, which would carry the client secret or a code to wherever it points.
 */
function redirected(
  context: FailureContext,
  host: string,
  response: Response,
  cause: unknown,
): KeyholeError {
  const location = response.headers.get('location');
  const target = location === null ? null : shownUrl(location, context.url);
  const where = target === null ? 'without a Location' : `to ${target}`;
  const hint =
    target === null
      ? `Check that ${context.url?.href ?? 'the URL'} is the right address.`
      : context.operation === 'discovery'
        ? `keyhole follows redirects only within the same origin; if ${target} is the server you meant, use its address as the issuer.`
        : `keyhole does not send credentials on to a redirect; if ${target} is the right endpoint, set it in the profile.`;
  return new KeyholeError(
    `${DOING[context.operation]} failed: ${host} answered HTTP ${response.status}, a redirect ${where}`,
    { cause, hint },
  );
}

/** A Location as it may be shown: parsed (so control characters are escaped) or sanitized. */
function shownUrl(location: string, base: URL | null): string {
  try {
    return new URL(location, base ?? undefined).href;
  } catch {
    return JSON.stringify(sanitizeForTerminal(location.slice(0, 200)));
  }
}

/** A 5xx (or the server's own `server_error`): nothing is wrong with the request; try again. */
function serverError(
  context: FailureContext,
  host: string,
  status: number,
  cause: unknown,
  description?: string,
): KeyholeError {
  return new KeyholeError(
    `${DOING[context.operation]} failed: ${host} answered HTTP ${status}${suffix(description)}, a server error`,
    {
      cause,
      code: 'transient',
      hint: 'Server error, try again: the server failed, not the request.',
    },
  );
}

/** Marks a connection-level failure as worth retrying, keeping its message and hint. */
function transient(error: KeyholeError): KeyholeError {
  return new KeyholeError(error.message, {
    cause: error.cause,
    code: 'transient',
    ...(error.hint !== undefined && { hint: error.hint }),
  });
}

/** The issuer a discovery document named, when openid-client refused it for not matching. */
function issuerClaimed(cause: unknown): string | null {
  if (!(cause instanceof Object) || (cause as { attribute?: unknown }).attribute !== 'issuer') {
    return null;
  }
  const issuer = (cause as { body?: { issuer?: unknown } }).body?.issuer;
  return typeof issuer === 'string' ? issuer : null;
}

function detail(error: Error): string {
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`;
}

function withDescription(code: string, description: string | undefined): string {
  return `${code}${suffix(description)}`;
}

function suffix(description: string | undefined): string {
  return description ? ` (${description})` : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function redact(error: KeyholeError, secrets: ReadonlyArray<string | undefined>): KeyholeError {
  const scrub = (text: string): string =>
    secrets.reduce<string>(
      (out, secret) =>
        secret !== undefined && secret.length >= 4 ? out.split(secret).join('[redacted]') : out,
      text,
    );
  const message = scrub(error.message);
  const hint = error.hint === undefined ? undefined : scrub(error.hint);
  if (message === error.message && hint === error.hint) return error;
  return new KeyholeError(message, {
    exitCode: error.exitCode,
    ...(hint !== undefined && { hint }),
    ...(error.code !== undefined && { code: error.code }),
    cause: error.cause,
  });
}
