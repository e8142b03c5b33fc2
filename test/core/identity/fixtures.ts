import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import type { TokenIdentity } from '../../../src/core/identity/index.js';

/** The clock every identity test judges expiry by. */
export const NOW = new Date('2025-06-01T12:00:00Z');
export const now = Math.floor(NOW.getTime() / 1000);

export interface Signer {
  sign(claims: JWTPayload): Promise<string>;
  /** Holds the signing key. */
  jwks: JSONWebKeySet;
  /** A different key under the same kid: what a forger would publish. */
  otherJwks: JSONWebKeySet;
}

export async function createSigner(): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const other = await generateKeyPair('ES256');
  return {
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'JWT' })
        .sign(privateKey),
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] },
    otherJwks: { keys: [{ ...(await exportJWK(other.publicKey)), kid: 'k1', alg: 'ES256' }] },
  };
}

/** Warnings other than the always-present "signature not checked" one. */
export function otherWarnings(identity: TokenIdentity): string[] {
  return identity.warnings.filter((warning) => !warning.startsWith('signature not checked'));
}

export const sailpointApiClient = {
  tenant_id: 'c3f1f1a0-tenant',
  pod: 'stg03-useast1',
  org: 'acme',
  internal: true,
  authorities: ['API'],
  client_id: '9f1e-api-client',
  scope: ['sp:scopes:all'],
  strong_auth_supported: false,
  iat: now - 60,
  exp: now + 723,
  jti: 'j1',
};

export const sailpointPat = {
  ...sailpointApiClient,
  identity_id: '2c91808a-identity',
  user_name: 'jane.doe',
  authorities: ['ORG_ADMIN'],
  client_id: 'pat-7d1c',
  scope: 'sp:scopes:all sp:search:read',
};
