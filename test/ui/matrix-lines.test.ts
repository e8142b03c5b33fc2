import { describe, expect, it } from 'vitest';
import type { AccessMatrix, MatrixCell, MatrixRow } from '../../src/core/matrix/index.js';
import type { MatrixState } from '../../src/core/session/index.js';
import { breakPath, matrixLines } from '../../src/ui/state/matrix-lines.js';

/** Nine profiles with long, similar names, as a consultant with many tenants has them. */
const PROFILES = [
  'acme-prod-api-key',
  'acme-prod-pat-jane',
  'acme-sandbox-api-key',
  'acme-sandbox-pat-jane',
  'globex-prod-api-key',
  'globex-prod-pat-ops',
  'initech-uat-api-key',
  'initech-uat-pat-helpdesk',
  'umbrella-down',
];

/** Paths that differ only at their ends: cut to a column, they would read the same. */
const PATHS = [
  '/v3/identities/{id}/role-assignments/{assignmentId}/entitlements',
  '/v3/identities/{id}/role-assignments/{assignmentId}/entitlements-history',
  '/v3/identities/{id}/role-assignments/{assignmentId}/entitlements/{entitlementId}',
  '/v3/identities',
];

const allowed: MatrixCell = { verdict: 'allowed', reasons: ['ok'], observed: null };
const noToken: MatrixCell = {
  verdict: 'unknown',
  reasons: ['no token: cannot reach https://umbrella.example.com (ECONNREFUSED)'],
  observed: null,
};

function state(profiles: readonly string[], paths: readonly string[]): MatrixState {
  const rows = paths.map((path): MatrixRow => ({
    id: `GET ${path}`,
    method: 'GET',
    path,
    operationId: null,
    experimental: false,
    summary: '',
    cells: Object.fromEntries(
      profiles.map((p) => [
        p,
        p === 'umbrella-down'
          ? noToken
          : { ...allowed, observed: { status: 200, at: '2026-01-01T00:00:00Z' } },
      ]),
    ),
  }));
  const matrix: AccessMatrix = { profiles: [...profiles], rows };
  return { status: 'ready', matrix, search: 'identities', probe: null };
}

const text = (lines: ReturnType<typeof matrixLines>) =>
  lines.map((line) => line.map((s) => s.text).join(''));

describe('the matrix with many profiles at 80 columns', () => {
  // An 80-column terminal leaves 76 inside the view's border.
  const lines = text(matrixLines(state(PROFILES, PATHS), 76));
  if (process.env.SHOW_MATRIX) console.log(lines.join('\n'));

  it('fits every line in the width', () => {
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(76);
  });

  it('never cuts a path: each one is on screen whole (wrapped at most), none with …', () => {
    const joined = lines.join('\n');
    expect(joined).not.toContain('…');
    for (const path of PATHS) expect(lines.join(''), path).toContain(`GET ${path}`);
  });

  it('shows every profile: long names become #1…#9 with a key', () => {
    const joined = lines.join(' ');
    for (const [i, name] of PROFILES.entries()) expect(joined).toContain(`#${i + 1} ${name}`);
    // Nine 200s (or the ? of the one without a token) for each operation.
    const cellLines = lines.filter((line) => line.includes('✓ 200'));
    const cells = cellLines.join(' ').match(/✓ 200|\?/g) ?? [];
    expect(cells.length).toBe(PATHS.length * PROFILES.length);
  });

  it('says why a column is all ?', () => {
    expect(lines.join(' ')).toContain(
      'umbrella-down: all ? because no token: cannot reach https://umbrella.example.com',
    );
  });

  it('gives the path column the room of the longest path when the width allows', () => {
    const few = text(matrixLines(state(PROFILES.slice(0, 3), PATHS), 196));
    const row = few.find((line) => line.includes('entitlements-history'));
    expect(row).toMatch(
      /^GET {5}\/v3\/identities\/\{id\}\/role-assignments\/\{assignmentId\}\/entitlements-history +✓ 200/,
    );
    expect(few.join('\n')).toContain('acme-prod-api-key');
    expect(few.join('\n')).not.toContain('#1');
  });

  it('wraps a path inside its column when the column is narrower than the path', () => {
    const wrappedLines = text(matrixLines(state(['a', 'b'], PATHS), 60));
    for (const line of wrappedLines) expect(line.length).toBeLessThanOrEqual(60);
    expect(wrappedLines.join('\n')).not.toContain('…');
    expect(wrappedLines.some((line) => /^ {8}\S/.test(line))).toBe(true);
  });

  it('breaks paths after a slash', () => {
    expect(breakPath('/v3/identities/{id}/role-assignments', 20)).toEqual([
      '/v3/identities/{id}/',
      'role-assignments',
    ]);
    expect(breakPath('/averyveryverylongsegment', 10)).toEqual([
      '/averyvery',
      'verylongse',
      'gment',
    ]);
  });
});
