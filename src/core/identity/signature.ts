import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import type { SignatureStatus, TokenProvider } from './types.js';

export interface SignatureCheck {
  status: SignatureStatus;
  /** Why the status is not `verified`, for the warnings list. */
  warning: string | null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * jwtVerify checks the signature before the claims, so a claim failure (expired, not yet valid)
 * still proves the signature; keyhole reports the timing problems itself, as warnings.
 */
const CLAIM_ERRORS = new Set(['ERR_JWT_EXPIRED', 'ERR_JWT_CLAIM_VALIDATION_FAILED']);

/** Failures that say the token was not signed by these keys (or not signed at all). */
const INVALID_ERRORS = new Set([
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWS_INVALID',
  'ERR_JWT_INVALID',
  'ERR_JOSE_ALG_NOT_ALLOWED',
]);

/**
 * Checks a JWS against the given keys; never throws. `provider` only shapes the wording when
 * there are no keys: SailPoint publishes none, so for its tokens that is the normal case.
 */
export async function checkSignature(
  token: string,
  alg: unknown,
  jwks: { url: string } | JSONWebKeySet | undefined,
  provider: TokenProvider,
): Promise<SignatureCheck> {
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    // Nothing to check; with keys at hand it plainly fails to match them.
    return {
      status: jwks === undefined ? 'unverified' : 'invalid',
      warning: 'the token is unsigned (alg "none"): anyone could have made it',
    };
  }
  if (jwks === undefined) {
    return {
      status: 'unverified',
      warning:
        provider === 'sailpoint'
          ? 'signature not checked: SailPoint publishes no JWKS, so the claims are what the token says, not proven'
          : 'signature not checked: no JWKS was given, so the claims are what the token says, not proven',
    };
  }
  let keys: JWTVerifyGetKey;
  let source: string;
  if ('url' in jwks) {
    let url: URL;
    try {
      url = new URL(jwks.url);
    } catch {
      return { status: 'unverified', warning: `signature not checked: "${jwks.url}" is not a URL` };
    }
    // Keys fetched over plain http could be swapped in transit, which would make "verified" a lie.
    if (
      url.protocol !== 'https:' &&
      !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
    ) {
      return {
        status: 'unverified',
        warning: `signature not checked: the JWKS URL ${url.href} is not https`,
      };
    }
    keys = createRemoteJWKSet(url);
    source = url.href;
  } else {
    try {
      keys = createLocalJWKSet(jwks);
    } catch (error) {
      return { status: 'unverified', warning: `signature not checked: ${messageOf(error)}` };
    }
    source = 'the given JWKS';
  }
  try {
    await jwtVerify(token, keys);
    return { status: 'verified', warning: null };
  } catch (error) {
    if (error instanceof errors.JOSEError && CLAIM_ERRORS.has(error.code)) {
      return { status: 'verified', warning: null };
    }
    if (error instanceof errors.JOSEError && INVALID_ERRORS.has(error.code)) {
      return {
        status: 'invalid',
        warning: `signature INVALID against ${source}: ${messageOf(error)}`,
      };
    }
    // Not reaching the keys, or an algorithm jose lacks, says nothing about the token itself.
    return {
      status: 'unverified',
      warning: `signature not checked: could not use the keys from ${source} (${messageOf(error)})`,
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
