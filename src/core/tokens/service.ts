import { decodeJwt } from 'jose';
import { describeToken } from '../identity/index.js';
import type { TokenIdentity } from '../identity/types.js';
import path from 'node:path';
import type * as AuthModule from '../auth/index.js';
import type { AuthServer, DevicePrompt, TokenSet } from '../auth/index.js';
import { withFileLock } from '../config/lock.js';
import { ensurePrivateDir } from '../config/paths.js';
import { KeyholeError } from '../errors.js';
import { effectiveAuthorizeUrl, effectiveTokenUrl } from '../profiles/defaults.js';
import type { Grant, Profile } from '../profiles/schema.js';
import { resolveClientId, resolveSecret } from '../secrets/resolve.js';
import type { SecretVault } from '../secrets/vault.js';
import { dateMsOrNull } from '../time.js';
import { type CachedToken, TokenCache, isFresh } from './cache.js';
import { parseRefreshSecret } from './refresh-secret.js';
import {
  refreshFailed,
  refreshTokenUsedUp,
  sessionOver,
  unverifiedIssuerWarning,
} from './renewal-errors.js';

/** How a token was had: from the cache, by refreshing, or by a new grant. */
export type TokenOrigin = 'cache' | 'refreshed' | 'granted';

export interface TokenResult {
  readonly token: CachedToken;
  readonly origin: TokenOrigin;
  readonly server: AuthServer;
  /**
   * The grant that produced the token just now (`refresh_token` for a refresh); null when it
   * came from the cache. Lets the TUI say "refreshed" rather than "logged in again".
   */
  readonly grant: Grant | null;
  /** True when the refresh token was refused (the session had ended) and a login replaced it. */
  readonly sessionEnded?: boolean;
}

/** What the token service may do with a person: open a browser, show a device code. */
export interface Interaction {
  /** False for scripts and CI: grants that need a person fail with a hint instead. */
  readonly interactive: boolean;
  readonly openBrowser?: (url: string) => Promise<void> | void;
  readonly onAuthorizeUrl?: (url: string) => void;
  readonly onDevicePrompt?: (prompt: DevicePrompt) => void;
  readonly redirectPort?: number;
  readonly signal?: AbortSignal;
}

export interface GetTokenOptions {
  /** Skip the cache: after a 401, or when the user asks for a new token. */
  readonly force?: boolean;
  /**
   * Run the profile's interactive grant (browser or device code) even when a refresh token is
   * at hand: `keyhole login`. Implies `force`. Grants without a person just get a new token.
   */
  readonly login?: boolean;
}

/**
 * The OAuth flows (openid-client, and undici's fetch parts beneath it). Loaded only to get or
 * read a token from the server: a cached token of a profile without discovery never needs them,
 * which keeps them off the path of most `keyhole call`s.
 */
const loadAuth = (): Promise<typeof AuthModule> => import('../auth/index.js');

/** What renew produced, before it is cached. */
interface Renewal {
  token: CachedToken;
  origin: TokenOrigin;
  grant: Grant;
  sessionEnded?: boolean;
}

/**
 * Gets a profile's access token by its grant and keeps it while it is valid. Only one process
 * refreshes a profile at a time: the others wait on a lock, re-read the cache and reuse what the
 * first one got, which matters with servers that rotate refresh tokens and revoke the whole grant
 * when a used one comes back.
 */
