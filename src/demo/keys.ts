import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';

/** The tenant's token signing key. A new one per start: old tokens stop verifying on restart. */
export interface SigningKeys {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** The public half as a JWK Set, served at /demo/jwks.json. */
  readonly jwks: { keys: JWK[] };
}

export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    privateKey,
    publicKey,
    jwks: { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] },
  };
}
