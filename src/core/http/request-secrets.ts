/*
 * The values in a request that are secret by where they sit: credential headers, the password
 * of the URL's user-info, and query or body parameters named like secrets (client_secret,
 * password, token, api_key, …). A server that echoes them back must not get them shown or stored.
 */
import { isCredentialHeader } from './credentials.js';
import { isSecretParam } from './redact.js';
import type { OutgoingRequest } from './types.js';

/**
 * Every secret value the request carries, with the credential part of `Scheme value` headers.
 * `parsed` is request.url already parsed, when the caller has it.
 */
export function secretsInRequest(request: OutgoingRequest, parsed?: URL): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (isCredentialHeader(name)) found.push(...credentialParts(name, value));
  }
  const url = parsed ?? (URL.canParse(request.url) ? new URL(request.url) : null);
  if (url !== null) {
    if (url.password !== '') found.push(safeDecode(url.password), url.password);
    // searchParams is built on first use: a URL without a query skips it.
    if (url.search !== '') {
      for (const [name, value] of url.searchParams) if (isSecretParam(name)) found.push(value);
    }
  }
  if (request.body !== undefined) found.push(...secretsInBody(request.body.toString()));
  return found.filter((value) => value !== '');
}

/**
 * `Bearer x` → `x` (the scheme is no secret, and `Bearer (redacted)` reads better); `Basic b64`
 * → also the decoded `user:password` and the password; cookies whole and one by one.
 */
function credentialParts(name: string, value: string): string[] {
  const parts = [value];
  if (/cookie/i.test(name)) {
    for (const pair of value.split(';')) {
      const eq = pair.indexOf('=');
      if (eq >= 0) parts.push(pair.slice(eq + 1).trim());
    }
    return parts;
  }
  const match = /^([A-Za-z][\w.+-]*)\s+(\S.*)$/s.exec(value);
  if (!match) return parts;
  const [, scheme, credential] = match as unknown as [string, string, string];
  parts[0] = credential;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) parts.push(decoded, decoded.slice(colon + 1));
  }
  return parts;
}

/** Secret-named fields of a JSON body (at any depth) or of a form body. */
function secretsInBody(text: string): string[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const found: string[] = [];
      collectJson(JSON.parse(text) as unknown, found, 0);
      return found;
    } catch {
      return [];
    }
  }
  if (!/^[^=&\s]+=/.test(trimmed)) return [];
  return [...new URLSearchParams(trimmed)]
    .filter(([name]) => isSecretParam(name))
    .map(([, value]) => value);
}

function collectJson(value: unknown, found: string[], depth: number): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && isSecretParam(key)) found.push(item);
    else collectJson(item, found, depth + 1);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
