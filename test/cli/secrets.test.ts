import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runKeyhole, tempDir } from '../support/cli.js';
import { type EchoServer, startEchoServer } from '../support/echo-server.js';
import { leaksIn } from '../support/leaks.js';

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
/** The profile's token (a static grant: the secret is the token), 425 characters. */
const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${random(400)}`.slice(0, 425);
const API_KEY = `key-${random(24)}`;
const USER_BEARER = `ub-${random(30)}`;
const CLIENT_SECRET = `cs-${random(24)}`;
const PASSWORD = `pw-${random(18)}`;
const SECRETS = [TOKEN, API_KEY, USER_BEARER, CLIENT_SECRET, PASSWORD];

let home: EchoServer;
let other: EchoServer;
let dir: string;
let cleanup: () => void;
let configDir: string;
const env = () => ({ KEYHOLE_CONFIG_DIR: configDir, ECHO_TOKEN: TOKEN });
const keyhole = (args: string[], input?: string) => runKeyhole(args, { env: env(), input });

beforeAll(async () => {
  other = await startEchoServer();
  home = await startEchoServer({ other: () => other.origin });
  ({ dir, cleanup } = tempDir());
  configDir = path.join(dir, 'config');
  const add = await keyhole([
    'profiles',
    'add',
    'echo',
    '--base-url',
    home.origin,
    '--grant',
    'static',
    '--secret',
    'env:ECHO_TOKEN',
  ]);
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await Promise.all([home.close(), other.close()]);
  cleanup();
});

function leaks(label: string, result: CliResult): string[] {
  return [
    ...leaksIn(`${label} stdout`, result.stdout, SECRETS),
    ...leaksIn(`${label} stderr`, result.stderr, SECRETS),
  ];
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(root, entry))
    .filter((file) => statSync(file).isFile());
}

describe('keyhole call against a server that echoes credentials', () => {
  it('-v, --json and the body show no token, key or sent secret, whole or in part', async () => {
    const request = [
      'call',
      'echo',
      'POST',
      '/echo',
      '-q',
      `client_secret=${CLIENT_SECRET}`,
      '-H',
      `X-API-Key: ${API_KEY}`,
      '-d',
      JSON.stringify({ password: PASSWORD }),
    ];
    const found: string[] = [];
    for (const extra of [[], ['-v'], ['--json'], ['-v', '--all-pages']]) {
      const result = await keyhole([...request, ...extra]);
      expect(result.code, result.stderr).toBe(0);
      found.push(...leaks(extra.join(' ') || 'plain', result));
      expect(result.stderr).toMatch(/repeated a credential keyhole sent/);
    }
    const verbose = await keyhole([...request, '-v']);
    expect(verbose.stderr).toMatch(/< x-echo: Bearer \(redacted\)/);
    expect(found).toEqual([]);
    // The server did get the token: what keyhole shows is keyhole's redaction.
    expect(home.received.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('warns about a token echoed only in a header when the body streams to a pipe', async () => {
    const piped = await keyhole(['call', 'echo', 'GET', '/pages']);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toBe('["one"]');
    expect(piped.stderr).toMatch(/repeated a credential keyhole sent/);
    expect(leaks('piped', piped)).toEqual([]);
  });

  it('a whole body that echoed the token is stored whole (scrubbed, not cut)', async () => {
    const call = await keyhole(['call', 'echo', 'GET', '/echo', '--json']);
    expect(call.code, call.stderr).toBe(0);
    const history = await keyhole(['history', 'echo', '--json', '--limit', '1']);
    const [entry] = JSON.parse(history.stdout) as {
      url: string;
      response: { body: string; bodyTruncated: boolean };
    }[];
    expect(entry?.url).toContain('/echo');
    expect(entry?.response.body).toContain('(redacted)');
    expect(entry?.response.bodyTruncated).toBe(false);
  });

  it('keeps no part of the token in history when the 64 KiB cut goes through it', async () => {
    for (const keep of [422, 425, 100]) {
      const result = await keyhole(['call', 'echo', 'GET', '/big', '-q', `keep=${keep}`]);
      expect(result.code, result.stderr).toBe(0);
      expect(leaks(`big ${keep}`, result)).toEqual([]);
    }
    const history = await keyhole(['history', '--json']);
    expect(history.code).toBe(0);
    const found = leaks('history', history);
    // tokens.json is the token cache of profiles whose secret is not in the keychain: the one
    // file meant to hold the token, and the proof that the search finds it.
    const cache = path.join(configDir, 'tokens.json');
    expect(leaksIn('cache', readFileSync(cache, 'latin1'), [TOKEN])).not.toEqual([]);
    for (const file of filesUnder(configDir).filter((f) => f !== cache))
      found.push(...leaksIn(file, readFileSync(file, 'latin1'), SECRETS));
    expect(found).toEqual([]);
    expect(history.stdout).toContain('xxxxxxxx');
  });

  it('--all-pages sends none of the caller’s credential headers to a Link on another origin', async () => {
    const result = await keyhole([
      'call',
      'echo',
      'GET',
      '/pages',
      '--all-pages',
      '-H',
      `Authorization: Bearer ${USER_BEARER}`,
      '-H',
      `X-API-Key: ${API_KEY}`,
      '-H',
      'X-Trace: t-9',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const page2 = other.received.filter((r) => r.url === '/page2').at(-1);
    expect(page2?.headers['x-trace']).toBe('t-9');
    expect(page2?.headers.authorization).toBeUndefined();
    expect(page2?.headers['x-api-key']).toBeUndefined();
    expect(home.received.at(-1)?.headers['x-api-key']).toBe(API_KEY);
    expect(leaks('pages', result)).toEqual([]);
  });
});

describe('profiles and secrets given in the wrong place', () => {
  it('refuses a base URL with a password, without repeating it, and stores nothing', async () => {
    const result = await keyhole([
      'profiles',
      'add',
      'userinfo',
      '--base-url',
      `https://jane:${PASSWORD}@api.example.com`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/baseUrl holds a password in its user-info/);
    expect(leaks('add userinfo', result)).toEqual([]);
    const spec = await keyhole([
      'profiles',
      'add',
      'specinfo',
      '--base-url',
      'https://api.example.com',
      '--spec',
      `https://jane:${PASSWORD}@specs.example.com/openapi.yaml`,
    ]);
    expect(spec.code).toBe(2);
    expect(spec.stderr).toMatch(/specs holds a URL with a password in its user-info/);
    expect(leaks('add spec userinfo', spec)).toEqual([]);
    const plain = await keyhole([
      'profiles',
      'add',
      'plainhttp',
      '--base-url',
      `http://jane:${PASSWORD}@api.example.com`,
    ]);
    expect(plain.code).toBe(2);
    expect(leaks('add plain http userinfo', plain)).toEqual([]);
    // A password holding "@" ends at the last one, as URL parsers read it: no part is shown.
    const at = await keyhole([
      'profiles',
      'add',
      'atsign',
      '--base-url',
      `https://jane:${PASSWORD}@x${PASSWORD}@api.example.com`,
    ]);
    expect(at.code).toBe(2);
    expect(leaks('add password with @', at)).toEqual([]);
    expect(at.stderr).not.toContain(`x${PASSWORD.slice(0, 8)}`);
    const introspection = await keyhole([
      'profiles',
      'add',
      'introspect',
      '--base-url',
      'https://api.example.com',
      '--introspection-url',
      `https://rs:${PASSWORD}@id.example.com/introspect`,
    ]);
    expect(introspection.code).toBe(2);
    expect(introspection.stderr).toMatch(/introspectionUrl holds a password/);
    expect(leaks('add introspection userinfo', introspection)).toEqual([]);
    for (const file of filesUnder(configDir))
      expect(leaksIn(file, readFileSync(file, 'latin1'), [PASSWORD])).toEqual([]);
  });

  it('shows no password of a profile saved with one in list, show and the curl export', async () => {
    const own = tempDir();
    const config = path.join(own.dir, 'config');
    mkdirSync(config, { recursive: true, mode: 0o700 });
    const baseUrl = `https://jane:${PASSWORD}@api.example.com`;
    writeFileSync(
      path.join(config, 'config.json'),
      JSON.stringify({
        version: 1,
        profiles: [
          {
            name: 'old',
            baseUrl,
            tokenUrl: `${baseUrl}/oauth/token`,
            grant: 'client_credentials',
            clientId: 'c',
            secret: { store: 'none' },
            scopes: [],
            kind: 'other',
            preset: 'generic',
            specs: [],
            tags: [],
          },
        ],
      }),
      { mode: 0o600 },
    );
    const found: string[] = [];
    try {
      for (const args of [
        ['profiles', 'list'],
        ['profiles', 'list', '--json'],
        ['profiles', 'show', 'old'],
        ['profiles', 'show', 'old', '--json'],
        ['curl', 'old', 'GET', '/v3/x'],
      ]) {
        const result = await runKeyhole(args, { env: { KEYHOLE_CONFIG_DIR: config } });
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
        found.push(...leaksIn(`${args.join(' ')} out`, result.stdout, [PASSWORD]));
        found.push(...leaksIn(`${args.join(' ')} err`, result.stderr, [PASSWORD]));
        if (args[0] === 'curl') expect(result.stderr).toMatch(/user-info .* is left out/);
        else expect(result.stdout).toContain('api.example.com');
      }
    } finally {
      own.cleanup();
    }
    expect(found).toEqual([]);
  });

  it('--secret VALUE given by mistake is refused without being echoed', async () => {
    for (const command of [
      ['profiles', 'add', 'mistake', '--base-url', 'https://api.example.com'],
      ['profiles', 'set-secret', 'echo'],
    ]) {
      const result = await keyhole([...command, '--secret', PASSWORD]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--secret takes where the secret lives/);
      expect(leaks(command.join(' '), result)).toEqual([]);
    }
  });
});
