/*
 * keyhole speaks OAuth through openid-client rather than hand-written requests: it is maintained,
 * OpenID-certified, and already gets the details right that hand-rolled flows get wrong (PKCE,
 * state and issuer checks, device-flow polling with slow_down, error and WWW-Authenticate
 * parsing). Requests go through undici's fetch, the same client keyhole uses for API calls.
 */
import * as oidc from 'openid-client';
import { fetch as undiciFetch } from 'undici';
import { KeyholeError } from '../errors.js';
import type { AuthServer, ClientCredentialsInput } from './types.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A fetch for openid-client that remembers the last URL, so failures can name the host. */
export interface Transport {
  fetch: oidc.CustomFetch;
  lastUrl: URL | null;
}

export function createTransport(): Transport {
  const transport: Transport = {
    lastUrl: null,
    fetch: async (url, options) => {
      transport.lastUrl = new URL(url);
      // undici's own Response class is structurally the web one; openid-client only reads it.
      const response = await undiciFetch(url, options as Parameters<typeof undiciFetch>[1]);
      return response as unknown as Response;
    },
  };
  return transport;
}

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Parses the server's URLs and refuses plain http anywhere but loopback, where a secret or token
 * would otherwise cross the network in clear text. Returns whether http is in play at all.
 */
export function checkUrls(urls: ReadonlyArray<[name: string, value: string | undefined]>): boolean {
  let insecure = false;
  for (const [name, value] of urls) {
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new KeyholeError(`the ${name} "${value}" is not a URL`, {
        exitCode: 2,
        hint: 'Use a full https:// URL.',
      });
    }
    if (url.protocol === 'https:') continue;
    if (url.protocol === 'http:' && isLoopback(url)) {
      insecure = true;
      continue;
    }
    throw new KeyholeError(
      url.protocol === 'http:'
        ? `the ${name} ${url.href} uses plain http, which keyhole allows only for 127.0.0.1/localhost`
        : `the ${name} ${url.href} is not an http(s) URL`,
      { exitCode: 2, hint: 'Use the https:// address of the server.' },
    );
  }
  return insecure;
}

/**
 * An openid-client Configuration for one request. The secret goes in the form body
 * (client_secret_post): SailPoint expects it there, and other servers accept it.
 */
export function configure(
  server: AuthServer,
  client: ClientCredentialsInput,
  transport: Transport,
): oidc.Configuration {
  const insecure = checkUrls([
    ['token URL', server.tokenUrl],
    ['authorization URL', server.authorizeUrl],
    ['device authorization URL', server.deviceAuthorizationUrl],
    ['issuer', server.issuer],
    ['introspection URL', server.introspectionUrl],
  ]);
  const metadata: oidc.ServerMetadata = {
    // openid-client needs an issuer; without a real one nothing is compared against it.
    issuer: server.issuer ?? new URL(server.tokenUrl).origin,
    token_endpoint: server.tokenUrl,
    ...(server.authorizeUrl !== undefined && { authorization_endpoint: server.authorizeUrl }),
    ...(server.deviceAuthorizationUrl !== undefined && {
      device_authorization_endpoint: server.deviceAuthorizationUrl,
    }),
    ...(server.jwksUri !== undefined && { jwks_uri: server.jwksUri }),
    ...(server.introspectionUrl !== undefined && {
      introspection_endpoint: server.introspectionUrl,
    }),
  };
  const auth =
    client.clientSecret !== undefined && client.clientSecret !== ''
      ? oidc.ClientSecretPost(client.clientSecret)
      : oidc.None();
  const config = new oidc.Configuration(metadata, client.clientId, undefined, auth);
  config[oidc.customFetch] = transport.fetch;
  if (insecure) oidc.allowInsecureRequests(config);
  return config;
}

/** The form fields shared by every grant: scope (space-separated) and any extras. */
export function grantParams(options: {
  scopes?: readonly string[];
  params?: Record<string, string>;
}): Record<string, string> {
  return {
    ...(options.scopes !== undefined && options.scopes.length > 0
      ? { scope: options.scopes.join(' ') }
      : {}),
    ...options.params,
  };
}
