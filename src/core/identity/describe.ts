import { decodeJwt, decodeProtectedHeader } from 'jose';
import { MAX_NESTING, limitNesting } from '../nesting.js';
import { epoch, list, str } from './claims.js';
import { classify } from './providers.js';
import { checkSignature } from './signature.js';
import type { DescribeContext, TokenIdentity } from './types.js';
import { labelWarnings, scopeWarnings, timingWarnings } from './warnings.js';
import { plural } from '../text/plural.js';

const DEFAULT_SKEW_SECONDS = 60;

/**
 * Reads a bearer token and says who it speaks for, what it may do and whether it still works.
 * Pure apart from fetching a JWKS when `context.jwks` is a URL; never throws on a bad token
 * (an unreadable token is reported as opaque). A pasted `Bearer ` prefix is ignored.
 */
export async function describeToken(
  token: string,
  context: DescribeContext = {},
): Promise<TokenIdentity> {
  const trimmed = token.trim().replace(/^bearer\s+/i, '');
  const decoded = decode(trimmed);
  if (decoded !== null) {
    const signature = await checkSignature(
      trimmed,
      decoded.header['alg'],
      context.jwks,
      classify(decoded.claims).provider,
    );
    return describeClaims(decoded.claims, decoded.header, signature, 'jwt', 'jwt', context);
  }
  // An opaque token says nothing itself; the server's introspection endpoint (RFC 7662) may.
  const introspection = context.introspection;
  if (introspection?.['active'] === true) {
    const { active: _active, ...claims } = introspection;
    return describeClaims(
      withTokenResponse(claims, context),
      {},
      { status: 'unverified', warning: null },
      'opaque',
      'introspection',
      context,
    );
  }
  const opaque = fromTokenResponse(context) ?? describeOpaque(context);
  if (introspection?.['active'] === false) {
    opaque.warnings.push(
      'the server says this token is not active (expired, revoked or not its own)',
    );
  }
  return opaque;
}

/**
 * The token response's `scope` and expiry fill what the introspection answer left out: the
 * server that issued the token said them, and they are still true of it.
 */
function withTokenResponse(
  claims: Record<string, unknown>,
  context: DescribeContext,
): Record<string, unknown> {
  const response = context.tokenResponse;
  const filled = { ...claims };
  if (filled['scope'] === undefined && response?.scope) filled['scope'] = response.scope;
  if (filled['exp'] === undefined && typeof response?.expiresAt === 'number') {
    filled['exp'] = Math.floor(response.expiresAt / 1000);
  }
  return filled;
}

/** An opaque token that nobody introspected: the token response is all there is to read. */
function fromTokenResponse(context: DescribeContext): TokenIdentity | null {
  const response = context.tokenResponse;
  const scopes = response?.scope?.split(/\s+/).filter((scope) => scope !== '') ?? [];
  const expiresAt = typeof response?.expiresAt === 'number' ? response.expiresAt : null;
  if (scopes.length === 0 && expiresAt === null) return null;
  const now = context.now ?? new Date();
  const opaque = describeOpaque(context);
  return {
    ...opaque,
    scopes,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    expiresInSeconds: expiresAt === null ? null : Math.floor((expiresAt - now.getTime()) / 1000),
    claimsSource: 'token_response',
    warnings: [
      "opaque token: keyhole cannot read its claims; scope and expiry are the token response's",
    ],
  };
}

function describeClaims(
  rawClaims: Record<string, unknown>,
  rawHeader: Record<string, unknown>,
  signature: { status: TokenIdentity['signature']; warning: string | null },
  format: TokenIdentity['format'],
  claimsSource: TokenIdentity['claimsSource'],
  context: DescribeContext,
): TokenIdentity {
  // Everything below, and every printer after it, may recurse: claims nested 20,000 deep are cut.
  const { value: claims, cut: claimsCut } = limitNesting(rawClaims);
  const { value: header, cut: headerCut } = limitNesting(rawHeader);
  const now = context.now ?? new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const skew = context.clockSkewSeconds ?? DEFAULT_SKEW_SECONDS;
  const found = classify(claims);
  const userContext = found.subjectKind === null ? null : found.subjectKind === 'user';
  const exp = epoch(claims, 'exp');
  const iat = epoch(claims, 'iat');

  const identity: TokenIdentity = {
    profile: context.profile ?? null,
    kind: context.kind ?? null,
    ...found,
    clientId: found.clientId ?? context.clientId ?? null,
    userContext,
    issuer: str(claims, 'iss'),
    audience: list(claims, 'aud'),
    issuedAt: iat === null ? null : new Date(iat * 1000).toISOString(),
    expiresAt: exp === null ? null : new Date(exp * 1000).toISOString(),
    expiresInSeconds: exp === null ? null : exp - nowSeconds,
    signature: signature.status,
    format,
    claimsSource,
    warnings: [],
    claims,
    header,
  };
  identity.warnings = [
    ...(signature.warning === null ? [] : [signature.warning]),
    ...labelWarnings(identity, context.kind),
    ...timingWarnings(claims, nowSeconds, skew),
    ...scopeWarnings(identity),
    ...(claimsCut + headerCut > 0
      ? [
          `${plural(claimsCut + headerCut, 'value')} in the token nest deeper than ${MAX_NESTING} levels; keyhole left them out`,
        ]
      : []),
  ];
  return identity;
}

function decode(
  token: string,
): { claims: Record<string, unknown>; header: Record<string, unknown> } | null {
  try {
    return { claims: { ...decodeJwt(token) }, header: { ...decodeProtectedHeader(token) } };
  } catch {
    // Random strings, JWEs and non-JSON payloads all land here: keyhole cannot read them.
    return null;
  }
}

function describeOpaque(context: DescribeContext): TokenIdentity {
  return {
    profile: context.profile ?? null,
    kind: context.kind ?? null,
    provider: 'unknown',
    subjectKind: null,
    userContext: null,
    identityId: null,
    userName: null,
    clientId: context.clientId ?? null,
    tenant: null,
    org: null,
    pod: null,
    scopes: [],
    authorities: [],
    roles: [],
    issuer: null,
    audience: [],
    issuedAt: null,
    expiresAt: null,
    expiresInSeconds: null,
    signature: 'unverified',
    format: 'opaque',
    claimsSource: 'none',
    warnings: ['opaque token: keyhole cannot read its claims'],
    claims: {},
    header: {},
  };
}
