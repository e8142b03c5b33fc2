import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';
import type { ProviderContext } from 'oidc-provider';
import { DEMO_ACCOUNTS } from './oidc-peer-accounts.js';
import { escapeHtml, interaction, readBody } from './oidc-peer-interactions.js';

export { DEMO_ACCOUNTS } from './oidc-peer-accounts.js';
export type { DemoAccount } from './oidc-peer-accounts.js';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const RESOURCE = 'urn:keyhole:test-api';

export interface OidcPeerOptions {
  /** Seconds the device authorization response tells clients to wait between polls. @default 1 */
  deviceInterval?: number;
  /** How many device-code polls to answer with `slow_down` before processing them. @default 0 */
  slowDownPolls?: number;
  /** More clients, e.g. a confidential web client registered for a fixed redirect port. */
  extraClients?: Array<Record<string, unknown>>;
  /** Issue opaque access tokens (readable only through introspection) instead of JWTs. */
  opaqueAccessTokens?: boolean;
  /** Seconds an access token lives (`expires_in`). @default 600 */
  accessTokenTtl?: number;
  /**
   * End the issuer with a slash, as Auth0 does (`http://127.0.0.1:PORT/`): then it is not the
   * token URL's origin, and a client that guesses the issuer from there gets it wrong.
   */
  issuerTrailingSlash?: boolean;
  /**
   * Answer `GET /.well-known/openid-configuration` with this status and a Location: `'slash'`
   * points to the same path with a trailing slash (which then serves the document, as many
   * servers behind a proxy do); any other value is sent as the Location itself.
   */
  discoveryRedirect?: { status: 301 | 302 | 307 | 308; to: 'slash' | string };
  /** Leave `introspection_endpoint` out of the discovery document (the endpoint still works). */
  hideIntrospection?: boolean;
  /** Answer introspection from a client without a secret with 401 invalid_client. */
  refusePublicIntrospection?: boolean;
  /** Name the user of an introspected token in `username` and leave `sub` out. */
  introspectUsernameOnly?: boolean;
}

/** One call to the token endpoint, as the peer saw it. */
export interface TokenRequestRecord {
  at: number;
  grantType: string;
  outcome: 'success' | 'error' | 'slow_down';
  error?: string;
}

export interface OidcPeer {
  issuer: string;
  /** `http://127.0.0.1:PORT`, where every endpoint lives (the issuer may end in a slash). */
  origin: string;
  jwksUri: string;
  /** Client id and secret of the client_credentials client (secret in the form body). */
  service: { clientId: string; clientSecret: string };
  /** Public native client: authorization_code + PKCE, refresh_token, any loopback port. */
  native: { clientId: string };
  /** Public device-flow client with refresh tokens. */
  device: { clientId: string };
  /** The introspection endpoint (advertised unless hideIntrospection). */
  introspectionUrl: string;
  /** A confidential client for resource servers: it introspects tokens issued to others. */
  resourceServer: { clientId: string; clientSecret: string };
  /** Every token request, oldest first. */
  tokenRequests: TokenRequestRecord[];
  /** Every introspection request: the client that asked and whether it sent a secret. */
  introspectionRequests: Array<{ clientId: string; withSecret: boolean }>;
  close(): Promise<void>;
}

/**
 * Starts an independent, OpenID-certified authorization server (oidc-provider) in this process
 * on 127.0.0.1, so keyhole's OAuth code is tested against someone else's reading of the specs
 * rather than against a mock written to agree with it. Close it in afterAll.
 */