export class TokenService {
  private readonly cache: TokenCache;
  /** Secrets read per profile name, in this process only. */
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly dir: string,
    private readonly vault: SecretVault,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.cache = new TokenCache(vault);
  }

  async getToken(
    profile: Profile,
    interaction: Interaction,
    options: GetTokenOptions = {},
  ): Promise<TokenResult> {
    const server = await this.authServer(profile);
    const force = options.force === true || options.login === true;
    const cached = await this.cache.read(profile);
    if (!force && cached && isFresh(cached)) {
      return { token: cached, origin: 'cache', server, grant: null };
    }

    ensurePrivateDir(this.dir);
    return withFileLock(path.join(this.dir, `token-${profile.name}`), async () => {
      // Another process may have refreshed while this one waited for the lock.
      const current = await this.cache.read(profile);
      if (
        !options.login &&
        current &&
        isFresh(current) &&
        (!force || current.obtainedAt !== cached?.obtainedAt)
      ) {
        return { token: current, origin: 'cache' as const, server, grant: null };
      }
      const auth = await loadAuth();
      const renewal = await this.renew(profile, server, current, interaction, auth, options);
      // A refused introspection stays refused for the same client's refreshed tokens.
      const refused = renewal.origin === 'refreshed' ? current?.introspectionRefused : undefined;
      const token =
        refused === undefined ? renewal.token : { ...renewal.token, introspectionRefused: refused };
      await this.cache.write(profile, token);
      return { ...renewal, token, server };
    });
  }

  /**
   * Who the token is. With `verify`, the signature is checked against the server's JWKS; an
   * opaque token is read through the server's introspection endpoint when it has one (a failed
   * introspection becomes a warning, never an error).
   */
  async describe(
    profile: Profile,
    result: TokenResult,
    options: { verify?: boolean } = {},
  ): Promise<TokenIdentity> {
    const token = result.token.accessToken;
    const context = {
      profile: profile.name,
      kind: profile.kind,
      clientId: profile.clientId?.startsWith('env:') ? undefined : profile.clientId,
      ...(options.verify && result.server.jwksUri ? { jwks: { url: result.server.jwksUri } } : {}),
      tokenResponse: { scope: result.token.scope, expiresAt: result.token.expiresAt },
    };
    const issuerWarning = unverifiedIssuerWarning(profile, result);
    // The same notes on the identity whether it was read from the token or by introspection.
    const annotate = (described: TokenIdentity): TokenIdentity => {
      const noted = withLifetimeWarning(described, result.token);
      return issuerWarning === null
        ? noted
        : { ...noted, warnings: [...noted.warnings, issuerWarning] };
    };
    const identity = annotate(await describeToken(token, context));
    const { introspectionUrl } = result.server;
    if (identity.format !== 'opaque' || !introspectionUrl) return identity;
    const refused = result.token.introspectionRefused;
    if (refused !== undefined) {
      const warning = `introspection was refused before (${refused}); keyhole does not ask again for this token`;
      return { ...identity, warnings: [...identity.warnings, warning] };
    }
    try {
      const { introspect } = await loadAuth();
      const clientId = requireClientId(profile, resolveClientId(profile, this.env));
      const clientSecret = await this.clientSecret(profile);
      const introspection = await introspect(
        { ...result.server, introspectionUrl },
        { clientId, clientSecret },
        token,
      );
      return annotate(await describeToken(token, { ...context, introspection }));
    } catch (error) {
      const reason = error instanceof KeyholeError ? error.message : String(error);
      if (error instanceof KeyholeError && error.code === 'introspection_refused') {
        await this.rememberRefusal(profile, token, reason);
      }
      return { ...identity, warnings: [...identity.warnings, `introspection failed: ${reason}`] };
    }
  }

  /**
   * The secret values of a profile this service has read so far (client secret, static token,
   * refresh token), so the request engine can cut them out of anything a server echoes.
   */
  secretsSeen(profile: Pick<Profile, 'name'>): string[] {
    return [...(this.seen.get(profile.name) ?? [])];
  }

  private async secretFor(profile: Profile): Promise<string | undefined> {
    const value = await resolveSecret(profile, this.vault, this.env);
    if (value) {
      const known = this.seen.get(profile.name) ?? new Set<string>();
      known.add(value);
      // A refresh_token secret may be JSON holding two secrets: each is scrubbed on its own.
      if (profile.grant === 'refresh_token') {
        try {
          const { refreshToken, clientSecret } = parseRefreshSecret(profile.name, value);
          known.add(refreshToken);
          if (clientSecret) known.add(clientSecret);
        } catch {
          // Not a readable refresh secret: the grant reports it; the whole value is known.
        }
      }
      this.seen.set(profile.name, known);
    }
    return value;
  }

  /** Notes on the cached token that its introspection was refused (if it is still the cached one). */
  private async rememberRefusal(profile: Profile, token: string, reason: string): Promise<void> {
    ensurePrivateDir(this.dir);
    await withFileLock(path.join(this.dir, `token-${profile.name}`), async () => {
      const current = await this.cache.read(profile);
      if (current?.accessToken !== token) return;
      await this.cache.write(profile, { ...current, introspectionRefused: reason });
    }).catch(() => undefined);
  }

  /**
   * The cached token a call would use now without renewing it (fresh, see isFresh), or null.
   * After a failed renewal it tells whether the token shown is still the one in use.
   */
  async usableCachedToken(profile: Profile): Promise<CachedToken | null> {
    const cached = await this.cache.read(profile);
    return cached && isFresh(cached) ? cached : null;
  }

  /** Forgets the cached tokens, e.g. for `keyhole logout`. */
  async forget(profile: Profile): Promise<void> {
    await this.cache.clear(profile);
  }

  private async renew(
    profile: Profile,
    server: AuthServer,
    current: CachedToken | undefined,
    interaction: Interaction,
    auth: typeof AuthModule,
    options: GetTokenOptions,
  ): Promise<Renewal> {
    const clientId = resolveClientId(profile, this.env);
    const secretOf = () => this.secretFor(profile);
    const person = profile.grant === 'authorization_code' || profile.grant === 'device_code';
    let sessionEnded = false;
    // `keyhole login` means a new login: the old session's refresh token is not used for it.
    if (current?.refreshToken && !(options.login && person)) {
      try {
        const set = await auth.refresh(server, {
          clientId: requireClientId(profile, clientId),
          clientSecret: await this.clientSecret(profile),
          refreshToken: current.refreshToken,
        });
        return {
          token: toCached(set, current),
          origin: 'refreshed',
          grant: 'refresh_token',
        };
      } catch (error) {
        const ended = error instanceof KeyholeError && error.code === 'session_ended';
        // A client_credentials profile simply asks again below.
        if (profile.grant !== 'client_credentials') {
          // Only a refused refresh token ends the session; after a 5xx or a dropped connection
          // it is kept, so trying again can still work.
          if (!ended) throw refreshFailed(profile, error);
          await this.cache.clear(profile);
          if (profile.grant === 'refresh_token') throw refreshTokenUsedUp(profile, error);
          if (!interaction.interactive) throw sessionOver(profile, error);
          sessionEnded = true;
        }
      }
    }
    switch (profile.grant) {
      case 'client_credentials': {
        const set = await auth.clientCredentials(server, {
          clientId: requireClientId(profile, clientId),
          clientSecret: requireSecret(profile, await secretOf()),
          scopes: profile.scopes,
        });
        return { token: toCached(set), origin: 'granted', grant: 'client_credentials' };
      }
      case 'static': {
        const token = requireSecret(profile, await secretOf());
        return { token: staticToken(token), origin: 'granted', grant: 'static' };
      }
      case 'refresh_token': {
        const stored = parseRefreshSecret(profile.name, requireSecret(profile, await secretOf()));
        try {
          const set = await auth.refresh(server, {
            clientId: requireClientId(profile, clientId),
            clientSecret: stored.clientSecret,
            refreshToken: stored.refreshToken,
          });
          return { token: toCached(set), origin: 'refreshed', grant: 'refresh_token' };
        } catch (error) {
          if (error instanceof KeyholeError && error.code === 'session_ended') {
            throw refreshTokenUsedUp(profile, error);
          }
          throw refreshFailed(profile, error);
        }
      }
      case 'authorization_code':
      case 'device_code':
        return {
          token: await this.login(profile, server, clientId, interaction, auth),
          origin: 'granted',
          grant: profile.grant,
          ...(sessionEnded && { sessionEnded }),
        };
    }
  }

  /**
   * The client secret a refresh sends: the profile's secret, except for `refresh_token`
   * profiles, whose secret is the refresh token (with a client secret only in the JSON form).
   */
  private async clientSecret(profile: Profile): Promise<string | undefined> {
    if (profile.secret.store === 'none' || profile.grant === 'static') return undefined;
    const value = await this.secretFor(profile);
    if (profile.grant !== 'refresh_token' || value === undefined) return value;
    return parseRefreshSecret(profile.name, value).clientSecret;
  }

  private async login(
    profile: Profile,
    server: AuthServer,
    clientId: string | undefined,
    interaction: Interaction,
    auth: typeof AuthModule,
  ): Promise<CachedToken> {
    if (!interaction.interactive) {
      throw new KeyholeError(
        `profile "${profile.name}" needs a person to log in (${profile.grant})`,
        {
          hint: `Run \`keyhole login ${profile.name}\` in a terminal first; its refresh token is then reused.`,
        },
      );
    }
    const clientSecret =
      profile.secret.store === 'none' ? undefined : await this.secretFor(profile);
    const id = requireClientId(profile, clientId);
    const set =
      profile.grant === 'device_code'
        ? await auth.deviceCode(server, {
            clientId: id,
            clientSecret,
            scopes: profile.scopes,
            onPrompt: interaction.onDevicePrompt ?? (() => undefined),
            signal: interaction.signal,
          })
        : await auth.authorizationCode(server, {
            clientId: id,
            clientSecret,
            scopes: profile.scopes,
            redirectPort: interaction.redirectPort,
            openBrowser: interaction.openBrowser ?? (() => undefined),
            onUrl: interaction.onAuthorizeUrl,
            signal: interaction.signal,
          });
    return toCached(set);
  }

  private async authServer(profile: Profile): Promise<AuthServer> {
    const configured: AuthServer = {
      tokenUrl: effectiveTokenUrl(profile),
      authorizeUrl: effectiveAuthorizeUrl(profile),
      issuer: profile.issuer,
      jwksUri: profile.jwksUrl,
      introspectionUrl: profile.introspectionUrl,
    };
    if (profile.preset !== 'oidc') return configured;
    const discovered = await (await loadAuth()).discover(profile.issuer ?? profile.baseUrl);
    return {
      ...discovered,
      tokenUrl: profile.tokenUrl ?? discovered.tokenUrl,
      authorizeUrl: profile.authorizeUrl ?? discovered.authorizeUrl,
      jwksUri: profile.jwksUrl ?? discovered.jwksUri,
      introspectionUrl: profile.introspectionUrl ?? discovered.introspectionUrl,
    };
  }
}

