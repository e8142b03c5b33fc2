import type { AccessPrediction, Observation, SpecSecurityLookup } from '../access/index.js';
import type { DevicePrompt } from '../auth/index.js';
import type { CatalogOperation } from '../catalog/index.js';
import type { Explanation } from '../explain/explain.js';
import type { Timing } from '../http/types.js';
import type { TokenIdentity } from '../identity/index.js';
import type { Grant, Profile } from '../profiles/schema.js';
import type { TokenOrigin } from '../tokens/service.js';
import type { BodyDocument } from './body-document.js';
import type { HistoryEntry } from '../history/index.js';
import type { RequestDraft } from './request.js';
import type { AuditState } from './scope-views.js';
import type { CompareState, MatrixState } from './tools.js';

/** A profile as the session offers it: saved in the config, or an in-memory demo profile. */
export interface SessionProfile {
  /** Unique within the session: `saved:NAME` or `demo:NAME` (both may share a name). */
  readonly id: string;
  /** The profile as it is used now (its grant may be switched for this session). */
  readonly profile: Profile;
  readonly origin: 'saved' | 'demo';
  /** Grants this profile can use, the current one included. */
  readonly grants: readonly Grant[];
}

/** Where the current profile's token stands. Never holds the token itself. */
export type TokenState =
  | { readonly status: 'none'; readonly message: string | null }
  | {
      readonly status: 'loading';
      readonly loginUrl: string | null;
      readonly devicePrompt: DevicePrompt | null;
    }
  | {
      readonly status: 'ready';
      readonly identity: TokenIdentity;
      readonly origin: TokenOrigin;
      readonly obtainedAt: number;
      /** `Bearer eyJhbGci…(redacted, 812 chars)`: what the Authorization header will carry. */
      readonly authorization: string;
      /** Non-secret fields of the token response (SailPoint's tenant_id, pod, org, …). */
      readonly response: Readonly<Record<string, unknown>>;
    }
  | { readonly status: 'error'; readonly message: string; readonly hint: string | null };

export type CatalogState =
  | { readonly status: 'none'; readonly message: string }
  /** `progress`: one line per spec still on its way ("downloading SailPoint v3: 1.2 MB of 3.2 MB"). */
  | { readonly status: 'loading'; readonly progress: readonly string[] }
  | {
      readonly status: 'ready';
      readonly operations: readonly CatalogOperation[];
      readonly warnings: readonly string[];
      /** What any of the specs was converted from to be read (`Swagger 2.0`), each once. */
      readonly convertedFrom: readonly string[];
      /** Webhooks of the specs (OpenAPI 3.1): not listed, but a reason for an empty list. */
      readonly webhooks: number;
      /** Each operation's spec security: scheme types, and whether its spec declares any. */
      readonly specs: SpecSecurityLookup;
    }
  | { readonly status: 'error'; readonly message: string; readonly hint: string | null };

/** A finished exchange, ready to show: every header already redacted. */
export interface ResponseView {
  readonly profile: string;
  readonly method: string;
  /** Redacted. */
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly requestHeaders: Readonly<Record<string, string | string[]>>;
  readonly timing: Timing;
  readonly receivedBytes: number;
  /** The body cap cut the body at bodyLimitBytes; the view holds only what came before. */
  readonly truncated: boolean;
  readonly bodyLimitBytes: number;
  readonly retries: number;
  readonly warnings: readonly string[];
  readonly explanation: Explanation | null;
  /** The body, pretty-printed once and read a window at a time. */
  readonly body: BodyDocument;
}

export type ResponseState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'sending';
      readonly method: string;
      readonly url: string;
      readonly startedAt: number;
      readonly phase: 'token' | 'sent' | 'headers' | 'body' | 'retry' | 'formatting';
      readonly httpStatus: number | null;
      readonly receivedBytes: number;
      readonly totalBytes: number | null;
      readonly retryReason: string | null;
    }
  | {
      readonly status: 'done';
      readonly view: ResponseView;
      /** 1, 2, … for the session's finished responses: a new one is new even when it reads the same. */
      readonly number: number;
    }
  | {
      readonly status: 'error';
      readonly method: string;
      readonly url: string;
      readonly message: string;
      readonly hint: string | null;
    };

/** A one-line message for the status bar. */
export interface Notice {
  /** `warning`: it worked, with something to know (an import that dropped a header). */
  readonly kind: 'info' | 'warning' | 'error';
  readonly text: string;
  readonly hint: string | null;
}

/** Everything the UI renders, replaced as a whole on every change. */
export interface SessionSnapshot {
  /** Set when the in-process demo tenant runs. */
  readonly demo: { readonly baseUrl: string } | null;
  readonly profiles: readonly SessionProfile[];
  readonly current: SessionProfile | null;
  readonly token: TokenState;
  readonly catalog: CatalogState;
  /** Operation id → prediction for the current token; empty until both are known. */
  readonly predictions: ReadonlyMap<string, AccessPrediction>;
  /** `METHOD /path/template` → last observed status for the current profile. */
  readonly observations: Readonly<Record<string, Observation>>;
  readonly request: RequestDraft;
  readonly response: ResponseState;
  /** The last comparison of the request across profiles. */
  readonly compare: CompareState;
  /** The access matrix, once asked for. */
  readonly matrix: MatrixState;
  /** The current profile's history as last read (newest first); null until asked for. */
  readonly history: readonly HistoryEntry[] | null;
  /** The scopes audit of the current profile, once asked for. */
  readonly audit: AuditState;
  readonly notice: Notice | null;
}
