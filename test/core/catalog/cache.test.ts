import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as JsYaml from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  defaultSpecCacheDir,
  hashSpec,
  INDEX_FORMAT,
  loadSpec,
  specCacheFile,
} from '../../../src/core/catalog/index.js';
import { tempSubdir } from './temp-dir.js';

// Count calls into the YAML parser: a cache hit makes none.
const calls = vi.hoisted(() => ({ yaml: 0 }));
vi.mock('js-yaml', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof JsYaml }>();
  const load: typeof actual.default.load = (...args) => {
    calls.yaml++;
    return actual.default.load(...args);
  };
  return { ...actual, load, default: { ...actual.default, load } };
});
const SPEC = path.resolve('test/fixtures/specs/quirks-3.0.yaml');
const hash = hashSpec(readFileSync(SPEC));
let configDir: string;
const savedConfigDir = process.env.KEYHOLE_CONFIG_DIR;

beforeEach(() => {
  configDir = path.join(tempSubdir(), 'config');
  process.env.KEYHOLE_CONFIG_DIR = configDir;
  calls.yaml = 0;
});
afterEach(() => {
  if (savedConfigDir === undefined) delete process.env.KEYHOLE_CONFIG_DIR;
  else process.env.KEYHOLE_CONFIG_DIR = savedConfigDir;
});

const mode = (file: string) => statSync(file).mode & 0o777;
const indexFiles = () => readdirSync(defaultSpecCacheDir()).filter((n) => n.endsWith('.json'));

describe('the spec index cache', () => {
  it('parses once, then serves the same index from the cache without parsing', async () => {
    const first = await loadSpec(SPEC);
    expect(first.fromCache).toBe(false);
    expect(calls).toEqual({ yaml: 1 });

    const second = await loadSpec(SPEC);
    expect(second.fromCache).toBe(true);
    expect(calls).toEqual({ yaml: 1 });
    expect(second.operations).toEqual(first.operations);
    expect(second.warnings).toEqual(first.warnings);
    expect(second.hash).toBe(hash);
  });

  it('lives in <configDir>/cache/specs, keyed by content hash, private', async () => {
    await loadSpec(SPEC);
    const dir = defaultSpecCacheDir();
    expect(dir).toBe(path.join(configDir, 'cache', 'specs'));
    const file = specCacheFile(dir, hash);
    const indexes = () => readdirSync(dir).filter((name) => name.endsWith('.json'));
    expect(indexes()).toEqual([path.basename(file)]);
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    // The spec file's remembered hash (a checked-out fixture has settled) is private too.
    const hashes = path.join(dir, 'file-hashes');
    expect(mode(hashes)).toBe(0o700);
    expect(readdirSync(hashes).map((name) => mode(path.join(hashes, name)))).toEqual([0o600]);
    expect(mode(path.dirname(dir))).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      format: INDEX_FORMAT,
      index: { hash },
    });
  });

  it('a corrupt or foreign cache file is a miss, and is rewritten', async () => {
    await loadSpec(SPEC);
    const file = specCacheFile(defaultSpecCacheDir(), hash);
    // Well-formed JSON of the right format whose rows point at parameters, texts or methods
    // that are not there, or are not rows at all.
    const good = JSON.parse(readFileSync(file, 'utf8'));
    const damage = (change: (index: { rows: unknown[][] }) => void) => {
      const copy = structuredClone(good);
      change(copy.index);
      return JSON.stringify(copy);
    };
    const damaged = [
      damage((index) => (index.rows = [null as never])),
      damage((index) => (index.rows[0]![12] = 9_999)),
      damage((index) => (index.rows[0]![0] = 'GET')),
      damage((index) => (index.rows[0]![2] = 7)),
      damage((index) => index.rows[0]!.pop()),
      damage((index) => ((index as unknown as { texts: unknown }).texts = {})),
    ];
    for (const junk of [
      '{"format": 1, "index": {"hash": "tru',
      '[]',
      '{"format":999}',
      ...damaged,
    ]) {
      writeFileSync(file, junk, { mode: 0o644 });
      calls.yaml = 0;
      const reloaded = await loadSpec(SPEC);
      expect(reloaded.fromCache, junk).toBe(false);
      expect(calls.yaml, junk).toBe(1);
      expect(JSON.parse(readFileSync(file, 'utf8')).index.hash).toBe(hash);
      expect(mode(file)).toBe(0o600);
      expect((await loadSpec(SPEC)).fromCache).toBe(true);
    }
  });

  it('changed bytes make a new entry; noCache neither reads nor writes', async () => {
    const copy = path.join(path.dirname(configDir), 'changed.yaml');
    writeFileSync(copy, `${readFileSync(SPEC, 'utf8')}\n# changed\n`);
    await loadSpec(SPEC);
    const changed = await loadSpec(copy);
    expect(changed.fromCache).toBe(false);
    expect(indexFiles().sort()).toEqual([`${hash}.json`, `${changed.hash}.json`].sort());

    calls.yaml = 0;
    const uncached = await loadSpec(SPEC, { noCache: true });
    expect(uncached.fromCache).toBe(false);
    expect(calls.yaml).toBe(1);
    expect(indexFiles()).toHaveLength(2);
  });

  it('a remembered file hash never hides a change, even one that keeps size and mtime', async () => {
    const copy = path.join(path.dirname(configDir), 'still.yaml');
    const original = readFileSync(SPEC, 'utf8');
    const longAgo = new Date(Date.now() - 3_600_000);
    writeFileSync(copy, original);
    utimesSync(copy, longAgo, longAgo);
    // Its ctime is now (nobody can set it back): the clock is moved past the settling time.
    const later = { now: () => Date.now() + 60_000 };
    const first = await loadSpec(copy, later);
    expect((await loadSpec(copy, later)).fromCache).toBe(true);
    expect(readdirSync(path.join(defaultSpecCacheDir(), 'file-hashes'))).toHaveLength(1);
    // Same length, same modification time set back: only its ctime tells the bytes changed.
    writeFileSync(copy, original.replace('Quirks V3', 'Quirks V9'));
    utimesSync(copy, longAgo, longAgo);
    const changed = await loadSpec(copy, later);
    expect(changed.fromCache).toBe(false);
    expect(changed.hash).not.toBe(first.hash);
    expect(changed.hash).toBe(hashSpec(readFileSync(copy)));
    expect(changed.title).toBe('Quirks V9');
  });

  it('reports progress, and an unwritable cache costs only the caching', async () => {
    const messages: string[] = [];
    const blocked = path.join(path.dirname(configDir), 'not-a-dir');
    writeFileSync(blocked, 'a file where the cache folder should be');
    const spec = await loadSpec(SPEC, { cacheDir: blocked, onProgress: (m) => messages.push(m) });
    expect(spec.operations.length).toBeGreaterThan(0);
    expect(messages).toContainEqual(expect.stringMatching(/^parsing quirks-3\.0\.yaml/));
    expect(messages).toContainEqual(expect.stringMatching(/^could not cache quirks-3\.0\.yaml/));
  });
});
