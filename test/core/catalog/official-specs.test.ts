import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadCatalog,
  presetSpecSources,
  type Catalog,
  type LoadOptions,
} from '../../../src/core/catalog/index.js';
import { skipAllVersions, SPECS_DIR } from '../../support/sailpoint-specs.js';
import { startSpecMirror, type SpecMirror } from '../../support/spec-mirror.js';

const HOUR = 60 * 60 * 1000;

function countsByLabel(catalog: Catalog): Record<string, number> {
  return Object.fromEntries(catalog.specs.map((spec) => [spec.label, spec.operations.length]));
}

function statesByLabel(catalog: Catalog): Record<string, string | undefined> {
  return Object.fromEntries(catalog.specs.map((spec) => [spec.label, spec.download?.state]));
}

describe.skipIf(skipAllVersions)(`SailPoint's published specs, served from ${SPECS_DIR}`, () => {
  let mirror: SpecMirror;
  let cacheDir: string;
  let clock = Date.UTC(2026, 11, 2, 9, 0, 0);
  const options = (): LoadOptions => ({
    cacheDir,
    now: () => clock,
    env: { KEYHOLE_SAILPOINT_SPECS_URL: mirror.baseUrl },
  });

  beforeAll(async () => {
    mirror = await startSpecMirror();
    cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'keyhole-official-')), 'specs');
  });
  afterAll(async () => {
    await mirror.close();
    rmSync(path.dirname(cacheDir), { recursive: true, force: true });
  });

  it('a SailPoint profile reads v3, beta and the newest vN the server has', async () => {
    expect(presetSpecSources('sailpoint')).toEqual([
      'sailpoint:v3',
      'sailpoint:beta',
      'sailpoint:latest',
    ]);
    const catalog = await loadCatalog(presetSpecSources('sailpoint'), options());
    // v2026 is not on the mirror (404): `latest` falls back to v2025.
    expect(countsByLabel(catalog)).toEqual({ v3: 358, beta: 559, v2025: 812 });
    expect(catalog.operations).toHaveLength(358 + 559 + 812);
    expect(statesByLabel(catalog)).toEqual({
      v3: 'downloaded',
      beta: 'downloaded',
      v2025: 'downloaded',
    });
    expect(mirror.gets('v2026')).toBe(1);
    expect(mirror.gets('v2024')).toBe(0);
    expect(catalog.failures).toEqual([]);
    // Kept privately beside the indexes.
    const downloads = path.join(cacheDir, 'downloads');
    expect(statSync(downloads).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(downloads)) {
      expect(statSync(path.join(downloads, file)).mode & 0o777, file).toBe(0o600);
    }
  });

  it('within a day nothing is asked again: not the files, not the missing v2026', async () => {
    const before = mirror.server.received.length;
    clock += 2 * HOUR;
    const catalog = await loadCatalog(presetSpecSources('sailpoint'), options());
    expect(mirror.server.received.length).toBe(before);
    expect(statesByLabel(catalog)).toEqual({ v3: 'cached', beta: 'cached', v2025: 'cached' });
    expect(countsByLabel(catalog)).toEqual({ v3: 358, beta: 559, v2025: 812 });
  });

  it('after a day each file is revalidated with its ETag: a 304 costs no body', async () => {
    clock += 25 * HOUR;
    const catalog = await loadCatalog(presetSpecSources('sailpoint'), options());
    expect(statesByLabel(catalog)).toEqual({
      v3: 'unchanged',
      beta: 'unchanged',
      v2025: 'unchanged',
    });
    expect([
      mirror.notModified('v3'),
      mirror.notModified('beta'),
      mirror.notModified('v2025'),
    ]).toEqual([1, 1, 1]);
    // The 404 is asked about again once a day too.
    expect(mirror.gets('v2026')).toBe(2);
  });

  it('offline, the kept copies are used and their age is said', async () => {
    mirror.failWith(503);
    try {
      clock += 48 * HOUR;
      const catalog = await loadCatalog(presetSpecSources('sailpoint'), options());
      expect(countsByLabel(catalog)).toEqual({ v3: 358, beta: 559, v2025: 812 });
      expect(statesByLabel(catalog)).toEqual({ v3: 'offline', beta: 'offline', v2025: 'offline' });
      const offline = catalog.warnings.filter((w) => w.includes('could not check'));
      expect(offline).toHaveLength(3);
      expect(offline[0]).toMatch(/^SailPoint v3: could not check .* downloaded 3d/);
      expect(offline[0]).toContain('503');
    } finally {
      mirror.failWith(null);
    }
  });

  it('a changed document is downloaded again on its next check', async () => {
    const { readFileSync } = await import('node:fs');
    const changed = Buffer.concat([
      readFileSync(path.join(SPECS_DIR, 'v3.yaml')),
      Buffer.from('\n# republished\n'),
    ]);
    mirror.replace('v3', changed);
    clock += 25 * HOUR;
    const catalog = await loadCatalog(['sailpoint:v3'], options());
    expect(statesByLabel(catalog)).toEqual({ v3: 'downloaded' });
    expect(countsByLabel(catalog)).toEqual({ v3: 358 });
  });

  it('a version that fails with no copy kept does not blank the others', async () => {
    const fresh = path.join(path.dirname(cacheDir), 'fresh');
    mirror.replace('beta', undefined);
    const catalog = await loadCatalog(['sailpoint:v3', 'sailpoint:beta', 'sailpoint:v2024'], {
      ...options(),
      cacheDir: fresh,
    });
    expect(countsByLabel(catalog)).toEqual({ v3: 358, v2024: 716 });
    expect(catalog.failures.map((f) => f.source)).toEqual(['sailpoint:beta']);
    expect(catalog.warnings).toContainEqual(
      expect.stringMatching(
        /^SailPoint beta: not loaded: cannot download the spec .* answered 404 Not Found/,
      ),
    );
  });

  it('an unknown version is refused with the known ones named', async () => {
    await expect(loadCatalog(['sailpoint:v9'], options())).rejects.toThrow(
      /unknown SailPoint API version "v9" \(known: v3, beta, v2026, v2025, v2024, latest\)/,
    );
  });
});