export async function startOidcPeer(options: OidcPeerOptions = {}): Promise<OidcPeer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuerTrailingSlash ? `${origin}/` : origin;
  const accessTokenTtl = options.accessTokenTtl ?? 600;

  const service = { clientId: 'keyhole-service', clientSecret: randomBytes(24).toString('hex') };
  const native = { clientId: 'keyhole-cli' };
  const device = { clientId: 'keyhole-device' };
  const resourceServer = {
    clientId: 'keyhole-test-api',
    clientSecret: randomBytes(24).toString('hex'),
  };
  const tokenRequests: TokenRequestRecord[] = [];
  const introspectionRequests: OidcPeer['introspectionRequests'] = [];
  let slowDownsLeft = options.slowDownPolls ?? 0;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: 'peer-rs256',
    alg: 'RS256',
    use: 'sig',
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: service.clientId,
        client_secret: service.clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: native.clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // Native clients may use any port on a registered loopback URI (RFC 8252 §7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
      },
      {
        client_id: device.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: [DEVICE_GRANT, 'refresh_token'],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: resourceServer.clientId,
        client_secret: resourceServer.clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
      ...(options.extraClients ?? []),
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.accountId === sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          preferred_username: account.username,
          email: account.email,
          name: account.name,
        }),
      };
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget();
          // Without accessTokenFormat 'jwt' oidc-provider issues opaque access tokens.
          return {
            scope: 'read write hello',
            audience: RESOURCE,
            accessTokenFormat: options.opaqueAccessTokens ? 'opaque' : 'jwt',
            accessTokenTTL: accessTokenTtl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // User tokens name the person, as SailPoint's user_name does, so describeToken can show it.
    extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => {
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.accountId === token.accountId);
      return account === undefined ? undefined : { preferred_username: account.username };
    },
    // The default issues refresh tokens only with offline_access, which needs prompt=consent.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    pkce: { required: () => true },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      ClientCredentials: accessTokenTtl,
      DeviceCode: 600,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      RefreshToken: 3600,
      Session: 3600,
    },
    renderError: (ctx: ProviderContext, out: Record<string, unknown>) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>error</title><pre>${escapeHtml(JSON.stringify(out))}</pre>`;
    },
  });

  provider.on('grant.success', (ctx) => record(ctx, 'success'));
  provider.on('grant.error', (ctx, error) =>
    record(ctx, 'error', (error as { error?: string }).error),
  );
  function record(ctx: ProviderContext, outcome: 'success' | 'error', error?: string) {
    const grantType = String(ctx.oidc?.params?.['grant_type'] ?? '');
    tokenRequests.push({ at: Date.now(), grantType, outcome, ...(error && { error }) });
  }

  provider.use(async (ctx, next) => {
    // oidc-provider sends no `interval` (clients then wait 5 s); tests should not.
    await next();
    if (ctx.path === '/device/auth' && ctx.status === 200 && isObject(ctx.body)) {
      ctx.body['interval'] = options.deviceInterval ?? 1;
    }
  });
  provider.use(async (ctx, next) => {
    if (slowDownsLeft === 0 || ctx.path !== '/token' || ctx.method !== 'POST') return next();
    const form = new URLSearchParams(await readBody(ctx.req));
    if (form.get('grant_type') !== DEVICE_GRANT) {
      // The stream is spent; oidc-provider falls back to a parsed req.body.
      ctx.req.body = Object.fromEntries(form);
      return next();
    }
    slowDownsLeft -= 1;
    tokenRequests.push({ at: Date.now(), grantType: DEVICE_GRANT, outcome: 'slow_down' });
    ctx.status = 400;
    ctx.body = { error: 'slow_down', error_description: 'polling too fast' };
  });
  provider.use(async (ctx, next) => {
    if (ctx.path !== '/token/introspection' || ctx.method !== 'POST') return next();
    const form = new URLSearchParams(await readBody(ctx.req));
    ctx.req.body = Object.fromEntries(form);
    const withSecret = form.has('client_secret') || ctx.req.headers.authorization !== undefined;
    introspectionRequests.push({ clientId: form.get('client_id') ?? '', withSecret });
    if (options.refusePublicIntrospection && !withSecret) {
      ctx.status = 401;
      ctx.body = {
        error: 'invalid_client',
        error_description: 'public clients may not introspect',
      };
      return;
    }
    await next();
    if (options.introspectUsernameOnly && isObject(ctx.body) && ctx.body['sub'] !== undefined) {
      const { sub, ...rest } = ctx.body;
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.accountId === sub);
      ctx.body = { ...rest, username: account?.username ?? String(sub) };
    }
  });
  provider.use(async (ctx, next) => {
    await next();
    if (
      options.hideIntrospection &&
      ctx.path === '/.well-known/openid-configuration' &&
      isObject(ctx.body)
    ) {
      delete ctx.body['introspection_endpoint'];
    }
  });
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/.exec(ctx.path);
    if (match === null) return next();
    await interaction(provider, ctx, match[2]);
  });

  const callback = provider.callback();
  const wellKnown = '/.well-known/openid-configuration';
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const redirect = options.discoveryRedirect;
    if (redirect !== undefined && req.method === 'GET' && req.url === wellKnown) {
      const location = redirect.to === 'slash' ? `${wellKnown}/` : redirect.to;
      res.writeHead(redirect.status, { location, 'content-type': 'text/plain' });
      res.end(`moved to ${location}`);
      return;
    }
    if (redirect?.to === 'slash' && req.url === `${wellKnown}/`) req.url = wellKnown;
    callback(req, res);
  });

  return {
    issuer,
    origin,
    jwksUri: `${origin}/jwks`,
    service,
    native,
    device,
    introspectionUrl: `${issuer}/token/introspection`,
    resourceServer,
    tokenRequests,
    introspectionRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
