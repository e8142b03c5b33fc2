import { UsageError } from '../../core/errors.js';
import { formatIdentity } from '../../core/identity/index.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import type { Profile } from '../../core/profiles/schema.js';
import { type TokenResult, TokenService } from '../../core/tokens/service.js';
import { terminalInteraction } from '../interaction.js';
import { note, printJson, printLine, styled, warn } from '../output.js';

interface TokenOptions {
  json?: boolean;
  raw?: boolean;
  /** `Authorization: Bearer …` on one line, for `keyhole token p --header | curl -H @- …`. */
  header?: boolean;
  new?: boolean;
}

async function tokenFor(
  name: string,
  options: {
    new?: boolean;
    login?: boolean;
    browser?: boolean;
    port?: number;
    forceInteractive?: boolean;
  } = {},
): Promise<{ profile: Profile; result: TokenResult }> {
  const repository = new ProfileRepository();
  const profile = repository.get(name);
  const service = new TokenService(repository.dir, repository.vault);
  const interaction = terminalInteraction({
    browser: options.browser,
    port: options.port,
    force: options.forceInteractive,
  });
  const result = await service.getToken(profile, interaction, {
    force: options.new,
    login: options.login,
  });
  return { profile, result };
}

function identityOf(profile: Profile, result: TokenResult) {
  const repository = new ProfileRepository();
  return new TokenService(repository.dir, repository.vault).describe(profile, result, {
    verify: true,
  });
}

/**
 * `keyhole token`: the decoded token; `--raw` and `--header` are the only outputs anywhere that
 * hold the token.
 */
export async function tokenCommand(name: string, options: TokenOptions): Promise<void> {
  const chosen = (['raw', 'header', 'json'] as const).filter((flag) => options[flag]);
  if (chosen.length > 1) {
    throw new UsageError(`${chosen.map((flag) => `--${flag}`).join(' and ')} cannot be combined`);
  }
  const { profile, result } = await tokenFor(name, { new: options.new });
  if (options.raw) {
    printLine(result.token.accessToken);
    return;
  }
  if (options.header) {
    printLine(`Authorization: Bearer ${result.token.accessToken}`);
    return;
  }
  const identity = await identityOf(profile, result);
  const summary = {
    profile: profile.name,
    origin: result.origin,
    tokenType: result.token.tokenType,
    format: identity.format,
    expiresAt: identity.expiresAt ?? isoOrNull(result.token.expiresAt),
    expiresInSeconds: identity.expiresInSeconds,
    hasRefreshToken: result.token.refreshToken !== undefined,
    header: identity.header,
    claims: identity.claims,
    response: result.token.response,
  };
  if (options.json) return printJson(summary);
  note(`token for "${profile.name}" (${result.origin === 'cache' ? 'cached' : result.origin})`);
  printLine(styled('bold', 'header'));
  printLine(JSON.stringify(identity.header, null, 2));
  printLine(styled('bold', 'claims'));
  printLine(JSON.stringify(identity.claims, null, 2));
  identity.warnings.forEach(warn);
}

/** `keyhole whoami`: who the token is, what kind of token it is, when it expires. */
export async function whoamiCommand(
  name: string,
  options: { json?: boolean; new?: boolean },
): Promise<void> {
  const { profile, result } = await tokenFor(name, { new: options.new });
  const identity = await identityOf(profile, result);
  if (options.json) {
    const { claims: _claims, header: _header, ...summary } = identity;
    return printJson(summary);
  }
  formatIdentity(identity).forEach((line) => printLine(line));
}

/**
 * `keyhole login`: runs the profile's interactive grant now (never a silent refresh, which is not
 * a login and would keep an old session) and keeps its refresh token. A profile without a login
 * gets a new token by its own grant, and is told so.
 */
export async function loginCommand(
  name: string,
  options: { browser?: boolean; port?: string; json?: boolean },
): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new UsageError(`--port: "${options.port}" is not a port number`);
  }
  const { profile, result } = await tokenFor(name, {
    login: true,
    browser: options.browser,
    port,
    forceInteractive: true,
  });
  const identity = await identityOf(profile, result);
  if (options.json) {
    const { claims: _claims, header: _header, ...summary } = identity;
    return printJson(summary);
  }
  note(loginNote(profile, result));
  formatIdentity(identity).forEach((line) => printLine(line));
}

/** `keyhole logout`: forgets the cached access and refresh tokens. */
export async function logoutCommand(name: string): Promise<void> {
  const repository = new ProfileRepository();
  const profile = repository.get(name);
  await new TokenService(repository.dir, repository.vault).forget(profile);
  note(`Forgot the cached tokens of "${profile.name}".`);
}

function loginNote(profile: Profile, result: TokenResult): string {
  if (result.grant === 'authorization_code') {
    return `Logged in as profile "${profile.name}" (browser login).`;
  }
  if (result.grant === 'device_code')
    return `Logged in as profile "${profile.name}" (device code).`;
  const how =
    result.grant === 'refresh_token'
      ? 'refreshed its token with the refresh token'
      : result.grant === 'client_credentials'
        ? 'got a new token with its client credentials'
        : result.grant === 'static'
          ? 'read its stored token again'
          : 'took its token from the cache';
  return `Profile "${profile.name}" has no login (${profile.grant}): keyhole ${how}.`;
}

function isoOrNull(epochMs: number | null): string | null {
  const date = epochMs === null ? null : new Date(epochMs);
  return date === null || Number.isNaN(date.getTime()) ? null : date.toISOString();
}
