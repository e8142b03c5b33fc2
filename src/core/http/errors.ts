/*
 * Network failures arrive as Node and undici error codes. Each is turned into a sentence about
 * the user's server and what to do next; the original error stays attached as the cause for
 * KEYHOLE_DEBUG. Messages name hosts, never headers, and any secret that still shows up in an
 * upstream message is cut out.
 */
import { KeyholeError } from '../errors.js';
import { CONNECT_TIMEOUT_MS } from './limits.js';
import { redactUrl } from './redact.js';

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const LAST_RESORT =
  '--insecure turns verification off entirely; use it only as a last resort, never with real credentials.';

/** "30 s", "0.2 s", "1.5 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function hostPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

function codeOf(error: unknown): string | undefined {
  const value = error as { code?: unknown; errors?: unknown[]; cause?: unknown } | null;
  if (typeof value?.code === 'string') return value.code;
  // Happy eyeballs (several addresses tried) fails with an AggregateError of per-address errors.
  if (Array.isArray(value?.errors)) return codeOf(value.errors[0]);
  return value?.cause === undefined ? undefined : codeOf(value.cause);
}

/** The server did not answer (or stopped sending) within the timeout. */
export function timeoutError(url: URL, ms: number, phase: 'headers' | 'body'): KeyholeError {
  return new KeyholeError(
    phase === 'headers'
      ? `no response from ${url.host} within ${seconds(ms)}`
      : `${url.host} stopped sending the response for ${seconds(ms)}`,
    {
      hint: 'The server may be down or overloaded. If it is only slow, raise --timeout (or --timeout none).',
    },
  );
}

/** The whole call (redirects, retries and body included) ran past SendOptions.deadlineMs. */
export function deadlineError(url: string, ms: number): KeyholeError {
  let host = 'the server';
  try {
    host = new URL(url).host;
  } catch {
    // An unparsable URL fails before any deadline; keep the sentence anyway.
  }
  return new KeyholeError(
    `gave up on ${host}: the call took longer than ${seconds(ms)} (--max-time)`,
    {
      hint:
        'The server may be sending an endless or very slow response. ' +
        'Raise the limit with --max-time SECONDS, or lift it with --max-time none.',
    },
  );
}

/** The caller's AbortSignal fired: usually Ctrl-C or Esc. */
export function abortedError(url: URL): KeyholeError {
  return new KeyholeError(`the request to ${url.host} was cancelled`);
}

/** Turns any failure of one exchange into a KeyholeError (KeyholeErrors pass through). */
export function explainNetworkError(
  error: unknown,
  url: URL,
  secrets: readonly string[] = [],
): KeyholeError {
  if (error instanceof KeyholeError) return error;
  const code = codeOf(error);
  const host = url.host;
  const make = (message: string, hint?: string) =>
    new KeyholeError(scrub(message, secrets), { hint, cause: error });

  if (code === 'ECONNREFUSED') {
    return make(
      `nothing is listening at ${hostPort(url)}`,
      'Check the URL and port, and that the server is running.',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return make(
      `cannot resolve the host name ${url.hostname}`,
      'Check the spelling of the URL, then your network connection and DNS.',
    );
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return make(
      `could not connect to ${hostPort(url)} within ${seconds(CONNECT_TIMEOUT_MS)}`,
      'A firewall may be dropping the connection, or the host is down.',
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return make(
      `${host} closed the connection before the response was complete`,
      'Try again; if it keeps happening, a proxy or firewall may be cutting the connection.',
    );
  }
  if (code !== undefined && UNTRUSTED.has(code)) {
    return make(
      `the TLS certificate of ${host} is not trusted (${describeUntrusted(code)})`,
      `If this is your organisation's server or proxy, pass the CA certificate that signed it ` +
        `with --cacert FILE. ${LAST_RESORT}`,
    );
  }
  if (code !== undefined && EXPIRED.has(code)) {
    return make(
      code === 'CERT_HAS_EXPIRED'
        ? `the TLS certificate of ${host} has expired`
        : `the TLS certificate of ${host} is not valid yet`,
      `Check this computer's clock; otherwise the server's certificate must be renewed. ${LAST_RESORT}`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return make(
      `the TLS certificate of ${host} was issued for other host names`,
      `Use the host name the certificate names (the API URL may be wrong). ${LAST_RESORT}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_') || /\bSSL\b|TLS/.test(message)) {
    return make(
      `the TLS handshake with ${host} failed: ${message}`,
      'Check that the URL uses https only where the server speaks TLS.',
    );
  }
  if (code?.startsWith('HPE_') || code === 'UND_ERR_INFO') {
    return make(`${host} sent a response that is not valid HTTP: ${message}`);
  }
  return make(`the request to ${redactUrl(url.origin)} failed: ${message}`);
}

function describeUntrusted(code: string): string {
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') return 'self-signed certificate';
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN')
    return 'signed by a self-signed root that is not trusted';
  return 'signed by an unknown certificate authority';
}

/** Cuts known secrets (tokens) out of text that came from elsewhere. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('(redacted)');
  }
  return out;
}
