import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readObservations, recordObservation } from '../../src/core/access/index.js';
import { appendHistory, readHistory } from '../../src/core/history/index.js';
import { SECRET_KEYS } from '../../src/core/secrets/backend.js';
import { SecretVault } from '../../src/core/secrets/vault.js';
import { runKeyhole, tempDir } from '../support/cli.js';

let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  // DBUS pointed nowhere: these tests never reach a real keychain by accident.
  env = {
    KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
  };
});
afterEach(() => cleanup());

const keyhole = (args: string[], input?: string) => runKeyhole(args, { env, input });

describe('profiles add, list, show', () => {
  it('saves a profile with env: secret and lists it as JSON with the documented fields', async () => {
    const add = await keyhole([
      'profiles',
      'add',
      'acme-api',
      '--base-url',
      'https://acme.api.identitynow.com/',
      '--client-id',
      'cid',
      '--secret',
      'env:ACME_SECRET',
      '--kind',
      'api-key',
      '--scope',
      'sp:scopes:all',
      '--tag',
      'production',
    ]);
    expect(add.code, add.stderr).toBe(0);

    const list = await keyhole(['profiles', 'list', '--json']);
    expect(list.code).toBe(0);
    const [profile] = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(profile).toMatchObject({
      name: 'acme-api',
      baseUrl: 'https://acme.api.identitynow.com',
      tokenUrl: 'https://acme.api.identitynow.com/oauth/token',
      authorizeUrl: 'https://acme.identitynow.com/oauth/authorize',
      grant: 'client_credentials',
      kind: 'api-key',
      preset: 'sailpoint',
      tags: ['production'],
      scopes: ['sp:scopes:all'],
      secretStorage: 'env',
      secretSource: 'env:ACME_SECRET',
    });
  });

  it('prints tables on stdout and notes on stderr', async () => {
    await keyhole([
      'profiles',
      'add',
      'one',
      '--base-url',
      'http://127.0.0.1:9',
      '--secret',
      'cmd:pass show x',
    ]);
    const list = await keyhole(['profiles', 'list']);
    expect(list.stdout).toMatch(/^NAME\s+KIND\s+GRANT/m);
    expect(list.stdout).toMatch(
      /^one\s+other\s+client_credentials\s+generic\s+http:\/\/127\.0\.0\.1:9\s+cmd:pass show x/m,
    );

    const show = await keyhole(['profiles', 'show', 'one']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('token url      http://127.0.0.1:9/oauth/token');
    expect(show.stderr).toBe('');
  });

  it('refuses invalid values with exit 2 and a message naming the field and what is allowed', async () => {
    const cases: [string[], RegExp][] = [
      [['profiles', 'add', 'x', '--base-url', 'not a url'], /baseUrl: "not a url" is not a URL/],
      [
        ['profiles', 'add', 'x', '--base-url', 'http://api.example.com'],
        /baseUrl: .*only https is allowed/,
      ],
      [
        ['profiles', 'add', '-bad', '--base-url', 'https://a.example.com'],
        /unknown option|name: must be/,
      ],
      [
        ['profiles', 'add', 'x y', '--base-url', 'https://a.example.com'],
        /name: must be 1-63 characters/,
      ],
      [
        ['profiles', 'add', 'x', '--base-url', 'https://a.example.com', '--grant', 'password'],
        /Allowed choices are client_credentials/,
      ],
      [
        ['profiles', 'add', 'x', '--base-url', 'https://a.example.com', '--secret', 'hunter2'],
        /--secret takes where the secret lives, not a value/,
      ],
      [
        ['profiles', 'add', 'x', '--base-url', 'https://a.example.com', '--secret', 'env:1BAD'],
        /var: must be an environment variable name/,
      ],
      [
        ['profiles', 'add', 'x', '--base-url', 'https://a.example.com', '--secret', 'file'],
        /needs --insecure-storage/,
      ],
      [
        ['profiles', 'add', 'x', '--base-url', 'https://a.example.com', '--token-url', 'ftp://a'],
        /tokenUrl: .*must be an http\(s\) URL/,
      ],
      [['profiles', 'add', 'x'], /required option '--base-url <url>' not specified/],
    ];
    for (const [args, message] of cases) {
      const result = await keyhole(args);
      expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(JSON.parse((await keyhole(['profiles', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('refuses a duplicate name and an unknown profile with exit 2', async () => {
    const args = ['profiles', 'add', 'dup', '--base-url', 'https://a.example.com'];
    expect((await keyhole(args)).code).toBe(0);
    const again = await keyhole(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('a profile named "dup" already exists');

    const show = await keyhole(['profiles', 'show', 'nope']);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('no profile named "nope"');
    expect(show.stderr).toContain('Saved profiles: dup.');
  });
});

describe('profiles rm and rename', () => {
  it('renames and removes, keeping the other profiles', async () => {
    for (const name of ['a', 'b', 'c']) {
      await keyhole(['profiles', 'add', name, '--base-url', 'https://a.example.com']);
    }
    expect((await keyhole(['profiles', 'rename', 'b', 'bee'])).code).toBe(0);
    expect((await keyhole(['profiles', 'rename', 'a', 'c'])).code).toBe(2);
    expect((await keyhole(['profiles', 'rm', 'a'])).code).toBe(0);
    expect((await keyhole(['profiles', 'rm', 'a'])).code).toBe(2);
    const names = (
      JSON.parse((await keyhole(['profiles', 'list', '--json'])).stdout) as { name: string }[]
    ).map((p) => p.name);
    expect(names).toEqual(['bee', 'c']);
  });

  it('moves a plaintext secret with a rename and deletes it with rm', async () => {
    const add = await keyhole(
      [
        'profiles',
        'add',
        'p',
        '--base-url',
        'https://a.example.com',
        '--secret-stdin',
        '--insecure-storage',
      ],
      'value-1\n',
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toContain('stored in plaintext');
    const secretsFile = path.join(env.KEYHOLE_CONFIG_DIR as string, 'secrets.json');
    expect(JSON.parse(readFileSync(secretsFile, 'utf8')).secrets).toEqual({
      p: { client_secret: 'value-1' },
    });

    await keyhole(['profiles', 'rename', 'p', 'q']);
    expect(JSON.parse(readFileSync(secretsFile, 'utf8')).secrets).toEqual({
      q: { client_secret: 'value-1' },
    });
    expect((await keyhole(['profiles', 'show', 'q'])).stdout).toMatch(
      /secret\s+plaintext file .*secrets\.json/,
    );

    await keyhole(['profiles', 'rm', 'q']);
    expect(JSON.parse(readFileSync(secretsFile, 'utf8')).secrets).toEqual({});
  });
});

/** What keyhole keeps for a profile besides config.json: a cached token, observations, history. */
async function keepFor(name: string, store: 'file' | 'env' = 'file'): Promise<void> {
  const dir = env.KEYHOLE_CONFIG_DIR as string;
  const tokens = new SecretVault(dir).tokenBackend({ secret: { store } as never });
  await tokens.set(name, SECRET_KEYS.tokenCache, '{"accessToken":"cached"}');
  for (const [n, path] of ['/v3/identities', '/v3/search', '/beta/workflows'].entries()) {
    await recordObservation({ profile: name, method: 'GET', path, status: 200 + n }, { dir });
  }
  for (const n of [1, 2]) {
    await appendHistory(
      {
        version: 1,
        id: `${name}-${n}`,
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
        profile: name,
        method: 'GET',
        url: `https://a.example.com/${n}`,
        status: 200,
        error: null,
        timing: null,
        identity: null,
        explanation: null,
        request: { headers: {}, body: null, bodyTruncated: false },
        response: null,
      },
      { dir },
    );
  }
}

describe('profiles rm and rename: what else keyhole kept for the profile', () => {
  it('rename moves the observations and the history; rm deletes them and says all it deleted', async () => {
    const dir = env.KEYHOLE_CONFIG_DIR as string;
    // No keychain in these tests (DBUS points nowhere): the plaintext file is the secret store.
    const add = await keyhole(
      [
        'profiles',
        'add',
        'p',
        '--base-url',
        'https://a.example.com',
        '--secret-stdin',
        '--insecure-storage',
      ],
      'value-1\n',
    );
    expect(add.code, add.stderr).toBe(0);
    await keyhole(['profiles', 'add', 'other', '--base-url', 'https://a.example.com']);
    await keepFor('p');
    await recordObservation(
      { profile: 'other', method: 'GET', path: '/v3/identities', status: 403 },
      { dir },
    );
    // Left by a profile "q" deleted before keyhole removed observations: not the renamed one's.
    await recordObservation(
      { profile: 'q', method: 'POST', path: '/v3/stale', status: 500 },
      { dir },
    );

    const renamed = await keyhole(['profiles', 'rename', 'p', 'q']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(Object.keys(readObservations('p', { dir }))).toEqual([]);
    expect(readObservations('q', { dir })).toMatchObject({
      'GET /v3/identities': { status: 200 },
      'GET /v3/search': { status: 201 },
      'GET /beta/workflows': { status: 202 },
    });
    expect(readObservations('q', { dir })['POST /v3/stale']).toBeUndefined();
    expect(readHistory('q', undefined, { dir })).toHaveLength(2);

    const removed = await keyhole(['profiles', 'rm', 'q', '--json']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({
      removed: 'q',
      deleted: { secret: 'file', tokens: true, observations: 3, history: 2 },
      warnings: [],
    });
    expect(readObservations('q', { dir })).toEqual({});
    expect(readHistory('q', undefined, { dir })).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dir, 'tokens.json'), 'utf8')).secrets).toEqual({});
    // Another profile's observations stay.
    expect(readObservations('other', { dir })).toMatchObject({
      'GET /v3/identities': { status: 403 },
    });
  });

  it('rm says in words what it deleted, and where a secret it never held stays', async () => {
    const add = await keyhole([
      'profiles',
      'add',
      'e',
      '--base-url',
      'https://a.example.com',
      '--secret',
      'env:E_SECRET',
    ]);
    expect(add.code, add.stderr).toBe(0);
    await keepFor('e', 'env');
    const removed = await keyhole(['profiles', 'rm', 'e']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain(
      'Removed profile "e" and its cached tokens, 3 observations and 2 history entries. ' +
        'Its secret stays in $E_SECRET (keyhole stored none).',
    );

    await keyhole(['profiles', 'add', 'bare', '--base-url', 'https://a.example.com']);
    const bare = await keyhole(['profiles', 'rm', 'bare']);
    expect(bare.stderr).toContain(
      'Removed profile "bare"; keyhole had stored nothing else for it.',
    );
  });
});

describe('file modes', () => {
  it('keeps the folder 0700 and the files 0600 after every rewrite', async () => {
    const configDir = env.KEYHOLE_CONFIG_DIR as string;
    await keyhole(
      [
        'profiles',
        'add',
        'a',
        '--base-url',
        'https://a.example.com',
        '--secret-stdin',
        '--insecure-storage',
      ],
      's',
    );
    const modes = () => ({
      dir: statSync(configDir).mode & 0o777,
      config: statSync(path.join(configDir, 'config.json')).mode & 0o777,
      secrets: statSync(path.join(configDir, 'secrets.json')).mode & 0o777,
    });
    expect(modes()).toEqual({ dir: 0o700, config: 0o600, secrets: 0o600 });
    const { chmodSync } = await import('node:fs');
    chmodSync(configDir, 0o755);
    chmodSync(path.join(configDir, 'config.json'), 0o644);
    await keyhole(['profiles', 'add', 'b', '--base-url', 'https://a.example.com']);
    expect(modes()).toEqual({ dir: 0o700, config: 0o600, secrets: 0o600 });
  });
});

describe('--help and usage errors', () => {
  const commands = [
    [],
    ['profiles'],
    ['profiles', 'add'],
    ['profiles', 'list'],
    ['profiles', 'show'],
    ['profiles', 'rm'],
    ['profiles', 'rename'],
    ['profiles', 'set-secret'],
    ['profiles', 'import'],
    ['config'],
    ['config', 'path'],
    ['config', 'repair'],
  ];
  it('answers --help on every command with exit 0 and usage on stdout', async () => {
    for (const command of commands) {
      const result = await keyhole([...command, '--help']);
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: keyhole/);
    }
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await keyhole(['profiles', 'frobnicate'])).code).toBe(2);
    const bad = await keyhole(['profiles', 'list', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--nope'");
  });
});

describe('profiles edit', () => {
  it('changes only the fields given, validates them, and replaces repeatable lists', async () => {
    await keyhole([
      'profiles',
      'add',
      'e',
      '--base-url',
      'https://a.example.com',
      '--tag',
      'one',
      '--scope',
      's1',
    ]);
    const edit = await keyhole([
      'profiles',
      'edit',
      'e',
      '--tag',
      'production',
      '--tag',
      'eu',
      '--no-history',
      '--json',
    ]);
    expect(edit.code, edit.stderr).toBe(0);
    expect(JSON.parse(edit.stdout)).toMatchObject({
      tags: ['production', 'eu'],
      scopes: ['s1'],
      history: false,
      production: true,
    });
    const back = await keyhole(['profiles', 'edit', 'e', '--history', '--kind', 'pat', '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({
      history: true,
      kind: 'pat',
      tags: ['production', 'eu'],
    });

    const bad = await keyhole(['profiles', 'edit', 'e', '--base-url', 'http://plain.example.com']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/baseUrl: .*plain http/);
    expect((await keyhole(['profiles', 'edit', 'e'])).code).toBe(2);
    expect((await keyhole(['profiles', 'edit', 'nobody', '--kind', 'pat'])).code).toBe(2);
  });
});
