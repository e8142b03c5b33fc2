import { sanitizeForTerminal } from '../http/terminal.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

/** What a failed response says about itself, from its Bearer challenge and its body. */
export interface ServerSays {
  /**
   * The error code: RFC 6750's `invalid_token`/`insufficient_scope`, an OAuth `error`, or a
   * vendor's (Entra `Authorization_RequestDenied` or `AADSTS50013`, Okta `E0000006`,
   * SailPoint `403 Forbidden`). Null when the server gave none.
   */
  code: string | null;
  /** The server's own words, cleaned of control characters and cut to a sentence's length. */
  message: string | null;
  /** Scopes the server says the request needs (RFC 6750 `scope`, `required_scopes`, …). */
  requiredScopes: string[];
}

/** How much of a server's message an explanation quotes. */
const MESSAGE_LIMIT = 200;

type Json = Record<string, unknown>;

/**
 * Reads a 401/403: the `WWW-Authenticate: Bearer error=…, error_description=…, scope=…`
 * challenge (RFC 6750 §3) first, then the body shapes servers use: OAuth's
 * `error`/`error_description` with `scope` or `required_scopes`, Entra's
 * `{"error":{"code","message"}}` (with AADSTS codes), Okta's `errorCode`/`errorSummary` and
 * SailPoint's `detailCode`/`messages`.
 */
export function readServerSays(
  headers: Record<string, string | string[]>,
  bodyText: string,
): ServerSays {
  const bearer = parseWwwAuthenticate(headers['www-authenticate']).find(
    (challenge) => challenge.scheme === 'bearer',
  )?.params;
  const body = parseJson(bodyText);
  const fromBody = body === null ? null : readBody(body);
  const message = bearer?.['error_description'] ?? fromBody?.message ?? null;
  const code = bearer?.['error'] ?? fromBody?.code ?? aadstsCode(message);
  const scopes = bearer?.['scope'] ?? null;
  return {
    code: code === null ? null : clean(code),
    message: message === null ? null : clean(message),
    requiredScopes: scopes !== null ? splitScopes(scopes) : (fromBody?.requiredScopes ?? []),
  };
}

function readBody(body: Json): ServerSays {
  const requiredScopes = firstScopes(body, [
    'required_scopes',
    'requiredScopes',
    'scope',
    'scopes',
  ]);
  const error = body['error'];
  // Entra (Graph and most Microsoft APIs): {"error":{"code":"…","message":"…"}}
  if (isObject(error)) {
    const message = text(error['message']);
    return { code: text(error['code']) ?? aadstsCode(message), message, requiredScopes };
  }
  if (typeof error === 'string') {
    const description = text(body['error_description']) ?? text(body['message']);
    // SailPoint's gateway sends a sentence as `error` ("JWT validation failed: JWT is expired").
    if (description === null && /\s/.test(error.trim())) {
      return { code: aadstsCode(error), message: error, requiredScopes };
    }
    return { code: error, message: description, requiredScopes };
  }
  // Okta: {"errorCode":"E0000006","errorSummary":"You do not have permission …"}
  if (text(body['errorCode']) !== null || text(body['errorSummary']) !== null) {
    const causes = Array.isArray(body['errorCauses']) ? body['errorCauses'] : [];
    const cause = causes.map((c) => (isObject(c) ? text(c['errorSummary']) : null)).find(Boolean);
    const summary = text(body['errorSummary']);
    return {
      code: text(body['errorCode']),
      message: cause && summary ? `${summary}: ${cause}` : (summary ?? cause ?? null),
      requiredScopes,
    };
  }
  // SailPoint: {"detailCode":"403 Forbidden","messages":[{"locale":"en-US","text":"…"}]}
  if (text(body['detailCode']) !== null || Array.isArray(body['messages'])) {
    const messages = Array.isArray(body['messages']) ? body['messages'] : [];
    const english =
      messages.find((m) => isObject(m) && m['locale'] === 'en-US') ?? messages.find(isObject);
    return {
      code: text(body['detailCode']),
      message: isObject(english) ? text(english['text']) : null,
      requiredScopes,
    };
  }
  return { code: null, message: text(body['message']), requiredScopes };
}

/** Entra puts its AADSTS code inside the message ("AADSTS500011: The resource …"). */
function aadstsCode(message: string | null): string | null {
  return message === null ? null : (/\bAADSTS\d+\b/.exec(message)?.[0] ?? null);
}

function firstScopes(body: Json, names: readonly string[]): string[] {
  for (const name of names) {
    const value = body[name];
    const scopes =
      typeof value === 'string'
        ? splitScopes(value)
        : Array.isArray(value)
          ? value.filter((s): s is string => typeof s === 'string').flatMap(splitScopes)
          : [];
    if (scopes.length > 0) return scopes.map(clean);
  }
  return [];
}

function splitScopes(value: string): string[] {
  return value.split(/[\s,]+/).filter((scope) => scope !== '');
}

function parseJson(bodyText: string): Json | null {
  try {
    const value: unknown = JSON.parse(bodyText);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Server text goes into sentences shown on a terminal: escape sequences and control characters
 * are removed, line breaks become spaces and a long message is cut.
 */
function clean(value: string): string {
  const flat = sanitizeForTerminal(value).replace(/\s+/g, ' ').trim();
  return flat.length > MESSAGE_LIMIT ? `${flat.slice(0, MESSAGE_LIMIT - 1)}…` : flat;
}
