import { KeyholeError } from '../errors.js';

/** OpenSSL's certificate verification codes as Node reports them, and Node's own ERR_TLS_*. */
const TLS_CODES =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/** errno-style codes (ECONNREFUSED, EAI_AGAIN) and undici's own, but not Node's ERR_INVALID_ARG_*. */
const SYSTEM_CODES = /^(E(?!RR_)[A-Z_]+|UND_ERR_[A-Z_]+)$/;

/** A connection-level failure, named by the host that could not be reached. */
export function explainNetworkFailure(code: string, url: URL | null, cause: unknown): KeyholeError {
  const host = url?.hostname ?? 'the server';
  const hostPort = url?.host ?? 'the server';
  if (code === 'ECONNREFUSED') {
    return new KeyholeError(`could not connect to ${hostPort}: connection refused`, {
      cause,
      hint: 'Nothing is listening there. Check the URL and port, and that the server is running.',
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new KeyholeError(`the host ${host} could not be found (DNS lookup failed)`, {
      cause,
      hint: 'Check the spelling of the URL (for SailPoint, the tenant name) and your network.',
    });
  }
  if (TLS_CODES.test(code)) {
    return new KeyholeError(`the TLS connection to ${host} failed its checks (${code})`, {
      cause,
      hint: 'If a corporate proxy inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate.',
    });
  }
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new KeyholeError(`connecting to ${hostPort} timed out`, {
      cause,
      hint: 'Check your network, VPN or proxy settings.',
    });
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new KeyholeError(`${hostPort} closed the connection without an answer (${code})`, {
      cause,
      hint: 'The server or a proxy in front of it dropped the request; try again.',
    });
  }
  return new KeyholeError(`the request to ${hostPort} failed (${code})`, { cause });
}

/**
 * The first system error code in an error's cause chain: undici nests them, and Node puts both
 * address families' failures in an AggregateError.
 */
export function networkCode(error: unknown, depth = 0): string | null {
  if (!(error instanceof Object) || depth > 5) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SYSTEM_CODES.test(code) || TLS_CODES.test(code))) return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const found = networkCode(inner, depth + 1);
      if (found !== null) return found;
    }
  }
  return networkCode((error as { cause?: unknown }).cause, depth + 1);
}
