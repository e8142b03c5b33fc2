import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';

let dir: string;
let cleanup: () => void;
let configDir: string;
let configFile: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  configDir = path.join(dir, 'config');
  configFile = path.join(configDir, 'config.json');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
});
afterEach(() => cleanup());

const keyhole = (args: string[]) => runKeyhole(args, { env: { KEYHOLE_CONFIG_DIR: configDir } });

const valid = JSON.stringify({
  version: 1,
  profiles: [
    {
      name: 'kept',
      baseUrl: 'https://a.example.com',
      grant: 'client_credentials',
      secret: { store: 'none' },
      scopes: [],
      kind: 'other',
      preset: 'generic',
      specs: [],
      tags: [],
    },
  ],
});

/** Each way a config file goes bad in the wild, and the words the message should use. */
const CORRUPTIONS: [string, Buffer, RegExp][] = [
  ['empty', Buffer.alloc(0), /not valid JSON/],
  ['truncated', Buffer.from(valid.slice(0, valid.length / 2)), /not valid JSON/],
  ['invalid JSON', Buffer.from('{"version": 1, profiles: []}'), /not valid JSON/],
  ['NUL bytes', Buffer.alloc(64, 0), /not valid JSON/],
  [
    'NUL bytes after valid JSON',
    Buffer.concat([Buffer.from(valid), Buffer.alloc(16, 0)]),
    /not valid JSON/,
  ],
  ['wrong shape', Buffer.from('[]'), /the top level is an array, not an object/],
  [
    'bad profile value',
    Buffer.from(valid.replace('client_credentials', 'password')),
    /profiles\.0\.grant/,
  ],
];

describe('a corrupt config is kept and reported, never reset', () => {
  for (const [label, bytes, detail] of CORRUPTIONS) {
    it(`${label}: every command exits 2 naming the file and leaves its bytes as they were`, async () => {
      writeFileSync(configFile, bytes, { mode: 0o600 });
      for (const args of [
        ['profiles', 'list'],
        ['profiles', 'show', 'kept'],
        ['profiles', 'add', 'new', '--base-url', 'https://b.example.com'],
        ['profiles', 'rm', 'kept'],
        ['profiles', 'rename', 'kept', 'other'],
      ]) {
        const result = await keyhole(args);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toContain(configFile);
        expect(result.stderr).toMatch(detail);
        expect(result.stderr).toContain('left untouched');
        expect(result.stdout).toBe('');
        expect(readFileSync(configFile).equals(bytes)).toBe(true);
      }
    });
  }

  it('repairs only when asked: the original bytes go to a .corrupt-<timestamp> backup', async () => {
    const bytes = Buffer.from('{"version": 1, "profiles": [ {"name": "half');
    writeFileSync(configFile, bytes, { mode: 0o600 });
    const repair = await keyhole(['config', 'repair', '--json']);
    expect(repair.code, repair.stderr).toBe(0);
    const { backup, repaired } = JSON.parse(repair.stdout) as { backup: string; repaired: boolean };
    expect(repaired).toBe(true);
    expect(path.basename(backup)).toMatch(/^config\.json\.corrupt-\d{4}-\d\d-\d\dT/);
    expect(readFileSync(backup).equals(bytes)).toBe(true);
    expect(readdirSync(configDir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);

    const list = await keyhole(['profiles', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('repair leaves a readable config alone', async () => {
    writeFileSync(configFile, valid, { mode: 0o600 });
    const repair = await keyhole(['config', 'repair', '--json']);
    expect(JSON.parse(repair.stdout)).toMatchObject({ repaired: false, backup: null });
    expect(readFileSync(configFile, 'utf8')).toBe(valid);
  });
});
