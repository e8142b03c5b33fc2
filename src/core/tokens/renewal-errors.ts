import { KeyholeError } from '../errors.js';
import { sanitizeForTerminal } from '../http/terminal.js';
import type { Profile } from '../profiles/schema.js';
import type { TokenResult } from './service.js';
import { shellQuote } from '../curl/shell.js';

/**
 * A refresh that failed for any reason but a refused refresh token: a 5xx, a dropped
 * connection, a wrong client secret. The refresh token is kept, so the message says the session
 * goes on, and a server error says to try again.
 */
export function refreshFailed(profile: Profile, error: unknown): KeyholeError {
  if (!(error instanceof KeyholeError)) return refreshFailed(profile, wrap(error));
  const transient = error.code === 'transient';
  const kept = 'the refresh token is kept, so the session goes on once this is fixed';
  const what = `could not refresh the token of profile "${profile.name}"`;
  const detail = error.message.replace(/^refreshing the token failed: /, '');
  const message = transient ? `${what} (server error, try again): ${detail}` : `${what}: ${detail}`;
  return new KeyholeError(message, {
    cause: error,
    exitCode: error.exitCode,
    ...(error.code !== undefined && { code: error.code }),
    hint: transient
      ? 'Try again shortly: the refresh token is kept, so the session is not lost.'
      : error.hint === undefined
        ? `${capitalize(kept)}.`
        : `${error.hint} (${kept})`,
  });
}

/** A refresh token refused at a login profile, where nobody is at hand to log in again. */
export function sessionOver(profile: Profile, error: unknown): KeyholeError {
  return new KeyholeError(
    `the session of profile "${profile.name}" has ended (refresh token expired, revoked or already used)`,
    {
      cause: error,
      code: 'session_ended',
      hint: `Log in again with \`keyhole login ${profile.name}\`.`,
    },
  );
}

/**
 * A `refresh_token` profile has no login: its refresh token came from elsewhere, and once the
 * server refuses it only a new one helps.
 */
export function refreshTokenUsedUp(profile: Profile, error: unknown): KeyholeError {
  return new KeyholeError(
    `the refresh token of profile "${profile.name}" was refused (used up, expired or revoked)`,
    {
      cause: error,
      code: 'session_ended',
      hint: `Get a new refresh token from the server and store it with \`keyhole profiles set-secret ${profile.name} --secret-stdin\`.`,
    },
  );
}

/** A warning when the ID token's issuer was taken from the token, since none was configured. */
export function unverifiedIssuerWarning(profile: Profile, result: TokenResult): string | null {
  const issuer = result.token.idTokenIssuer;
  if (issuer === undefined || result.server.issuer !== undefined) return null;
  const shown = sanitizeForTerminal(issuer);
  return `no issuer is configured, so the issuer ${shown} was taken unchecked from the ID token; to have it checked: keyhole profiles edit ${shellQuote(profile.name)} --issuer ${sanitizeForTerminal(shellQuote(issuer))}`;
}

function wrap(error: unknown): KeyholeError {
  return new KeyholeError(error instanceof Error ? error.message : String(error), { cause: error });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
