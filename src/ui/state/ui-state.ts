import type { BodyMatch, RequestDraft } from '../../core/session/index.js';
import type { Grant, Profile } from '../../core/profiles/schema.js';
import type { ProfileForm } from './profile-form.js';
import type { RowRef } from './request-rows.js';
import type { TextInput } from './text-input.js';

export type PanelId = 'profiles' | 'endpoints' | 'request' | 'response';
export const PANELS: readonly PanelId[] = ['profiles', 'endpoints', 'request', 'response'];

/** A one-line question: a new name, a file to save to, text to find. */
export type PromptPurpose = 'rename' | 'saveBody' | 'findInBody' | 'importCurl';

/** What covers the panels. Only one at a time; Esc closes it. */
export type Overlay =
  | { readonly kind: 'help'; readonly offset: number }
  | { readonly kind: 'grant'; readonly cursor: number }
  /** `url`: where the request goes, so the person answering sees what a yes sends. */
  | {
      readonly kind: 'confirmSend';
      readonly method: string;
      readonly url: string;
      readonly profile: string;
    }
  /** The body is sent as JSON but does not parse: `problem` says where. */
  | { readonly kind: 'confirmInvalidJson'; readonly problem: string }
  /** S on a demo profile: why it is not saved, and how to keep one. */
  | { readonly kind: 'demoNotSaved'; readonly name: string; readonly commands: readonly string[] }
  | {
      readonly kind: 'confirmDelete';
      readonly profileId: string;
      readonly name: string;
      /** What the delete removes, and the secret it leaves where it is: see `removalPlan`. */
      readonly removes: string;
      readonly keeps: string | null;
    }
  | {
      readonly kind: 'confirmInsecure';
      /** What to retry with the plaintext file store. */
      readonly retry: Effect;
      readonly message: string;
      /** Where "no" returns to (the form, still filled in). */
      readonly back: Overlay | null;
    }
  | {
      readonly kind: 'prompt';
      readonly purpose: PromptPurpose;
      readonly input: TextInput;
      readonly profileId: string | null;
      readonly error: string | null;
    }
  | { readonly kind: 'form'; readonly form: ProfileForm }
  /** Ticking the profiles to compare the request with. */
  | { readonly kind: 'comparePick'; readonly cursor: number; readonly ticked: readonly string[] }
  | { readonly kind: 'confirmCompare'; readonly ids: readonly string[]; readonly method: string }
  /** The comparison (running or done), scrolled to `offset`. */
  | { readonly kind: 'compare'; readonly offset: number }
  | { readonly kind: 'history'; readonly cursor: number }
  | { readonly kind: 'matrix'; readonly offset: number }
  /** The scopes plan of the operations `ids` (the marked ones, or the highlighted one). */
  | { readonly kind: 'scopePlan'; readonly offset: number; readonly ids: readonly string[] }
  /** The scopes audit of the current profile. */
  | { readonly kind: 'scopeAudit'; readonly offset: number }
  /** A curl command no clipboard confirmed, to select by hand; `why` says where it went. */
  | {
      readonly kind: 'curl';
      readonly command: string;
      readonly offset: number;
      readonly why: string;
      readonly warnings: readonly string[];
    };

/** Work for the session, queued by the reducer and run by the App (reducers stay pure). */
export type Effect =
  | { readonly type: 'quit' }
  | { readonly type: 'send' }
  | { readonly type: 'cancel' }
  | { readonly type: 'selectProfile'; readonly id: string }
  | { readonly type: 'pickOperation'; readonly id: string }
  | { readonly type: 'refreshToken' }
  | { readonly type: 'setGrant'; readonly grant: Grant }
  | { readonly type: 'editBody' }
  | { readonly type: 'setField'; readonly row: RowRef; readonly value: string }
  | { readonly type: 'clearField'; readonly row: RowRef }
  /** ←/→: the row's next or previous listed value, from the draft as it is when this runs. */
  | { readonly type: 'stepField'; readonly row: RowRef; readonly step: 1 | -1 }
  | { readonly type: 'saveBody'; readonly path: string }
  | {
      readonly type: 'findInBody';
      readonly query: string;
      readonly from: number;
      readonly direction: 1 | -1;
      /** The index of the hit shown now: step from it rather than from the line `from`. */
      readonly current?: number;
    }
  | { readonly type: 'addProfile'; readonly profile: Profile; readonly secret?: string }
  | {
      readonly type: 'updateProfile';
      readonly id: string;
      readonly profile: Profile;
      readonly secret?: string;
    }
  | { readonly type: 'renameProfile'; readonly id: string; readonly name: string }
  | { readonly type: 'deleteProfile'; readonly id: string }
  | { readonly type: 'notify'; readonly kind: 'info' | 'error'; readonly text: string }
  | { readonly type: 'compare'; readonly ids: readonly string[] }
  | { readonly type: 'loadHistory' }
  | { readonly type: 'replayHistory'; readonly id: string }
  | { readonly type: 'copyCurl' }
  | { readonly type: 'importCurl'; readonly text: string }
  | { readonly type: 'buildMatrix'; readonly search: string }
  | { readonly type: 'probeMatrix' }
  | { readonly type: 'auditScopes' }
  | { readonly type: 'closeAudit' };

