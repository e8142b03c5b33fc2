import { predictAccess } from '../access/predict.js';
import type { SpecSecurityLookup } from '../access/spec-security.js';
import type { Observation } from '../access/observations.js';
import { VERDICT_MARKS } from '../access/marks.js';
import type { Verdict } from '../access/types.js';
import { searchOperations } from '../catalog/search.js';
import type { CatalogOperation } from '../catalog/types.js';
import type { TokenIdentity } from '../identity/types.js';
import type { Preset } from '../profiles/vocabulary.js';

/** A profile as a column: its token's identity, or why there is none. */
export interface MatrixSubject {
  profile: string;
  /** The profile's preset: how its predictions read a scope list. */
  preset: Preset;
  /** Null when no token could be had; its cells are then unknown. */
  identity: TokenIdentity | null;
  /** Why there is no identity. */
  error?: string;
}

/** One operation for one profile. */
export interface MatrixCell {
  verdict: Verdict;
  reasons: string[];
  /** The last status keyhole saw for this profile and operation, if it made the call. */
  observed: Observation | null;
  /** Why a probe of this cell got no usable status. */
  error?: string;
}

export interface MatrixRow {
  /** `METHOD path`, the catalog id. */
  id: string;
  method: string;
  path: string;
  operationId: string | null;
  summary: string;
  /** SailPoint's experimental operations (sent with `X-SailPoint-Experimental: true`). */
  experimental: boolean;
  /** profile → cell, for every profile of the matrix. */
  cells: Record<string, MatrixCell>;
}

export interface AccessMatrix {
  /** Column order. */
  profiles: string[];
  rows: MatrixRow[];
}

/** Looks up what keyhole observed for a profile and an operation (method, path template). */
export type ObservationLookup = (
  profile: string,
  method: string,
  path: string,
) => Observation | undefined;

/**
 * The slice of the catalog a matrix covers: operations carrying `tag` (case-insensitive), then
 * ranked by the `search` like `keyhole endpoints --search`; all of them when neither is
 * given, in spec order.
 */
export function selectOperations(
  operations: readonly CatalogOperation[],
  filter: { search?: string; tag?: string } = {},
): CatalogOperation[] {
  const tag = filter.tag?.trim().toLowerCase();
  const tagged = tag
    ? operations.filter((o) => o.tags.some((t) => t.toLowerCase() === tag))
    : [...operations];
  return searchOperations(tagged, filter.search ?? '');
}

/**
 * Rows = operations, columns = profiles, each cell the predicted verdict with its reasons and
 * the last observed status. Predictions only read the spec and the tokens: nothing is sent.
 */
export function buildMatrix(
  operations: readonly CatalogOperation[],
  subjects: readonly MatrixSubject[],
  observe: ObservationLookup = () => undefined,
  specs?: SpecSecurityLookup,
): AccessMatrix {
  const rows = operations.map((operation): MatrixRow => {
    const cells: Record<string, MatrixCell> = Object.create(null) as Record<string, MatrixCell>;
    for (const subject of subjects) {
      const prediction = subject.identity
        ? predictAccess(operation, subject.identity, { preset: subject.preset, specs })
        : { verdict: 'unknown' as const, reasons: [`no token: ${subject.error ?? 'unavailable'}`] };
      cells[subject.profile] = {
        ...prediction,
        observed: observe(subject.profile, operation.method, operation.path) ?? null,
      };
    }
    return {
      id: operation.id,
      method: operation.method,
      path: operation.path,
      operationId: operation.operationId,
      summary: operation.summary,
      experimental: operation.experimental,
      cells,
    };
  });
  return { profiles: subjects.map((s) => s.profile), rows };
}

/**
 * What a status says about access: 2xx/3xx allowed, 401/403 denied. Other statuses (400, 404,
 * 429, 5xx) say nothing about whether the token may call the operation: null.
 */
export function observedVerdict(status: number): 'allowed' | 'denied' | null {
  if (status >= 200 && status < 400) return 'allowed';
  if (status === 401 || status === 403) return 'denied';
  return null;
}

/**
 * Whether the observed status agrees with the prediction; null when there is nothing to compare
 * (no observation, an unknown prediction, or a status that says nothing about access).
 */
export function cellAgrees(cell: Pick<MatrixCell, 'verdict' | 'observed'>): boolean | null {
  if (!cell.observed || cell.verdict === 'unknown') return null;
  const observed = observedVerdict(cell.observed.status);
  return observed === null ? null : observed === cell.verdict;
}

/**
 * A cell as the CLI table and the TUI view write it: the mark, then the status keyhole
 * observed (or `ERR` when the probe got none), then `!` when the two disagree.
 */
export function cellText(cell: MatrixCell | undefined): string {
  if (!cell) return '';
  const parts: string[] = [VERDICT_MARKS[cell.verdict]];
  if (cell.observed) parts.push(String(cell.observed.status));
  else if (cell.error) parts.push('ERR');
  if (cellAgrees(cell) === false) parts.push('!');
  return parts.join(' ');
}
