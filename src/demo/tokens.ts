import { randomBytes } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';
import type { DemoClient } from './clients.js';
import type { TenantContext } from './context.js';
import { unauthorized } from './errors.js';
import { TENANT } from './tenant.js';
import type { DemoUser } from './users.js';

/** Who a token is minted for: always a client, and a user for PATs and auth-code logins. */
export interface TokenSubject {
  readonly client: DemoClient;
  readonly user?: DemoUser;
  /** True after an interactive login, as SailPoint marks tokens from the authorization code flow. */
  readonly strongAuth: boolean;
  readonly scope: readonly string[];
}

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly jti: string;
  readonly expiresIn: number;
}

/** The verified caller of an API request, read from its access token. */
export interface Principal {
  readonly clientId: string;
  /** Present only for tokens that act as a user (PATs and auth-code logins). */
  readonly identityId?: string;
  readonly userName?: string;
  readonly authorities: readonly string[];
  readonly scope: readonly string[];
  readonly jti: string;
}

/** SailPoint's jti values are ~27 url-safe characters; this keeps the look. */
export function newJti(): string {
  return randomBytes(20).toString('base64url');
}

/** Signs an ES256 access token with SailPoint's claim names (and no `aud`, as SailPoint has none). */
export async function issueAccessToken(
  context: TenantContext,
  subject: TokenSubject,
): Promise<IssuedAccessToken> {
  const { client, user } = subject;
  const issuedAt = Math.floor(context.now() / 1000);
  const jti = newJti();
  const payload: JWTPayload = {
    tenant_id: TENANT.tenantId,
    pod: TENANT.pod,
    org: TENANT.org,
    ...(user ? { identity_id: user.identity.id, user_name: user.userName } : {}),
    strong_auth: subject.strongAuth,
    authorities: [...(user ? user.authorities : client.authorities)],
    client_id: client.clientId,
    strong_auth_supported: subject.strongAuth,
    scope: [...subject.scope],
  };
  const accessToken = await new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: context.keys.kid, typ: 'JWT' })
    .setIssuer(context.baseUrl)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + context.tokenTtlSeconds)
    .setJti(jti)
    .sign(context.keys.privateKey);
  return { accessToken, jti, expiresIn: context.tokenTtlSeconds };
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'JWT is expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'JWT signature is invalid';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `JWT claim "${error.claim}" is invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'JWT algorithm is not allowed';
  return 'JWT is malformed';
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Verifies signature, issuer and expiry against the tenant clock; throws the gateway's 401. */
export async function verifyAccessToken(context: TenantContext, token: string): Promise<Principal> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, context.keys.publicKey, {
      algorithms: ['ES256'],
      issuer: context.baseUrl,
      currentDate: new Date(context.now()),
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (error) {
    throw unauthorized(reasonFor(error));
  }
  const { client_id: clientId, authorities, scope, identity_id, user_name, jti } = payload;
  if (typeof clientId !== 'string' || !isStringArray(authorities) || !isStringArray(scope)) {
    throw unauthorized('JWT is missing required claims');
  }
  if (typeof jti !== 'string' || context.sessions.isRevoked(jti)) {
    throw unauthorized('JWT has been revoked');
  }
  return {
    clientId,
    identityId: typeof identity_id === 'string' ? identity_id : undefined,
    userName: typeof user_name === 'string' ? user_name : undefined,
    authorities,
    scope,
    jti,
  };
}