function toCached(set: TokenSet, previous?: string | CachedToken): CachedToken {
  const carried: Pick<CachedToken, 'refreshToken' | 'idTokenIssuer'> | undefined =
    typeof previous === 'string' ? { refreshToken: previous } : previous;
  const refreshToken = set.refreshToken ?? carried?.refreshToken;
  // A refresh response may come without an ID token; the issuer the login's one named stays.
  const idTokenIssuer = set.idTokenIssuer ?? carried?.idTokenIssuer;
  return {
    accessToken: set.accessToken,
    tokenType: set.tokenType,
    expiresAt: set.expiresAt,
    ...(refreshToken ? { refreshToken } : {}),
    ...(set.scope ? { scope: set.scope } : {}),
    ...(idTokenIssuer ? { idTokenIssuer } : {}),
    obtainedAt: Date.now(),
    response: publicFields(set.raw),
  };
}

/** Everything in a token response except the tokens themselves. */
function publicFields(raw: Record<string, unknown>): Record<string, unknown> {
  const { access_token: _a, refresh_token: _r, id_token: _i, ...rest } = raw;
  return rest;
}

/**
 * A server that sent an `expires_in` no date can hold (`1e300`) is told apart from one that sent
 * none: the token is used until the API refuses it, and the person should know why.
 */
