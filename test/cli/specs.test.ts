import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV } from '../support/demo-profiles.js';
import { skipAllVersions, SPECS_DIR } from '../support/sailpoint-specs.js';
import { startSpecMirror, type SpecMirror } from '../support/spec-mirror.js';

let tenant: DemoTenant;
let mirror: SpecMirror;
let cleanup: () => void;
let env: Record<string, string>;

const keyhole = (args: string[]) => runKeyhole(args, { env });

interface EndpointRow {
  method: string;
  path: string;
  prediction: { verdict: string } | null;
}

interface ListedSpec {
  source: string;
  name: string;
  version: string | null;
  operations: number | null;
  downloadedAt: string | null;
}

/** Rows per version, read off the path prefix the server URL gave them. */
function countByVersion(rows: EndpointRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const version = row.path.split('/')[1] ?? '';
    counts[version] = (counts[version] ?? 0) + 1;
  }
  return counts;
}

describe.skipIf(skipAllVersions)(
  `a SailPoint profile and its published specs (${SPECS_DIR})`,
  () => {
    beforeAll(async () => {
      [tenant, mirror] = await Promise.all([startDemoTenant(), startSpecMirror()]);
      let dir: string;
      ({ dir, cleanup } = tempDir());
      env = {
        KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
        KEYHOLE_SAILPOINT_SPECS_URL: mirror.baseUrl,
        ...DEMO_SECRET_ENV,
      };
      // Only a base URL and credentials: no --spec. (The preset is given because the demo tenant
      // is on 127.0.0.1; on *.api.identitynow.com it is inferred.)
      const add = await keyhole([
        'profiles',
        'add',
        'acme',
        '--base-url',
        tenant.baseUrl,
        '--client-id',
        'demo-pat-client',
        '--secret',
        'env:PAT_SECRET',
        '--kind',
        'pat',
        '--preset',
        'sailpoint',
      ]);
      expect(add.code, add.stderr).toBe(0);
    });
    afterAll(async () => {
      await Promise.all([tenant?.close(), mirror?.close()]);
      cleanup?.();
    });

    it('endpoints lists v3, beta and v2025 on first use, downloading with progress on stderr', async () => {
      const run = await keyhole(['endpoints', 'acme', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const rows = JSON.parse(run.stdout) as EndpointRow[];
      expect(countByVersion(rows)).toEqual({ v3: 358, beta: 559, v2025: 812 });
      expect(rows.every((row) => row.prediction !== null)).toBe(true);
      expect(run.stderr).toMatch(/parsing SailPoint v3 \(1\.5 MB\)…/);
      expect(run.stderr).toMatch(/SailPoint v2025: 812 operations parsed/);
      expect(mirror.gets('v2026')).toBe(1);
    });

    it('a second run asks the mirror nothing and says nothing about downloads', async () => {
      const before = mirror.server.received.length;
      const run = await keyhole(['endpoints', 'acme', '--json', '--search', 'access requests']);
      expect(run.code, run.stderr).toBe(0);
      expect(mirror.server.received.length).toBe(before);
      expect(run.stderr).not.toMatch(/parsing|downloading|checking/);
    });

    it('specs list shows each version, `latest` resolved, with counts and download times', async () => {
      const run = await keyhole(['specs', 'list', 'acme', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const [entry] = JSON.parse(run.stdout) as {
        profile: string;
        presetDefaults: boolean;
        specs: ListedSpec[];
      }[];
      expect(entry?.presetDefaults).toBe(true);
      expect(entry?.specs.map((s) => [s.source, s.version, s.operations])).toEqual([
        ['sailpoint:v3', 'v3', 358],
        ['sailpoint:beta', 'beta', 559],
        ['sailpoint:latest', 'v2025', 812],
      ]);
      expect(entry?.specs.every((s) => s.downloadedAt !== null)).toBe(true);
      const text = await keyhole(['specs', 'list']);
      expect(text.stdout).toMatch(/acme +\(the sailpoint preset's defaults\)/);
      expect(text.stdout).toMatch(
        /SailPoint latest \(v2025\) +812 operations +[\d.]+ MB downloaded/,
      );
    });

    it('specs update revalidates now: every file answers 304', async () => {
      const run = await keyhole(['specs', 'update', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const results = JSON.parse(run.stdout) as { name: string; state: string }[];
      expect(results.map((r) => [r.name, r.state])).toEqual([
        ['SailPoint v3', 'unchanged'],
        ['SailPoint beta', 'unchanged'],
        ['SailPoint v2025', 'unchanged'],
      ]);
      expect(mirror.notModified('v3')).toBe(1);
    });

    it('offline, update exits 1 naming the age of the copies it kept; endpoints still lists all', async () => {
      mirror.failWith(503);
      try {
        const update = await keyhole(['specs', 'update']);
        expect(update.code).toBe(1);
        expect(update.stderr).toMatch(
          /could not check .*deref-sailpoint-api\.v3\.yaml for changes, so the copy downloaded \d+s ago is used \(cannot download the spec .*503/,
        );
        const run = await keyhole(['endpoints', 'acme', '--json']);
        expect(run.code, run.stderr).toBe(0);
        expect(countByVersion(JSON.parse(run.stdout) as EndpointRow[])).toEqual({
          v3: 358,
          beta: 559,
          v2025: 812,
        });
      } finally {
        mirror.failWith(null);
      }
    });

    it('specs add takes a version by name and keeps the defaults; rm takes it off again', async () => {
      const add = await keyhole(['specs', 'add', 'acme', 'v2024', '--json']);
      expect(add.code, add.stderr).toBe(0);
      expect(JSON.parse(add.stdout)).toEqual({
        profile: 'acme',
        added: ['sailpoint:v2024'],
        specs: ['sailpoint:v3', 'sailpoint:beta', 'sailpoint:latest', 'sailpoint:v2024'],
      });
      const rows = JSON.parse(
        (await keyhole(['endpoints', 'acme', '--json'])).stdout,
      ) as EndpointRow[];
      expect(countByVersion(rows)).toEqual({ v3: 358, beta: 559, v2025: 812, v2024: 716 });

      const rm = await keyhole(['specs', 'rm', 'acme', 'v2024', 'beta']);
      expect(rm.code, rm.stderr).toBe(0);
      expect(rm.stderr).toContain('removed from profile "acme": SailPoint v2024, SailPoint beta');
      const listed = JSON.parse((await keyhole(['specs', 'list', 'acme', '--json'])).stdout) as {
        specs: ListedSpec[];
      }[];
      expect(listed[0]?.specs.map((s) => s.source)).toEqual(['sailpoint:v3', 'sailpoint:latest']);
    });

    it('a spec that cannot be loaded is not added, and an unknown version is named', async () => {
      const missing = await keyhole(['specs', 'add', 'acme', './no-such-spec.yaml']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/not added: no-such-spec\.yaml: no spec file at /);
      const unknown = await keyhole(['specs', 'add', 'acme', 'sailpoint:v9']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown SailPoint API version "v9"');
      const rm = await keyhole(['specs', 'rm', 'acme', 'v2024']);
      expect(rm.code).toBe(2);
      expect(rm.stderr).toContain('profile "acme" does not list SailPoint v2024');
    });
  },
);
