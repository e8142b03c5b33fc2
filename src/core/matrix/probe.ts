import { recordObservedCall, type ObservationOptions } from '../access/observations.js';
import { type CallOptions, executeCall } from '../call/execute.js';
import type { CatalogOperation } from '../catalog/types.js';
import { KeyholeError } from '../errors.js';
import type { Profile } from '../profiles/schema.js';
import type { Interaction, TokenService } from '../tokens/service.js';
import type { AccessMatrix, MatrixCell } from './build.js';
import { probeRequest } from './probe-request.js';

/** Progress of a probe, one event before each request. */
export interface ProbeProgress {
  /** 1-based position of this request among all of the probe's requests. */
  index: number;
  total: number;
  method: string;
  path: string;
  profile: string;
}

export interface ProbeOptions extends Omit<CallOptions, 'operation'> {
  onProbe?: (progress: ProbeProgress) => void;
  /** Where observations are recorded. @default the config folder */
  observations?: ObservationOptions;
}

export interface ProbeSummary {
  matrix: AccessMatrix;
  /** Requests sent. */
  sent: number;
  /** Requests that got no usable status (network errors, rate limits that did not clear). */
  failed: number;
}

/** Body bytes a probe takes at most; the cut is not reported, the status is what counts. */
const PROBE_MAX_BODY_BYTES = 1024 * 1024;
/** Waits out a 429 (Retry-After) up to this long, a few times, before giving the cell up. */
export const PROBE_RETRY_ON_429 = { maxWaitMs: 30_000, maxRetries: 3 };

/**
 * Turns predictions into observations: calls every probeable operation of the matrix with each
 * of `profiles` (leave out those whose token could not be had), records each status (recordObservedCall) and returns the matrix with
 * the new observations. Profiles run side by side, each one's requests one at a time, so a rate
 * limit (counted per client) is met gently; 429s are waited out within PROBE_RETRY_ON_429.
 */
export async function probeMatrix(
  matrix: AccessMatrix,
  operations: readonly CatalogOperation[],
  profiles: readonly Profile[],
  tokens: TokenService,
  interaction: Interaction,
  options: ProbeOptions = {},
): Promise<ProbeSummary> {
  const { onProbe, observations, ...send } = options;
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const targets = matrix.rows.flatMap((row) => {
    const operation = byId.get(row.id);
    const request = operation ? probeRequest(operation) : null;
    return operation && request ? [{ row, operation, request }] : [];
  });
  const total = targets.length * profiles.length;
  let index = 0;
  let sent = 0;
  let failed = 0;
  const rows = new Map(matrix.rows.map((row) => [row.id, { ...row, cells: { ...row.cells } }]));

  const probeProfile = async (profile: Profile) => {
    for (const { row, operation, request } of targets) {
      index += 1;
      onProbe?.({ index, total, method: 'GET', path: operation.path, profile: profile.name });
      const cell = rows.get(row.id)?.cells[profile.name];
      if (!cell) continue;
      const update = (next: MatrixCell) => {
        const target = rows.get(row.id);
        if (target) target.cells[profile.name] = next;
      };
      sent += 1;
      try {
        const result = await executeCall(profile, request, tokens, interaction, {
          retryOn429: PROBE_RETRY_ON_429,
          // Only the status is observed (and an explanation reads 64 KiB): no 64 MiB downloads.
          maxBodyBytes: PROBE_MAX_BODY_BYTES,
          ...send,
          operation,
        });
        const status = result.response.status;
        if (status === 429) {
          failed += 1;
          update({ ...cell, error: 'still rate limited (429) after waiting' });
          continue;
        }
        const at = new Date();
        await recordObservedCall(
          operations,
          { profile: profile.name, method: 'GET', path: operation.path, status, at },
          observations,
        );
        update({ ...cell, observed: { status, at: at.toISOString() } });
      } catch (error) {
        if (!(error instanceof KeyholeError)) throw error;
        failed += 1;
        update({ ...cell, error: error.message });
      }
    }
  };
  await Promise.all(profiles.map(probeProfile));
  return {
    matrix: { profiles: matrix.profiles, rows: matrix.rows.map((row) => rows.get(row.id) ?? row) },
    sent,
    failed,
  };
}
