/*
 * History is written to disk and kept for weeks, so it stores less than a live view shows:
 * credential headers lose even their visible prefix, and body fields named like secrets are
 * blanked. Known secrets (the access token used) are cut out wherever they appear.
 */
import { redactCredential, redactHeaders } from '../http/redact.js';
import { MIN_SECRET_LENGTH, REDACTED, scrubSecrets as scrubKnownSecrets } from '../http/scrub.js';

const SECRET_NAME = String.raw`[^"\\=&]*(?:secret|password|passwd|token|api[-_]?key|apikey|assertion|private[-_]?key)[^"\\=&]*`;
/** `"client_secret": "…"` in JSON, whole or cut short. */
const JSON_FIELD = new RegExp(String.raw`("${SECRET_NAME}"\s*:\s*)"(?:[^"\\]|\\.)*"?`, 'gi');
/** `client_secret=…` in a form body. */
const FORM_FIELD = new RegExp(String.raw`(^|&)(${SECRET_NAME})=([^&]*)`, 'gi');
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

const AUTHORIZATION_HEADERS = new Set(['authorization', 'proxy-authorization']);
const NO_PREFIX = { prefix: false } as const;

export { REDACTED };

/**
 * Cuts every known secret and every long fragment of one (see the engine's scrubSecrets) out of
 * `text`; history also cuts short secrets of 4 to 7 characters, which live views leave alone.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = scrubKnownSecrets(text, secrets).text;
  for (const secret of secrets) {
    if (secret.length >= 4 && secret.length < MIN_SECRET_LENGTH) {
      out = out.split(secret).join(REDACTED);
    }
  }
  return out;
}

/** Body text with secret-named JSON fields and form parameters blanked, then known secrets cut. */
export function redactBodyText(text: string, secrets: readonly string[]): string {
  const trimmed = text.trimStart();
  let out =
    trimmed.startsWith('{') || trimmed.startsWith('[')
      ? text.replace(JSON_FIELD, `$1"${REDACTED}"`)
      : text.replace(FORM_FIELD, `$1$2=${REDACTED}`);
  out = scrubSecrets(out, secrets);
  return out;
}

/**
 * Headers for the history file. Whatever redactHeaders would redact (cookies, headers named like
 * secrets) is stored as `(redacted)` without the visible prefix a live view keeps, and
 * Authorization keeps only its scheme and the credential's length (`Bearer …(redacted, 812
 * chars)`, the length every live view shows), so no character of a credential is ever stored.
 * Headers the engine already redacted are recognised as such.
 */
export function redactHeadersForHistory(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  secrets: readonly string[],
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const credential = CREDENTIAL_HEADERS.has(name.toLowerCase());
    const clean = (item: string) => {
      if (AUTHORIZATION_HEADERS.has(name.toLowerCase())) return redactCredential(item, NO_PREFIX);
      if (credential) return REDACTED;
      const redacted = redactHeaders({ [name]: item })[name];
      if (redacted !== item || item.includes('…(redacted')) return REDACTED;
      return scrubSecrets(item, secrets);
    };
    out[name] = typeof value === 'string' ? clean(value) : value.map(clean);
  }
  return out;
}

/** The credential inside an Authorization value the user wrote themselves, to scrub elsewhere. */
export function credentialsIn(headers: Readonly<Record<string, string>> | undefined): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) continue;
    found.push(value);
    const credential = /^[A-Za-z][\w.+-]*\s+(\S.*)$/s.exec(value)?.[1];
    if (credential) found.push(credential);
  }
  return found;
}
