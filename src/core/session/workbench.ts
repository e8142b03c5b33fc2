import path from 'node:path';
import type { CatalogOperation } from '../catalog/index.js';
import type { SpecSecurityLookup } from '../access/index.js';
import { toCurl } from '../curl/index.js';
import { KeyholeError, UsageError } from '../errors.js';
import { type ImportedDraft, draftFromCurl, draftFromHistory } from './drafts.js';
import type { ProfileRepository } from '../profiles/repository.js';
import type { Grant, Profile } from '../profiles/schema.js';
import { SecretVault } from '../secrets/vault.js';
import { TokenService } from '../tokens/service.js';
import { type CallLimits, CallTracker } from './call-tracker.js';
import { ObservationLog } from './observation-log.js';
import { ProfileActions } from './profile-actions.js';
import { ProfileSync } from './profile-sync.js';
import { watchConfigFile } from './config-watch.js';
import { openSystemBrowser, writeBodyFile } from './system.js';
import { CatalogShelf, specSources } from './catalogs.js';
import { type DemoClientInfo, demoProfiles } from './demo-profiles.js';
import { PredictionCache } from './predictions.js';
import { ServerValues } from './server-values.js';
import { ProfileBook } from './profile-book.js';
import {
  EMPTY_DRAFT,
  type RequestDraft,
  concretePath,
  draftFromOperation,
  draftUrl,
  toCallRequest,
} from './request.js';
import { NoticeBoard, type NoticeTopic } from './notice-board.js';
import { renewalFailure, renewalNotice } from './renewal-notice.js';
import { TokenTracker } from './token-tracker.js';
import { SessionTools } from './tools.js';
import type { Notice, SessionProfile, SessionSnapshot } from './types.js';

export interface WorkbenchOptions {
  /** The saved profiles (the user's config). */
  readonly repository: ProfileRepository;
  /** The in-process demo tenant, when it runs: its profiles are offered from memory. */
  readonly demo?: { readonly baseUrl: string; readonly clients: readonly DemoClientInfo[] };
  /**
   * A private temporary folder for demo tokens, observations and spec caches, so a demo writes
   * nothing to the user's config. Required with `demo`.
   */
  readonly scratchDir?: string;
  /** Opens login URLs; the default opens the system browser. */
  readonly openBrowser?: (url: string) => Promise<void> | void;
  readonly env?: NodeJS.ProcessEnv;
  /** How often download progress is published. @default 100 */
  readonly progressIntervalMs?: number;
  /**
   * The body cap and deadline of every call the session makes.
   * @default the engine's: 64 MiB and 5 minutes
   */
  readonly callLimits?: CallLimits;
  /**
   * The shell words that run keyhole in a copied curl command (`selfCommand` in core/curl).
   * @default 'keyhole'
   */
  readonly selfCommand?: string;
  /**
   * Watch config.json, so profiles that other keyhole processes add, rename or remove appear in
   * the session (the TUI turns it on; tests that need it do too). @default false
   */
  readonly watchConfig?: boolean;
}

/**
 * The session behind the TUI, free of any UI: the profiles, the current profile's token and
 * catalog, the request being written and the last response. Long work (tokens, specs, calls)
 * runs here and reports through `subscribe`; `getSnapshot` returns an immutable snapshot that is
 * replaced on every change (what React's useSyncExternalStore expects). No method throws for a
 * failed call or token: failures become states the UI shows.
 */
export class Workbench {
  readonly book: ProfileBook;
  private readonly tokens: TokenTracker;
  private readonly catalogs: CatalogShelf;
  private readonly predictions = new PredictionCache();
  private readonly savedTokens: TokenService;
  private readonly demoTokens: TokenService;
  private readonly observations: ObservationLog;
  private readonly profiles: ProfileActions;
  private readonly sync: ProfileSync;
  private readonly unwatch: () => void = () => undefined;
  private readonly listeners = new Set<() => void>();
  private currentId: string | null = null;
  private request: RequestDraft = EMPTY_DRAFT;
  private readonly serverValues = new ServerValues();
  private readonly notices = new NoticeBoard();
  private readonly calls: CallTracker;
  private readonly tools: SessionTools;
  private snapshot!: SessionSnapshot;

