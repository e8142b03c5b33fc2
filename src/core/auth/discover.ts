import * as oidc from 'openid-client';
import { KeyholeError } from '../errors.js';
import { explainFailure } from './explain.js';
import { checkUrls, createTransport } from './transport.js';
import type { AuthServer } from './types.js';

/**
 * Reads an issuer's OpenID configuration (`/.well-known/openid-configuration`) and returns its
 * endpoints. The document's `issuer` must equal the one asked for, which openid-client checks.
 */
export async function discover(issuerUrl: string): Promise<AuthServer> {
  const insecure = checkUrls([['issuer', issuerUrl]]);
  const transport = createTransport({
    followSameOriginRedirects: true,
    what: 'OpenID configuration',
  });
  let metadata: oidc.ServerMetadata;
  try {
    // The client id is required by the API but unused: discovery is anonymous.
    const config = await oidc.discovery(new URL(issuerUrl), 'keyhole', undefined, oidc.None(), {
      [oidc.customFetch]: transport.fetch,
      execute: insecure ? [oidc.allowInsecureRequests] : [],
    });
    metadata = config.serverMetadata();
  } catch (error) {
    throw explainFailure(error, {
      operation: 'discovery',
      url: transport.lastUrl,
      issuer: issuerUrl,
      secrets: [],
    });
  }
  if (metadata.token_endpoint === undefined) {
    throw new KeyholeError(`the issuer ${metadata.issuer} does not publish a token endpoint`, {
      hint: 'Give the token URL explicitly.',
    });
  }
  return {
    issuer: metadata.issuer,
    tokenUrl: metadata.token_endpoint,
    ...(metadata.authorization_endpoint !== undefined && {
      authorizeUrl: metadata.authorization_endpoint,
    }),
    ...(metadata.device_authorization_endpoint !== undefined && {
      deviceAuthorizationUrl: metadata.device_authorization_endpoint,
    }),
    ...(metadata.jwks_uri !== undefined && { jwksUri: metadata.jwks_uri }),
    ...(metadata.introspection_endpoint !== undefined && {
      introspectionUrl: metadata.introspection_endpoint,
    }),
  };
}
