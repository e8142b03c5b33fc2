import { SignJWT } from 'jose';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from '../../../src/demo/server.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { describeToken } from '../../../src/core/identity/index.js';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { TokenCache } from '../../../src/core/tokens/cache.js';
import { TokenService } from '../../../src/core/tokens/service.js';
import { tempDir } from '../../support/cli.js';
import { sampleProfile } from '../../support/profiles.js';

let tenant: DemoTenant;
let dir: string;
let cleanup: () => void;
let repository: ProfileRepository;
let service: TokenService;
const env = {
  API_SECRET: 'demo-api-secret',
  PAT_SECRET: 'demo-pat-secret',
  WRONG: 'not-the-secret',
};

beforeAll(async () => {
  tenant = await startDemoTenant();
});
afterAll(() => tenant.close());
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  repository = new ProfileRepository(path.join(dir, 'config'));
  service = new TokenService(repository.dir, repository.vault, env);
});
afterEach(() => cleanup());

function demoProfile(name: string, change: Partial<Profile>): Promise<Profile> {
  return repository.add(
    sampleProfile({ name, baseUrl: tenant.baseUrl, preset: 'sailpoint', ...change }),
  );
}

const noPerson = { interactive: false } as const;

describe('client_credentials against the demo tenant', () => {
  it('gets a token once and reuses it from the cache until it is near expiry', async () => {
    const profile = await demoProfile('pat', {
      clientId: 'demo-pat-client',
      secret: { store: 'env', var: 'PAT_SECRET' },
    });
    const first = await service.getToken(profile, noPerson);
    expect(first.origin).toBe('granted');
    expect(first.token.response).toMatchObject({ user_name: 'jane.doe', org: 'keyhole-demo' });
    expect(first.token.response).not.toHaveProperty('access_token');

    const second = await service.getToken(profile, noPerson);
    expect(second.origin).toBe('cache');
    expect(second.token.accessToken).toBe(first.token.accessToken);

    // Within the 60 s margin the cached token counts as stale (an hour-long token, 30 s left).
    await new TokenCache(repository.vault).write(profile, {
      ...first.token,
      obtainedAt: Date.now() - 3_570_000,
      expiresAt: Date.now() + 30_000,
    });
    const third = await service.getToken(profile, noPerson);
    expect(third.origin).toBe('granted');
    expect(third.token.accessToken).not.toBe(first.token.accessToken);

    const forced = await service.getToken(profile, noPerson, { force: true });
    expect(forced.origin).toBe('granted');
  });

  it('tells an API key from a PAT by the token it gets', async () => {
    const api = await demoProfile('api', {
      clientId: 'demo-api-client',
      secret: { store: 'env', var: 'API_SECRET' },
    });
    const pat = await demoProfile('pat', {
      clientId: 'demo-pat-client',
      secret: { store: 'env', var: 'PAT_SECRET' },
    });
    const apiIdentity = await describeToken(
      (await service.getToken(api, noPerson)).token.accessToken,
    );
    const patIdentity = await describeToken(
      (await service.getToken(pat, noPerson)).token.accessToken,
    );
    expect(apiIdentity).toMatchObject({
      provider: 'sailpoint',
      userContext: false,
      authorities: ['API'],
    });
    expect(patIdentity).toMatchObject({
      provider: 'sailpoint',
      userContext: true,
      userName: 'jane.doe',
    });
  });

  it('explains a wrong secret without repeating it', async () => {
    const profile = await demoProfile('wrong', {
      clientId: 'demo-api-client',
      secret: { store: 'env', var: 'WRONG' },
    });
    const error = await service.getToken(profile, noPerson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyholeError);
    expect((error as KeyholeError).message).toContain(
      'client id or secret is wrong for this tenant',
    );
    expect(
      JSON.stringify({ m: (error as KeyholeError).message, h: (error as KeyholeError).hint }),
    ).not.toContain('not-the-secret');
  });
});

describe('grants that need no request or a person', () => {
  it('static: uses the pasted token and reads its expiry', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const jwt = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(exp)
      .sign(new Uint8Array(32));
    const profile = await demoProfile('static', {
      grant: 'static',
      secret: { store: 'env', var: 'TOKEN' },
    });
    const result = await new TokenService(repository.dir, repository.vault, {
      TOKEN: jwt,
    }).getToken(profile, noPerson);
    expect(result.token.accessToken).toBe(jwt);
    expect(result.token.expiresAt).toBe(exp * 1000);
  });

  it('authorization_code without a person fails with the login command to run', async () => {
    const profile = await demoProfile('app', {
      grant: 'authorization_code',
      clientId: 'demo-app-client',
    });
    const error = (await service
      .getToken(profile, noPerson)
      .catch((e: unknown) => e)) as KeyholeError;
    expect(error.message).toContain('needs a person to log in');
    expect(error.hint).toContain('keyhole login app');
  });

  it('a revoked session says so and names the profile to log in again', async () => {
    const profile = await demoProfile('app', {
      grant: 'authorization_code',
      clientId: 'demo-app-client',
      secret: { store: 'env', var: 'APP_SECRET' },
    });
    const cache = new TokenCache(repository.vault);
    await cache.write(profile, {
      accessToken: 'stale',
      tokenType: 'bearer',
      expiresAt: Date.now() - 1,
      refreshToken: 'a-refresh-token-the-tenant-never-issued',
      obtainedAt: Date.now() - 1_000_000,
      response: {},
    });
    const appService = new TokenService(repository.dir, repository.vault, {
      APP_SECRET: 'demo-app-secret',
    });
    const error = (await appService
      .getToken(profile, noPerson)
      .catch((e: unknown) => e)) as KeyholeError;
    expect(error.code).toBe('session_ended');
    expect(error.hint).toContain('keyhole login app');
    expect(await cache.read(profile)).toBeUndefined();
  });
});
