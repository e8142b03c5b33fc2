import type { CallRequest } from '../call/execute.js';
import { type CatalogOperation, matchOperation } from '../catalog/index.js';
import type { SpecSecurityLookup } from '../access/index.js';
import type { CompareResult } from '../compare/compare.js';
import { diffJson } from '../compare/diff.js';
import { KeyholeError } from '../errors.js';
import type { ResponseRecord } from '../http/types.js';
import {
  type CallOutcome,
  type HistoryEntry,
  readHistory,
  recordCallHistory,
} from '../history/index.js';
import {
  type AccessMatrix,
  type MatrixSubject,
  buildMatrix,
  selectOperations,
} from '../matrix/build.js';
import type { ProbeProgress } from '../matrix/probe.js';
import { probeRequest } from '../matrix/probe-request.js';
import type { Interaction, TokenService } from '../tokens/service.js';
import type { ObservationLog } from './observation-log.js';
import { type AuditState, auditForSession } from './scope-views.js';
import type { CatalogState, SessionProfile, TokenState } from './types.js';

/**
 * Compare and the matrix probe send requests: they load with the engine (undici and all), on
 * first use, which keeps it out of what the TUI loads before its first frame.
 */
const loadCompare = () => import('../compare/compare.js');
const loadProbe = () => import('../matrix/probe.js');

/** A comparison of the current request across profiles, as the compare view shows it. */
export type CompareState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running';
      readonly method: string;
      readonly path: string;
      readonly profiles: readonly string[];
    }
  | {
      readonly status: 'done';
      readonly method: string;
      readonly path: string;
      readonly result: CompareResult;
    }
  | { readonly status: 'error'; readonly message: string };

/** The access matrix of the session's profiles over the endpoint filter. */
export type MatrixState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      readonly matrix: AccessMatrix;
      readonly search: string;
      /** Running: the last request sent; finished: what it did; null: never probed. */
      readonly probe:
        | { readonly running: true; readonly progress: ProbeProgress | null }
        | {
            readonly running: false;
            readonly sent: number;
            readonly failed: number;
            /** Why nothing was sent, when nothing could be. */
            readonly nothing?: string;
            /** Profiles left out because they have no token. */
            readonly withoutToken?: readonly string[];
          }
        | null;
    }
  | { readonly status: 'error'; readonly message: string };

export interface ToolsHost {
  readonly profiles: () => readonly SessionProfile[];
  readonly tokenService: (entry: SessionProfile) => TokenService;
  readonly interaction: (entry: SessionProfile) => Interaction;
  readonly operations: () => readonly CatalogOperation[];
  /** The security of the spec each of those operations came from. */
  readonly specs: () => SpecSecurityLookup;
  readonly observations: ObservationLog;
  /** The config folder history and observations go to (the scratch folder in demo mode). */
  readonly dir: string;
  readonly changed: () => void;
}

/**
 * The views over several calls at once: compare, the access matrix with its probe, and the
 * per-profile history (which every call from the session is recorded in).
 */
export class SessionTools {
  compare: CompareState = { status: 'idle' };
  matrix: MatrixState = { status: 'idle' };
  history: readonly HistoryEntry[] | null = null;
  audit: AuditState = { status: 'idle' };
  /** Profiles of the matrix whose token could be had: only they are probed. */
  private withToken = new Set<string>();

  constructor(private readonly host: ToolsHost) {}

  /** Keeps a call in its profile's history (unless `history: false`); never fails the call. */
  async record(entry: SessionProfile, request: CallRequest, outcome: CallOutcome): Promise<void> {
    try {
      await recordCallHistory(entry.profile, request, outcome, { dir: this.host.dir });
    } catch {
      // History is a convenience: a locked or read-only folder must not spoil the call.
    }
  }

  /** Reads a profile's history, newest first, for the history view. */
  loadHistory(entry: SessionProfile): readonly HistoryEntry[] {
    this.history = this.historyOf(entry);
    this.host.changed();
    return this.history;
  }

  /** Audits the current profile's token against its history, for the audit view. */
  runAudit(current: SessionProfile | null, catalog: CatalogState, token: TokenState): void {
    this.audit = auditForSession(current, catalog, token, () =>
      current ? this.historyOf(current) : [],
    );
    this.host.changed();
  }

