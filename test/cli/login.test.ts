import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, runKeyhole, tempDir } from '../support/cli.js';
import { signInOverHttp } from '../support/oidc-browser.js';
import { type OidcPeer, startOidcPeer } from '../support/oidc-peer.js';

/**
 * `keyhole login` against oidc-provider: every login is a real browser login, also when a
 * refresh token is cached (a silent refresh is not a login, and failed outright when the server
 * refused it).
 */
let peer: OidcPeer;
let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

beforeAll(async () => {
  peer = await startOidcPeer();
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), SVC_SECRET: peer.service.clientSecret };
  const add = (args: string[]) => runKeyhole(['profiles', 'add', ...args], { env });
  const user = await add([
    'peer-user',
    '--base-url',
    peer.origin,
    '--preset',
    'oidc',
    '--issuer',
    peer.issuer,
    '--grant',
    'authorization_code',
    '--client-id',
    peer.native.clientId,
    '--kind',
    'user',
    '--scope',
    'openid',
    '--scope',
    'read',
  ]);
  expect(user.code, user.stderr).toBe(0);
  const svc = await add([
    'peer-svc',
    '--base-url',
    peer.origin,
    '--preset',
    'oidc',
    '--issuer',
    peer.issuer,
    '--client-id',
    peer.service.clientId,
    '--secret',
    'env:SVC_SECRET',
  ]);
  expect(svc.code, svc.stderr).toBe(0);
});
afterAll(async () => {
  await peer?.close();
  cleanup();
});

/** Runs `keyhole login NAME --no-browser` and signs in at the URL it prints. */
async function loginOverHttp(name: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [KEYHOLE_BIN, 'login', name, '--no-browser'], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.resume();
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    void closed.then(() => reject(new Error(`login ended without a login URL:\n${stderr}`)));
  });
  const page = await signInOverHttp(url, { login: 'jane.doe', password: 'jane-password' });
  expect(page.body).toContain('Logged in');
  return { code: await closed, stderr };
}

const refreshes = () => peer.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
const codes = () => peer.tokenRequests.filter((r) => r.grantType === 'authorization_code').length;

describe('keyhole login', () => {
  it('logs in through the browser, and again through the browser with a refresh token cached', async () => {
    const first = await loginOverHttp('peer-user');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('Logged in as profile "peer-user" (browser login).');
    const token = await runKeyhole(['token', 'peer-user', '--json'], { env });
    expect(JSON.parse(token.stdout)).toMatchObject({ origin: 'cache', hasRefreshToken: true });

    const [refreshesBefore, codesBefore] = [refreshes(), codes()];
    const second = await loginOverHttp('peer-user');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('(browser login)');
    expect(refreshes()).toBe(refreshesBefore);
    expect(codes()).toBe(codesBefore + 1);
  });

  it('a profile without a login says so and gets a new token by its own grant', async () => {
    const run = await runKeyhole(['login', 'peer-svc'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'Profile "peer-svc" has no login (client_credentials): keyhole got a new token with its client credentials.',
    );
    expect(run.stderr).not.toContain('Logged in');
  });
});
