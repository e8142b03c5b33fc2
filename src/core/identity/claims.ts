/** Readers that accept claims as issuers actually send them, not as the specs hope. */
import { dateMsOrNull } from '../time.js';

export function str(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  if (typeof value === 'string' && value !== '') return value;
  // Some issuers send numeric ids; a number is still an answer to "which one".
  if (typeof value === 'number') return String(value);
  return null;
}

/** `scope` is a space-separated string in RFC 9068, an array at SailPoint and Okta (`scp`). */
export function list(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name];
  if (typeof value === 'string') return value.split(/\s+/).filter((item) => item !== '');
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string' && item !== '');
  }
  return [];
}

export function firstStr(claims: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = str(claims, name);
    if (value !== null) return value;
  }
  return null;
}

export function firstList(claims: Record<string, unknown>, names: readonly string[]): string[] {
  for (const name of names) {
    const value = list(claims, name);
    if (value.length > 0) return value;
  }
  return [];
}

export function has(claims: Record<string, unknown>, name: string): boolean {
  return claims[name] !== undefined && claims[name] !== null;
}

/**
 * Seconds since the epoch as a number, or null for anything else, including times no Date can
 * hold (`exp: 1e300`), which would otherwise make every later `toISOString()` throw.
 */
export function epoch(claims: Record<string, unknown>, name: string): number | null {
  const value = claims[name];
  return typeof value === 'number' && dateMsOrNull(value * 1000) !== null ? value : null;
}

/** Names of the time claims (exp, nbf, iat) that are present but not a time keyhole can use. */
export function unreadableTimes(claims: Record<string, unknown>): string[] {
  return ['exp', 'nbf', 'iat'].filter((name) => has(claims, name) && epoch(claims, name) === null);
}

/** The issuer's host name, lower-cased, or null when `iss` is absent or not a URL. */
export function issuerHost(claims: Record<string, unknown>): string | null {
  const iss = str(claims, 'iss');
  if (iss === null) return null;
  try {
    return new URL(iss).hostname.toLowerCase();
  } catch {
    return null;
  }
}
