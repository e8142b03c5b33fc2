/*
 * keyhole speaks OAuth through openid-client rather than hand-written requests: it is maintained,
 * OpenID-certified, and already gets the details right that hand-rolled flows get wrong (PKCE,
 * state and issuer checks, device-flow polling with slow_down, error and WWW-Authenticate
 * parsing). Requests go through undici's request, the same call keyhole makes for API calls.
 */
import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import { Headers, Response as UndiciResponse, request } from 'undici';
import { KeyholeError } from '../errors.js';
import { authResponseTooLarge, MAX_AUTH_RESPONSE_BYTES } from './response-limit.js';
import type { AuthServer, ClientCredentialsInput } from './types.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Statuses whose response has no body; a web Response refuses one for them. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A fetch for openid-client that remembers the last URL, so failures can name the host. */
export interface Transport {
  fetch: oidc.CustomFetch;
  lastUrl: URL | null;
  /**
   * The ID token of the last token response, taken out before openid-client saw it because no
   * issuer was known to check it against (see `withheldIdToken`).
   */
  withheldIdToken: { token: string; issuer: string | null } | null;
}

export interface TransportOptions {
  /**
   * Follow redirects to the same origin (GET only, at most 5): discovery documents often sit
   * behind a 301 to the trailing-slash path. Redirects elsewhere are returned as they are.
   */
  followSameOriginRedirects?: boolean;
  /**
   * Hold back the ID token of token responses from openid-client, which would compare its `iss`
   * with a made-up issuer, fail, and throw away tokens the server has already issued (a used
   * code, a rotated refresh token). Set when the profile names no issuer.
   */
  withholdIdToken?: boolean;
  /** Names the answers in the error when one is over the size cap. @default 'token response' */
  what?: string;
}

const MAX_REDIRECTS = 5;

export function createTransport(options: TransportOptions = {}): Transport {
  const transport: Transport = {
    lastUrl: null,
    withheldIdToken: null,
    fetch: async (url, init) => {
      let target = new URL(url);
      transport.lastUrl = target;
      const what = options.what ?? 'token response';
      let response = await send(target, init, what);
      for (let hop = 0; options.followSameOriginRedirects && hop < MAX_REDIRECTS; hop += 1) {
        const next = sameOriginRedirect(response, target, init.method);
        if (next === null) break;
        await response.body?.cancel();
        target = next;
        transport.lastUrl = target;
        response = await send(target, init, what);
      }
      if (options.withholdIdToken && init.method === 'POST') {
        response = await withholdIdToken(response, transport);
      }
      return response as unknown as Response;
    },
  };
  return transport;
}

/** Where a GET redirect to the same origin points, or null for anything else. */
function sameOriginRedirect(response: UndiciResponse, from: URL, method: string): URL | null {
  if (method !== 'GET' || response.status < 300 || response.status > 399) return null;
  const location = response.headers.get('location');
  if (location === null) return null;
  try {
    const next = new URL(location, from);
    return next.origin === from.origin ? next : null;
  } catch {
    return null;
  }
}

/** A successful JSON token response with its `id_token` taken out and kept on the transport. */
async function withholdIdToken(
  response: UndiciResponse,
  transport: Transport,
): Promise<UndiciResponse> {
  if (!response.ok || !/json/i.test(response.headers.get('content-type') ?? '')) return response;
  const text = await response.text();
  const rebuilt = (body: string) => {
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new UndiciResponse(body, { status: response.status, headers });
  };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return rebuilt(text);
  }
  if (!isRecord(body) || typeof body['id_token'] !== 'string') return rebuilt(text);
  const { id_token: idToken, ...rest } = body;
  transport.withheldIdToken = { token: idToken as string, issuer: issuerOf(idToken as string) };
  return rebuilt(JSON.stringify(rest));
}

/** The `iss` claim of a JWT, read without checking anything (there is nothing to check it with). */
function issuerOf(jwt: string): string | null {
  try {
    const { iss } = decodeJwt(jwt);
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One request with undici's `request`, the call the API engine makes, answered as a Response for
 * openid-client (undici's class is structurally the web one). Not undici's fetch: it refuses the
 * WHATWG "bad ports" (6000, 6665-6669, …) with a bare "fetch failed" and no error code, so a token
 * endpoint there could not be reached nor explained. Redirects are not followed here.
 */
async function send(
  url: URL,
  options: oidc.CustomFetchOptions,
  what: string,
): Promise<UndiciResponse> {
  const response = await request(url, {
    method: options.method as 'GET' | 'POST',
    headers: options.headers,
    body: bodyOf(options.body),
    signal: options.signal,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, item);
    }
  }
  // Read while it streams and stop at the cap: a 700 MB answer must not be held in memory. A
  // declared length over the cap is refused before a byte of the body is read.
  if (Number(response.headers['content-length']) > MAX_AUTH_RESPONSE_BYTES) {
    response.body.on('error', () => undefined).destroy();
    throw authResponseTooLarge(url, what);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_AUTH_RESPONSE_BYTES) {
      response.body.on('error', () => undefined).destroy();
      throw authResponseTooLarge(url, what);
    }
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  const status = response.statusCode;
  if (status < 200 || status > 599) {
    throw new KeyholeError(`${url.host} answered with HTTP status ${status}`);
  }
  return new UndiciResponse(NULL_BODY.has(status) ? null : bytes, { status, headers });
}

function bodyOf(body: oidc.CustomFetchOptions['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer || body instanceof Uint8Array) return Buffer.from(body as never);
  throw new TypeError('streamed request bodies are not used by keyhole');
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
