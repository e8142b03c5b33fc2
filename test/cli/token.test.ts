import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { KEYHOLE_BIN, runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';

let tenant: DemoTenant;
let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

const keyhole = (args: string[], extraEnv: Record<string, string> = {}) =>
  runKeyhole(args, { env: { ...env, ...extraEnv } });

beforeAll(async () => {
  tenant = await startDemoTenant();
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV };
  const profiles = [
    ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
    ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
    ['mislabelled', 'demo-api-client', 'API_SECRET', 'pat'],
  ] as const;
  await addDemoProfiles(keyhole, tenant.baseUrl, profiles, [
    '--jwks-url',
    `${tenant.baseUrl}/demo/jwks.json`,
  ]);
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe('keyhole whoami', () => {
  it('reports the API key as an app without user context and the PAT as jane.doe', async () => {
    const api = await keyhole(['whoami', 'demo-api', '--json']);
    const pat = await keyhole(['whoami', 'demo-pat', '--json']);
    expect(api.code, api.stderr).toBe(0);
    expect(JSON.parse(api.stdout)).toMatchObject({
      profile: 'demo-api',
      provider: 'sailpoint',
      subjectKind: 'app',
      userContext: false,
      identityId: null,
      userName: null,
      clientId: 'demo-api-client',
      org: 'keyhole-demo',
      authorities: ['API'],
      scopes: ['sp:scopes:all'],
      signature: 'verified',
      format: 'jwt',
      warnings: [],
    });
    expect(JSON.parse(pat.stdout)).toMatchObject({
      profile: 'demo-pat',
      subjectKind: 'user',
      userContext: true,
      userName: 'jane.doe',
      authorities: ['ORG_ADMIN'],
      signature: 'verified',
    });
    expect(JSON.parse(pat.stdout).expiresInSeconds).toBeGreaterThan(600);
  });

  it('warns when the label disagrees with the token', async () => {
    const result = await keyhole(['whoami', 'mislabelled', '--json']);
    expect(JSON.parse(result.stdout).warnings.join(' ')).toMatch(
      /labelled pat, but the token has no user context/,
    );
    const human = await keyhole(['whoami', 'mislabelled']);
    expect(human.stdout).toMatch(/no user context/);
  });
});

describe('keyhole token', () => {
  it('--raw prints only the bare token; no other output ever holds it', async () => {
    const raw = await keyhole(['token', 'demo-pat', '--raw']);
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(raw.stderr).toBe('');
    const token = raw.stdout.trim();

    const outputs = await Promise.all([
      keyhole(['token', 'demo-pat']),
      keyhole(['token', 'demo-pat', '--json']),
      keyhole(['whoami', 'demo-pat']),
      keyhole(['whoami', 'demo-pat', '--json']),
      keyhole(['profiles', 'show', 'demo-pat', '--json']),
    ]);
    for (const output of outputs) {
      expect(output.code, output.stderr).toBe(0);
      expect(output.stdout + output.stderr).not.toContain(token);
      expect(output.stdout + output.stderr).not.toContain('demo-pat-secret');
    }
    const json = JSON.parse(outputs[1]?.stdout ?? '{}');
    expect(json).toMatchObject({ profile: 'demo-pat', origin: 'cache', hasRefreshToken: false });
    expect(json.claims).toMatchObject({ user_name: 'jane.doe' });
    expect(json.header).toMatchObject({ alg: 'ES256' });
  });

  it('exits 1 with a plain reason for a wrong secret and a dead server', async () => {
    const wrong = await keyhole(['token', 'demo-api', '--new'], { API_SECRET: 'wrong-secret' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('client id or secret is wrong for this tenant');
    expect(wrong.stderr).not.toContain('wrong-secret');

    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await keyhole([
      'profiles',
      'add',
      'dead',
      '--base-url',
      `http://127.0.0.1:${deadPort}`,
      '--client-id',
      'x',
      '--secret',
      'env:API_SECRET',
    ]);
    const dead = await keyhole(['whoami', 'dead']);
    expect(dead.code).toBe(1);
    expect(dead.stderr).toContain(`127.0.0.1:${deadPort}`);
    expect(dead.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });
});

describe('keyhole login (authorization_code + PKCE through the loopback listener)', () => {
  it('logs in over the demo login page and keeps a refresh token', async () => {
    await keyhole([
      'profiles',
      'add',
      'demo-app',
      '--base-url',
      tenant.baseUrl,
      '--grant',
      'authorization_code',
      '--client-id',
      'demo-app-client',
      '--secret',
      'env:APP_SECRET',
      '--kind',
      'user',
      '--preset',
      'sailpoint',
    ]);
    const child = spawn(
      process.execPath,
      [KEYHOLE_BIN, 'login', 'demo-app', '--no-browser', '--json'],
      {
        env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const authorizeUrl = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        const match = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)/.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('close', () => reject(new Error(`login exited early: ${stderr}`)));
    });
    // The "browser": load the login page, pick Jane Doe, follow the redirect to keyhole's listener.
    const page = await fetch(authorizeUrl).then((r) => r.text());
    const request = /name="request" value="([^"]+)"/.exec(page)?.[1];
    expect(request).toBeTruthy();
    const submit = await fetch(`${tenant.baseUrl}/oauth/authorize/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: request ?? '', identity: 'jane.doe' }).toString(),
      redirect: 'manual',
    });
    const callback = submit.headers.get('location') ?? '';
    expect(callback).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    expect((await fetch(callback)).status).toBe(200);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      profile: 'demo-app',
      userName: 'jane.doe',
      userContext: true,
    });

    const token = await keyhole(['token', 'demo-app', '--json']);
    expect(JSON.parse(token.stdout)).toMatchObject({ origin: 'cache', hasRefreshToken: true });
    expect(JSON.parse(token.stdout).claims).toMatchObject({ strong_auth: true });
  });
});

describe('keyhole demo-server', () => {
  it('--json prints one ready line with the base URL and clients, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [KEYHOLE_BIN, 'demo-server', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve) => {
      let buffer = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        buffer += c;
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0] ?? '');
      });
    });
    const ready = JSON.parse(line) as {
      baseUrl: string;
      clients: { clientId: string; kind: string }[];
    };
    expect(ready.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.clients.map((c) => c.clientId)).toEqual(
      expect.arrayContaining([
        'demo-api-client',
        'demo-pat-client',
        'demo-helpdesk-client',
        'demo-app-client',
      ]),
    );
    expect((await fetch(`${ready.baseUrl}/oauth/info`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  });
});