/** What the reducer needs to know about the session to read a key (from the last render). */
export interface ViewInfo {
  readonly endpointIds: readonly string[];
  /** The API versions the catalog's paths are served under (`v3`, `beta`, `v2025`). */
  readonly apiVersions: readonly string[];
  readonly currentProfileId: string | null;
  readonly profiles: readonly {
    readonly id: string;
    readonly name: string;
    readonly origin: 'saved' | 'demo';
    readonly profile: Profile;
  }[];
  readonly production: boolean;
  readonly method: string;
  readonly draft: RequestDraft;
  readonly rows: readonly RowRef[];
  /** Lines of what the right-hand panel shows now (body, headers or token card). */
  readonly rightLines: number;
  /** Lines that fit in the right-hand panel. */
  readonly pageSize: number;
  readonly sending: boolean;
  readonly hasBody: boolean;
  readonly grants: readonly Grant[];
  readonly currentGrant: Grant | null;
  readonly helpLines: number;
  /** Ids of the history entries shown, newest first. */
  readonly historyIds: readonly string[];
  /** Lines of the compare, matrix or scopes view, whichever is open. */
  readonly viewLines: number;
  /** The number of the response shown (null: none yet, or it failed). */
  readonly responseNumber: number | null;
  /** `./keyhole-response-<time>.json`, offered by "save body". */
  readonly defaultBodyFile: string;
}

/** The content scroll offsets belong to: a response by its number, a token card by its profile. */
export interface ShownContent {
  readonly response: number | null;
  readonly token: string | null;
}

export interface UiState {
  readonly focus: PanelId;
  readonly rightView: 'response' | 'token';
  readonly showHeaders: boolean;
  readonly overlay: Overlay | null;
  readonly search: {
    readonly input: TextInput;
    readonly typing: boolean;
    readonly selected: number;
    /** Only operations of this API version (`v3`, `beta`, `v2025`); null: all of them. */
    readonly version: string | null;
  };
  /** Operation ids marked (Space) in the Endpoints panel for the scopes plan, in marking order. */
  readonly marks: readonly string[];
  /** The profile the list cursor is on (E, R, D and S act on it); null: the current one. */
  readonly highlightedProfile: string | null;
  readonly requestRow: number;
  /** An inline edit in the request panel. */
  readonly editing: {
    readonly row: RowRef;
    readonly input: TextInput;
    readonly error: string | null;
  } | null;
  /** First visible line of the right-hand panel, per view. */
  readonly offsets: { readonly body: number; readonly headers: number; readonly token: number };
  /** What `offsets` and `find.match` were set for (see content-scroll.ts). */
  readonly scrolledFor: ShownContent;
  readonly find: { readonly query: string; readonly match: BodyMatch | null };
  readonly effects: readonly Effect[];
}

export const INITIAL_UI: UiState = {
  focus: 'profiles',
  rightView: 'response',
  showHeaders: false,
  overlay: null,
  search: { input: { value: '', cursor: 0 }, typing: false, selected: 0, version: null },
  marks: [],
  highlightedProfile: null,
  requestRow: 0,
  editing: null,
  offsets: { body: 0, headers: 0, token: 0 },
  scrolledFor: { response: null, token: null },
  find: { query: '', match: null },
  effects: [],
};

/** Queues work for the session; the App runs it after the render. */
export function withEffect(state: UiState, effect: Effect): UiState {
  return { ...state, effects: [...state.effects, effect] };
}
