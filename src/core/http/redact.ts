/*
 * Every view of a request (verbose output, history, error reports, the TUI) goes through these
 * functions, so a screenshot or a pasted log never carries a usable credential. A short prefix
 * stays visible: it is enough to tell two tokens apart, and useless to an attacker.
 */

import { plural } from '../text/plural.js';
import { isCredentialHeader } from './credentials.js';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);
const COOKIE_HEADERS = new Set(['cookie', 'set-cookie']);
/** Challenges name a scheme and scopes, never a credential: shown as they are. */
const CHALLENGE_HEADERS = new Set(['www-authenticate', 'proxy-authenticate']);
/** Query parameters that carry secrets: client_secret, access_token, api_key, sig, … */
const SECRET_PARAM =
  /^(.*(secret|token|password|passwd|pwd|api[-_]?key|apikey|assertion|signature)|sig|key|code_verifier)$/i;

/** Whether a query or body parameter is named like a secret (client_secret, password, token, …). */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name);
}

/** What redactValue writes, so a value redacted once is recognised and kept as it is. */
const REDACTED_VALUE = /^([^…]{0,8})…\(redacted, (\d+) chars?\)$/s;

/**
 * `eyJhbGciOiJSUzI1NiJ9…` → `eyJhbGci…(redacted, 812 chars)`. At most 8 characters stay visible,
 * and never more than a third of a short value; with `prefix: false` none (what history stores).
 * The one redaction of a credential every view shows (header cards, request rows, `call -v`,
 * history): a value already redacted keeps the length of the original, never its own 30 chars.
 */
export function redactValue(value: string, options: { prefix?: boolean } = {}): string {
  if (value === '') return value;
  const again = REDACTED_VALUE.exec(value);
  const length = again ? Number(again[2]) : value.length;
  const shown = again ? (again[1] as string) : value.slice(0, Math.min(8, Math.floor(length / 3)));
  return `${options.prefix === false ? '' : shown}…(redacted, ${plural(length, 'char')})`;
}

/** `Bearer x` keeps the scheme; a value without a scheme is redacted whole. */
export function redactCredential(value: string, options: { prefix?: boolean } = {}): string {
  const match = /^([A-Za-z][\w.+-]*)(\s+)(\S.*)$/s.exec(value);
  if (!match) return redactValue(value, options);
  const [, scheme, space, credential] = match as unknown as [string, string, string, string];
  return `${scheme}${space}${redactValue(credential, options)}`;
}

/** `a=1; b=2` → each value redacted, names kept. */
function redactCookie(value: string): string {
  return value
    .split(';')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return `${pair.slice(0, eq)}=${redactValue(pair.slice(eq + 1).trim())}`;
    })
    .join(';');
}

/** `id=abc; Path=/; HttpOnly` → only the cookie's value is redacted, attributes stay readable. */
function redactSetCookie(value: string): string {
  const semi = value.indexOf(';');
  const first = semi < 0 ? value : value.slice(0, semi);
  const rest = semi < 0 ? '' : value.slice(semi);
  return redactCookie(first) + rest;
}

function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(lower)) return redactCredential(value);
  if (lower === 'cookie') return redactCookie(value);
  if (lower === 'set-cookie') return redactSetCookie(value);
  // The same names the engine keeps from other origins (X-API-Key, Ocp-Apim-Subscription-Key, …).
  if (!COOKIE_HEADERS.has(lower) && !CHALLENGE_HEADERS.has(lower) && isCredentialHeader(lower)) {
    return redactValue(value);
  }
  return value;
}

/**
 * A copy of the headers fit for display: Authorization and Proxy-Authorization keep their scheme
 * and the first characters of the credential, cookie values are redacted, and headers named like
 * secrets (X-API-Key, …) are redacted whole. Names keep their case; undefined values are dropped.
 */
export function redactHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] =
      typeof value === 'string'
        ? redactHeader(name, value)
        : value.map((item) => redactHeader(name, item));
  }
  return out;
}

/**
 * The URL with secret-looking query parameters (client_secret, access_token, token, password,
 * api_key, …) and any password in the user-info replaced by a redaction note. The rest is kept
 * byte for byte, so the result still reads like what was typed. Text that is not a URL comes back
 * unchanged.
 */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const withoutHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const queryAt = withoutHash.indexOf('?');
  const base = redactUserInfo(queryAt < 0 ? withoutHash : withoutHash.slice(0, queryAt));
  if (queryAt < 0) return base + hash;
  const query = withoutHash
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      return SECRET_PARAM.test(name)
        ? `${pair.slice(0, eq)}=${redactParam(pair.slice(eq + 1))}`
        : pair;
    })
    .join('&');
  return `${base}?${query}${hash}`;
}

/** Like redactValue, but measured on the decoded value and without spaces, to stay one token. */
function redactParam(encoded: string): string {
  const value = safeDecode(encoded);
  if (value === '') return encoded;
  return `${encoded.slice(0, Math.min(4, Math.floor(value.length / 3)))}…(redacted,${value.length})`;
}

function redactUserInfo(base: string): string {
  // Most URLs have no user-info: no regex for them.
  if (!base.includes('@')) return base;
  return base.replace(
    /^([a-z][a-z\d+.-]*:\/\/[^/@:]*):([^/@]*)@/i,
    (_, user: string, pass: string) =>
      pass === '' ? `${user}:@` : `${user}:${redactParam(pass)}@`,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