  constructor(private readonly options: WorkbenchOptions) {
    const { repository, demo, scratchDir } = options;
    const env = options.env ?? process.env;
    if (demo && !scratchDir) throw new Error('a demo session needs a scratch folder');
    const demoSet = demo ? demoProfiles(demo.baseUrl, demo.clients) : { profiles: [], env: {} };
    this.book = new ProfileBook(repository, demoSet.profiles);
    this.savedTokens = new TokenService(repository.dir, repository.vault, env);
    this.demoTokens = scratchDir
      ? new TokenService(scratchDir, new SecretVault(scratchDir), { ...env, ...demoSet.env })
      : this.savedTokens;
    this.observations = new ObservationLog(scratchDir ?? repository.dir, repository.dir);
    this.calls = new CallTracker(
      () => this.publish(),
      options.progressIntervalMs,
      options.callLimits,
    );
    this.catalogs = new CatalogShelf(
      () => this.publish(),
      scratchDir ? path.join(scratchDir, 'specs') : undefined,
    );
    this.tokens = new TokenTracker({
      servicesFor: (entry) => this.tokenService(entry),
      openBrowser: options.openBrowser ?? openSystemBrowser,
      changed: () => this.publish(),
    });
    this.tools = new SessionTools({
      profiles: () => this.book.list(),
      tokenService: (entry) => this.tokenService(entry),
      interaction: (entry) => this.tokens.interaction(entry, true, new AbortController().signal),
      operations: () => this.operations(),
      specs: () => this.specSecurity(),
      observations: this.observations,
      dir: scratchDir ?? repository.dir,
      changed: () => this.publish(),
    });
    this.profiles = new ProfileActions({
      book: this.book,
      tokens: this.tokens,
      observations: this.observations,
      say: (kind, text) => this.tell('profiles', kind, text),
      select: (id) => this.selectProfile(id),
      reselect: (id, next) => {
        if (this.currentId !== id) return this.publish();
        if (next) this.selectProfile(next);
        else this.start();
      },
    });
    this.sync = new ProfileSync({
      book: this.book,
      tokens: this.tokens,
      currentId: () => this.currentId,
      say: (kind, text, hint) => this.tell('profiles', kind, text, hint),
      select: (id) => this.selectProfile(id),
      start: () => this.start(),
      publish: () => this.publish(),
    });
    if (options.watchConfig) {
      this.unwatch = watchConfigFile(repository.store.file, () => this.reloadProfiles());
    }
    this.compose();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** Selects the named profile (or the first) and starts getting its token and catalog. */
  start(profileName?: string): void {
    const entries = this.book.list();
    const chosen = (profileName ? this.book.byName(profileName) : undefined) ?? entries[0];
    if (chosen) this.selectProfile(chosen.id);
    else this.publish();
  }

  /**
   * Re-reads config.json after another process (or an editor) changed it; with `watchConfig`
   * this runs by itself. The current profile stays selected while it exists.
   */
  reloadProfiles(): void {
    this.sync.reload();
  }

  /** Switches profile; the request stays, so the same call can be sent as someone else. */
  selectProfile(id: string): void {
    const entry = this.book.get(id);
    if (!entry) return;
    this.currentId = id;
    this.notices.end('otherProfile', id);
    this.observations.forget(entry.profile.name);
    if (this.tokens.stale(id)) void this.tokens.load(entry);
    void this.catalogs.ensure(specSources(entry.profile));
    this.publish();
  }

  /**
   * A new token for the current profile: refreshed when a refresh token is at hand, else by the
   * profile's grant (a login grant opens the browser). A notice says which it was.
   */
  refreshToken(): void {
    const entry = this.current();
    if (!entry) return;
    const hadToken = this.tokens.state(entry.id).status === 'ready';
    const name = entry.profile.name;
    // The card stays while it renews; this says that r was heard.
    if (hadToken) this.tell('token', 'info', `${name}: renewing the token…`);
    void this.tokens.load(entry, { force: true, interactive: true }).then((outcome) => {
      if (this.currentId !== entry.id) return;
      if (outcome.ok) {
        this.tell('token', 'info', `${name}: ${renewalNotice(outcome.result, hadToken)}`);
      } else {
        const notice = renewalFailure(outcome);
        this.tell('token', notice.kind, `${name}: ${notice.text}`, outcome.hint);
      }
    });
  }

  /** Switches the current profile's grant for this session and gets a token with it. */
  async setGrant(grant: Grant): Promise<void> {
    const entry = this.current();
    if (!entry || entry.profile.grant === grant) return;
    try {
      this.book.setGrant(entry.id, grant);
      const switched = this.book.get(entry.id) as SessionProfile;
      // The cache may hold a refresh token of the other grant, which would bring the old user back.
      await this.tokens.forget(switched);
      this.tell('grant', 'info', `${entry.profile.name} now uses ${grant}`);
      void this.tokens.load(switched, { force: true, interactive: true });
    } catch (error) {
      this.fail('grant', error);
    }
  }

  /** Fills the request from a catalog operation of the current profile. */
  pickOperation(operationId: string): void {
    const operation = this.operations().find((op) => op.id === operationId);
    if (!operation) return;
    const remembered = this.serverValues.of(this.currentId, operation.baseUrl);
    this.request = draftFromOperation(operation, remembered);
    this.publish();
  }

  /** Changes the request; a server variable set here is kept for this profile and server. */
  updateRequest(change: (draft: RequestDraft) => RequestDraft): void {
    const before = this.request;
    this.request = change(before);
    this.serverValues.note(this.currentId, before, this.request);
    this.publish();
  }

  /** Sends the request with the current profile's token; the outcome lands in `response`. */
  async send(): Promise<void> {
    const entry = this.current();
    if (!entry || this.calls.sending) return;
    const draft = this.request;
    let request;
    try {
      request = toCallRequest(draft);
    } catch (error) {
      this.fail('request', error);
      return;
    }
    this.notices.end('send');
    this.notices.settle('request');
    const result = await this.calls.run({
      entry,
      request,
      url: draftUrl(draft, entry.profile.baseUrl),
      tokens: this.tokenService(entry),
      interaction: (signal) => this.tokens.interaction(entry, true, signal),
      operation: this.operations().find((op) => op.id === draft.operationId) ?? null,
      profilesWithUser: () => this.profilesWithUser(entry),
      settled: async (outcome) => {
        await this.tools.record(entry, request, outcome);
        // An audit on screen reads the call it has just been told of.
        if (this.tools.auditing(entry) && this.currentId === entry.id) this.auditScopes();
      },
    });
    if (!result) return;
    if (result.token) await this.tokens.adopt(entry, result.token);
    await this.observe(entry, draft, result.response.status);
  }

  /** Reads the current profile's history (newest first) into the snapshot. */
  loadHistory(): void {
    const entry = this.current();
    if (entry) this.tools.loadHistory(entry);
  }

  /** The scopes audit of the current profile (its token beside its history) into the snapshot. */
  auditScopes(): void {
    const { current, catalog, token } = this.snapshot;
    this.tools.runAudit(current, catalog, token);
  }

  /** The audit view closed: calls recorded from now on need not audit again. */
  closeAudit(): void {
    this.tools.closeAudit();
  }

  /** Fills the request from a history entry of the current profile. */
  replayHistory(id: string): void {
    const entry = this.current();
    const item = this.tools.history?.find((h) => h.id === id);
    if (entry && item) this.useDraft(draftFromHistory(item, entry.profile, this.operations()));
  }

  /** Fills the request from a pasted curl command; a URL of another origin is refused. */
  importCurl(text: string): void {
    const entry = this.current();
    if (!entry) return;
    try {
      this.useDraft(draftFromCurl(text, entry.profile, this.operations()));
    } catch (error) {
      this.fail('import', error);
    }
  }

  /** The request as a curl command that reads the token at run time; throws when incomplete. */
  curlCommand(): { command: string; warnings: string[] } {
    const entry = this.current();
    if (!entry) throw new UsageError('no profile selected');
    const keyhole = this.options.selfCommand ?? 'keyhole';
    const { command, warnings } = toCurl(entry.profile, toCallRequest(this.request), { keyhole });
    if (entry.origin === 'demo') {
      // The demo profiles live in this process only: a shell's keyhole has never heard of them.
      warnings.unshift(
        `${entry.profile.name} is a demo profile that exists only inside this TUI, so the ` +
          `command's "keyhole token ${entry.profile.name}" fails in a shell (S on it says how ` +
          `to keep one; the demo tenant answers only while this keyhole runs)`,
      );
    }
    return { command, warnings };
  }

  /** Sends the current request with each of the profiles; the outcome lands in `compare`. */
  async compare(ids: readonly string[]): Promise<void> {
    const entries = ids.flatMap((id) => this.book.get(id) ?? []);
    let request;
    try {
      request = toCallRequest(this.request);
    } catch (error) {
      this.fail('request', error);
      return;
    }
    if (this.notices.settle('request')) this.publish();
    await this.tools.runCompare(entries, request);
  }

  /** The access matrix of every profile over the operations `search` selects. */
  buildMatrix(search: string): Promise<void> {
    return this.tools.buildMatrix(this.book.list(), search);
  }

  /** Calls the matrix's GETs without path parameters with each profile that has a token. */
  probeMatrix(): Promise<void> {
    return this.tools.probe(this.book.list());
  }

  /** Esc: stops the request in flight or a login that waits for the browser. */
  cancel(): boolean {
    if (this.calls.cancel()) return true;
    const entry = this.current();
    return entry ? this.tokens.cancel(entry.id) : false;
  }

  /** Writes the raw body of the last response to a new 0600 file; never overwrites. */
  async saveBody(file: string): Promise<void> {
    const response = this.calls.state;
    if (response.status !== 'done') {
      this.tell('saveBody', 'error', 'there is no response body to save yet');
      return;
    }
    const notice = await writeBodyFile(file, response.view.body.raw);
    this.tell('saveBody', notice.kind, notice.text, notice.hint);
  }

  /** Adds a saved profile and selects it. Throws (for the form to show) when it cannot. */
  addProfile(profile: Profile, secretValue?: string): Promise<void> {
    return this.profiles.add(profile, secretValue);
  }

  updateProfile(id: string, profile: Profile, secretValue?: string): Promise<void> {
    return this.profiles.update(id, profile, secretValue);
  }

  renameProfile(id: string, newName: string): Promise<void> {
    return this.profiles.rename(id, newName);
  }

  removeProfile(id: string): Promise<void> {
    return this.profiles.remove(id);
  }

  /** A notice about the session as a whole (start-up, the editor): it goes with the next key. */
  say(kind: Notice['kind'], text: string, hint: string | null = null): void {
    this.tell('session', kind, text, hint);
  }

  /**
   * Shows a notice about `topic`; how long it stays is NOTICE_LIFETIMES' rule (notice-board.ts),
   * tied to the profile current now.
   */
  tell(topic: NoticeTopic, kind: Notice['kind'], text: string, hint: string | null = null): void {
    this.notices.post({ kind, text, hint, topic, profileId: this.currentId });
    this.publish();
  }

  /** The action behind `topic` succeeded without a word: its last notice is no longer true. */
  settle(topic: NoticeTopic): void {
    if (this.notices.settle(topic)) this.publish();
  }

  /** The person pressed a key: notices that end with the next key go. */
  keyPressed(): void {
    if (this.notices.end('nextKey')) this.publish();
  }

  /** Stops what is running; the owner closes the demo tenant and removes the scratch folder. */
  close(): void {
    this.cancel();
    this.unwatch();
    const entry = this.current();
    if (entry) this.tokens.cancel(entry.id);
    this.catalogs.close();
    this.listeners.clear();
  }

  private tokenService(entry: SessionProfile): TokenService {
    return entry.origin === 'demo' ? this.demoTokens : this.savedTokens;
  }

  private current(): SessionProfile | undefined {
    return this.currentId === null ? undefined : this.book.get(this.currentId);
  }

  private operations(): readonly CatalogOperation[] {
    const entry = this.current();
    const state = entry ? this.catalogs.state(specSources(entry.profile)) : null;
    return state?.status === 'ready' ? state.operations : [];
  }

  private specSecurity(): SpecSecurityLookup {
    const entry = this.current();
    const state = entry ? this.catalogs.state(specSources(entry.profile)) : null;
    return state?.status === 'ready' ? state.specs : new Map();
  }

  /** Same-tenant profiles whose token (or, untried, whose label) carries a user. */
  private profilesWithUser(entry: SessionProfile): string[] {
    const origin = new URL(entry.profile.baseUrl).origin;
    return this.book
      .list()
      .filter((other) => other.id !== entry.id && new URL(other.profile.baseUrl).origin === origin)
      .filter((other) => {
        const state = this.tokens.state(other.id);
        if (state.status === 'ready') return state.identity.userContext === true;
        return other.profile.kind === 'pat' || other.profile.kind === 'user';
      })
      .map((other) => other.profile.name);
  }

  private async observe(entry: SessionProfile, draft: RequestDraft, status: number) {
    const call = { method: draft.method, path: concretePath(draft), status };
    if (
      await this.observations.record(this.operations(), { profile: entry.profile.name, ...call })
    ) {
      this.publish();
    }
  }

  private useDraft(imported: ImportedDraft): void {
    if ('refused' in imported) return this.tell('import', 'error', imported.refused);
    this.request = imported.draft;
    const { message, warnings } = imported;
    this.tell(
      'import',
      warnings.length > 0 ? 'warning' : 'info',
      [message, ...warnings].join('; '),
    );
  }

  private fail(topic: NoticeTopic, error: unknown): void {
    this.tell(topic, 'error', messageOf(error), hintOf(error));
  }

  private compose(): void {
    const current = this.current() ?? null;
    const token = current
      ? this.tokens.state(current.id)
      : { status: 'none' as const, message: null };
    const catalog = current
      ? this.catalogs.state(specSources(current.profile))
      : { status: 'none' as const, message: 'no profile selected' };
    this.snapshot = {
      demo: this.options.demo ? { baseUrl: this.options.demo.baseUrl } : null,
      profiles: this.book.list(),
      current,
      token,
      catalog,
      predictions: this.predictions.for(catalog, token, current?.profile.preset ?? null),
      observations: current ? this.observations.of(current.profile.name) : {},
      request: this.request,
      response: this.calls.state,
      compare: this.tools.compare,
      matrix: this.tools.matrix,
      history: this.tools.history,
      audit: this.tools.audit,
      notice: this.notices.current,
    };
  }

  private publish(): void {
    this.compose();
    for (const listener of this.listeners) listener();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hintOf(error: unknown): string | null {
  return error instanceof KeyholeError ? (error.hint ?? null) : null;
}