function withLifetimeWarning(identity: TokenIdentity, token: CachedToken): TokenIdentity {
  const expiresIn = token.response['expires_in'];
  if (token.expiresAt !== null || typeof expiresIn !== 'number' || identity.expiresAt !== null) {
    return identity;
  }
  return {
    ...identity,
    warnings: [
      ...identity.warnings,
      `the server's expires_in (${expiresIn} s) is not a usable lifetime; the expiry is unknown`,
    ],
  };
}

/** A pasted bearer token: its expiry is read from the JWT when it is one. */
function staticToken(token: string): CachedToken {
  let expiresAt: number | null = null;
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') expiresAt = dateMsOrNull(exp * 1000);
  } catch {
    // Opaque tokens have no readable expiry; they are used until the API says otherwise.
  }
  return {
    accessToken: token,
    tokenType: 'bearer',
    expiresAt,
    obtainedAt: Date.now(),
    response: {},
  };
}

function requireClientId(profile: Profile, clientId: string | undefined): string {
  if (clientId) return clientId;
  throw new KeyholeError(`profile "${profile.name}" has no client id`, {
    hint: `Add one: \`keyhole profiles rm ${profile.name}\` and add it again with --client-id, or edit it in the TUI.`,
  });
}

function requireSecret(profile: Profile, secret: string | undefined): string {
  if (secret) return secret;
  throw new KeyholeError(`profile "${profile.name}" has no secret`, {
    hint: `Store one with \`keyhole profiles set-secret ${profile.name} --secret-stdin\`.`,
  });
}