  /** Whether an audit of this profile is kept (its view is open). */
  auditing(entry: SessionProfile): boolean {
    return this.audit.status !== 'idle' && this.audit.profile === entry.profile.name;
  }

  closeAudit(): void {
    this.audit = { status: 'idle' };
  }

  private historyOf(entry: SessionProfile): readonly HistoryEntry[] {
    try {
      return readHistory(entry.profile.name, undefined, { dir: this.host.dir });
    } catch {
      // An unreadable history reads as none: the views say there is nothing recorded.
      return [];
    }
  }

  /** Sends the request with every one of `entries` at once; the outcome lands in `compare`. */
  async runCompare(entries: readonly SessionProfile[], request: CallRequest): Promise<void> {
    if (this.compare.status === 'running') return;
    const method = request.method.toUpperCase();
    this.set({ status: 'running', method, path: request.path, profiles: names(entries) });
    const at = new Date();
    try {
      const { bodyValue, compareProfiles } = await loadCompare();
      const groups = byService(entries, this.host.tokenService);
      const parts = await Promise.all(
        groups.map(([tokens, group]) =>
          compareProfiles(
            group.map((e) => e.profile),
            request,
            tokens,
            this.host.interaction(group[0] as SessionProfile),
            { operation: this.operationOf(method, request.path) },
          ),
        ),
      );
      const result =
        parts.length === 1 ? (parts[0] as CompareResult) : merge(parts, entries, bodyValue);
      for (const entry of entries) {
        const column = result.results.find((r) => r.profile === entry.profile.name);
        if (!column) continue;
        const outcome = column.call
          ? { result: column.call, at }
          : { error: new Error(column.error?.message), at };
        await this.record(entry, request, outcome);
        if (column.call) {
          await this.host.observations.record(this.host.operations(), {
            profile: entry.profile.name,
            method,
            path: new URL(column.call.url).pathname,
            status: column.call.response.status,
          });
        }
      }
      this.set({ status: 'done', method, path: request.path, result });
    } catch (error) {
      this.set({
        status: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Builds the matrix of `entries` over the catalog operations the search selects. */
  async buildMatrix(entries: readonly SessionProfile[], search: string): Promise<void> {
    this.matrix = { status: 'loading' };
    this.host.changed();
    const operations = selectOperations(this.host.operations(), { search });
    const subjects = await Promise.all(entries.map((entry) => this.subjectOf(entry)));
    this.withToken = new Set(subjects.filter((s) => s.identity).map((s) => s.profile));
    for (const entry of entries) this.host.observations.forget(entry.profile.name);
    const matrix = buildMatrix(
      operations,
      subjects,
      (profile, method, path) => this.observed(profile, method, path),
      this.host.specs(),
    );
    this.matrix = { status: 'ready', matrix, search, probe: null };
    this.host.changed();
  }

  /** Calls the matrix's GETs without path parameters with every profile that has a token. */
  async probe(entries: readonly SessionProfile[]): Promise<void> {
    const state = this.matrix;
    if (state.status !== 'ready' || state.probe?.running) return;
    const update = (
      probe: Extract<MatrixState, { status: 'ready' }>['probe'],
      m?: AccessMatrix,
    ) => {
      const now = this.matrix;
      if (now.status !== 'ready') return;
      this.matrix = { ...now, probe, ...(m ? { matrix: m } : {}) };
      this.host.changed();
    };
    const withToken = entries.filter((e) => this.withToken.has(e.profile.name));
    const withoutToken = state.matrix.profiles.filter((p) => !this.withToken.has(p));
    const nothing = this.nothingToProbe(state.matrix, withToken.length);
    if (nothing !== null) {
      update({ running: false, sent: 0, failed: 0, nothing, withoutToken });
      return;
    }
    update({ running: true, progress: null });
    let matrix = state.matrix;
    let sent = 0;
    let failed = 0;
    try {
      const { probeMatrix } = await loadProbe();
      for (const [tokens, group] of byService(withToken, this.host.tokenService)) {
        const summary = await probeMatrix(
          matrix,
          this.host.operations(),
          group.map((e) => e.profile),
          tokens,
          NO_PERSON,
          {
            observations: { dir: this.host.dir },
            onProbe: (progress) => update({ running: true, progress }),
          },
        );
        matrix = summary.matrix;
        sent += summary.sent;
        failed += summary.failed;
      }
      for (const entry of entries) this.host.observations.forget(entry.profile.name);
      update({ running: false, sent, failed, withoutToken }, matrix);
    } catch (error) {
      update({ running: false, sent, failed: failed + 1, withoutToken }, matrix);
      if (!(error instanceof KeyholeError)) throw error;
    }
  }

  /** Why a probe would send nothing (no GET without path parameters, no token); null: it would. */
  private nothingToProbe(matrix: AccessMatrix, withToken: number): string | null {
    const byId = new Map(this.host.operations().map((op) => [op.id, op]));
    const probeable = matrix.rows.filter((row) => {
      const operation = byId.get(row.id);
      return operation !== undefined && probeRequest(operation) !== null;
    }).length;
    if (matrix.rows.length === 0) return 'no operations match the filter';
    if (probeable === 0) {
      const count = matrix.rows.length;
      // Not a plural but another sentence: "the one … is not" reads better than "none of the 1".
      let which = `none of the ${count} operations shown is`;
      if (count === 1) which = 'the one operation shown is not';
      return (
        `${which} a GET without path parameters (or with an example for each required query ` +
        'parameter), and a probe sends nothing else'
      );
    }
    if (withToken === 0) return 'no profile has a token (see why under the matrix)';
    return null;
  }

  private observed(profile: string, method: string, path: string) {
    return this.host.observations.of(profile)[`${method.toUpperCase()} ${path}`];
  }

  private async subjectOf(entry: SessionProfile): Promise<MatrixSubject> {
    const tokens = this.host.tokenService(entry);
    const name = entry.profile.name;
    try {
      // A matrix never opens a browser: a profile that needs a login stays unknown.
      const token = await tokens.getToken(entry.profile, NO_PERSON);
      const identity = await tokens.describe(entry.profile, token);
      return { profile: name, preset: entry.profile.preset, identity };
    } catch (error) {
      return {
        profile: name,
        preset: entry.profile.preset,
        identity: null,
        error: messageOf(error),
      };
    }
  }

  private operationOf(method: string, path: string): CatalogOperation | null {
    return matchOperation(this.host.operations(), method, path.split('?')[0] ?? path) ?? null;
  }

  private set(state: CompareState): void {
    this.compare = state;
    this.host.changed();
  }
}

const NO_PERSON: Interaction = { interactive: false };

function names(entries: readonly SessionProfile[]): string[] {
  return entries.map((e) => e.profile.name);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Demo and saved profiles get their tokens from different services: one group per service. */
function byService(
  entries: readonly SessionProfile[],
  serviceOf: (entry: SessionProfile) => TokenService,
): Array<[TokenService, SessionProfile[]]> {
  const groups = new Map<TokenService, SessionProfile[]>();
  for (const entry of entries) {
    const service = serviceOf(entry);
    groups.set(service, [...(groups.get(service) ?? []), entry]);
  }
  return [...groups.entries()];
}

/**
 * Comparisons run per token service, lined up again in the order the profiles were ticked, and
 * every body diffed against the first answer as compareProfiles does.
 */
function merge(
  parts: readonly CompareResult[],
  entries: readonly SessionProfile[],
  bodyValue: (response: ResponseRecord) => unknown,
): CompareResult {
  const all = parts.flatMap((part) => part.results);
  const results = entries.flatMap((e) => all.filter((r) => r.profile === e.profile.name));
  const [base, ...others] = results.filter((r) => r.call !== null);
  const diff: CompareResult['diff'] = [];
  let diffTruncated = false;
  if (base?.call) {
    const left = bodyValue(base.call.response);
    for (const other of others) {
      if (!other.call) continue;
      const { changes, truncated } = diffJson(left, bodyValue(other.call.response));
      diff.push(...changes.map((c) => ({ base: base.profile, profile: other.profile, ...c })));
      diffTruncated ||= truncated;
    }
  }
  return { results, diff, diffTruncated };
}
