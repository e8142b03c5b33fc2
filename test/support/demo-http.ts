import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { startDemoTenant, type DemoTenant, type DemoTenantOptions } from '../../src/demo/server.js';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** One HTTP exchange with the tenant; never throws on a status, so tests can assert on errors. */
export async function http(
  url: string,
  options: {
    method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<HttpResult> {
  const response = await request(url, {
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
  });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/** POST /oauth/token with a form body. */
export function tokenRequest(
  tenant: DemoTenant,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return http(`${tenant.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

/** A client_credentials access token for one of the demo clients. */
export async function clientToken(tenant: DemoTenant, clientId: string, scope?: string) {
  const client = tenant.clients.find((c) => c.clientId === clientId);
  if (!client) throw new Error(`no demo client ${clientId}`);
  const response = await tokenRequest(tenant, {
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    ...(scope ? { scope } : {}),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.text}`);
  return (response.json as { access_token: string }).access_token;
}

/** An API call with a bearer token and, when given, a JSON body. */
export function api(
  tenant: DemoTenant,
  path: string,
  token: string | undefined,
  options: {
    method?: 'GET' | 'POST' | 'PUT';
    json?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return http(`${tenant.baseUrl}${path}`, {
    method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
}

/** A clock the tenant reads and the test moves, so expiry is tested without sleeping. */
export function manualClock(start = Date.now()) {
  let current = start;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/**
 * A demo tenant on a free port. Its rate limit is out of reach unless a test sets one (with a
 * manual clock): SailPoint's 100 requests in 10 s would turn a fast machine's quick tests into 429s.
 */
export function startTestTenant(options: DemoTenantOptions = {}): Promise<DemoTenant> {
  return startDemoTenant({ port: 0, rateLimit: { max: 1_000_000, windowMs: 10_000 }, ...options });
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export const APP = { clientId: 'demo-app-client', clientSecret: 'demo-app-secret' };
export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/**
 * Drives the authorization code flow the way a browser would: open the authorize URL, submit
 * the login form for `userName`, and read the code from the redirect's Location header.
 */
export async function loginForCode(
  tenant: DemoTenant,
  userName: string,
  challenge: string,
  state = 'state-123',
): Promise<{ code: string; location: URL }> {
  const authorize = new URL(`${tenant.baseUrl}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: APP.clientId,
    redirect_uri: REDIRECT_URI,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const page = await http(authorize.href);
  if (page.status !== 200) throw new Error(`authorize page: ${page.status} ${page.text}`);
  const requestId = /name="request" value="([^"]+)"/.exec(page.text)?.[1];
  if (!requestId) throw new Error('no request id on the login page');
  const login = await http(`${tenant.baseUrl}/oauth/authorize/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: requestId, identity: userName }).toString(),
  });
  const location = login.headers.location;
  if (login.status !== 302 || typeof location !== 'string') {
    throw new Error(`login: ${login.status} ${login.text}`);
  }
  const url = new URL(location);
  const code = url.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return { code, location: url };
}

/** Exchanges a code for tokens with the app client. */
export function exchangeCode(
  tenant: DemoTenant,
  code: string,
  verifier: string,
  redirectUri = REDIRECT_URI,
) {
  return tokenRequest(tenant, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
    client_id: APP.clientId,
    client_secret: APP.clientSecret,
  });
}

export function refresh(tenant: DemoTenant, refreshToken: string) {
  return tokenRequest(tenant, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: APP.clientId,
    client_secret: APP.clientSecret,
  });
}

/** SailPoint's ErrorResponseDto, as asserted by several tests. */
export function expectErrorShape(body: unknown): {
  detailCode: string;
  trackingId: string;
  messages: { locale: string; localeOrigin: string; text: string }[];
} {
  const value = body as {
    detailCode: string;
    trackingId: string;
    messages: { locale: string; localeOrigin: string; text: string }[];
  };
  if (!/^[0-9a-f]{32}$/.test(value?.trackingId ?? '')) {
    throw new Error(`not a SailPoint error body: ${JSON.stringify(body)}`);
  }
  return value;
}
