import { KeyholeError } from '../errors.js';
import { redactHeaders } from '../http/redact.js';
import type { Interaction, TokenResult, TokenService } from '../tokens/service.js';
import { needsPerson } from './grants.js';
import type { SessionProfile, TokenState } from './types.js';

/** What the tracker needs from its owner. */
export interface TokenTrackerHost {
  /** The token service that serves this profile (demo profiles have their own). */
  readonly servicesFor: (entry: SessionProfile) => TokenService;
  /** Opens a URL for a login; the default opens the system browser. */
  readonly openBrowser: (url: string) => Promise<void> | void;
  readonly changed: () => void;
}

const NOT_LOGGED_IN = 'not logged in: press r to log in (a browser opens)';

/** How a load ended: a token, or why not (the state shows the same). */
export type LoadOutcome =
  | { readonly ok: true; readonly result: TokenResult }
  | {
      readonly ok: false;
      readonly message: string;
      readonly hint: string | null;
      readonly cancelled: boolean;
      /** A renewal failed, but the token shown before is still valid: it stays, and calls use it. */
      readonly kept: boolean;
    };

/**
 * The token state of every profile of the session. Loads run in the background and report
 * through `changed`; only the latest load of a profile may set its state, so a slow old load
 * never overwrites a newer token. Never holds a token in its state, only what describes it.
 */
export class TokenTracker {
  private readonly states = new Map<string, TokenState>();
  private readonly generations = new Map<string, number>();
  private readonly logins = new Map<string, AbortController>();

  constructor(private readonly host: TokenTrackerHost) {}

  state(id: string): TokenState {
    return this.states.get(id) ?? { status: 'none', message: null };
  }

  /** True when nothing was tried yet, or the last try failed (worth trying again on select). */
  stale(id: string): boolean {
    const state = this.states.get(id);
    return state === undefined || state.status === 'error';
  }

  /**
   * Gets (or reuses) the profile's token. Without `interactive`, a grant that needs a person
   * stops at "press r to log in" instead of opening a browser. A forced renewal of a token that
   * is shown keeps it on screen meanwhile, and keeps it after a failure while it is still valid
   * (the server may be down; calls go on using it). Resolves to how it ended.
   */
  async load(
    entry: SessionProfile,
    options: { force?: boolean; interactive?: boolean } = {},
  ): Promise<LoadOutcome> {
    const generation = this.bump(entry.id);
    const interactive = options.interactive ?? false;
    const login = new AbortController();
    this.logins.get(entry.id)?.abort();
    this.logins.set(entry.id, login);
    const shown = this.states.get(entry.id);
    const renewing = options.force === true && shown?.status === 'ready' ? shown : null;
    if (!renewing) {
      this.set(entry.id, generation, { status: 'loading', loginUrl: null, devicePrompt: null });
    }
    const service = this.host.servicesFor(entry);
    try {
      const result = await service.getToken(
        entry.profile,
        this.interaction(entry, interactive, login.signal, generation),
        { force: options.force },
      );
      await this.adopt(entry, result, generation);
      return { ok: true, result };
    } catch (error) {
      const failed = errorState(error, login.signal.aborted);
      const usable = renewing
        ? await service.usableCachedToken(entry.profile).catch(() => null)
        : null;
      const kept = usable !== null && usable.obtainedAt === renewing?.obtainedAt;
      if (kept) {
        this.set(entry.id, generation, renewing);
      } else if (!interactive && needsPerson(entry.profile.grant)) {
        this.set(entry.id, generation, { status: 'none', message: NOT_LOGGED_IN });
      } else {
        this.set(entry.id, generation, failed);
      }
      return {
        ok: false,
        message: failed.status === 'error' ? failed.message : 'cancelled',
        hint: failed.status === 'error' ? failed.hint : null,
        cancelled: login.signal.aborted,
        kept,
      };
    } finally {
      if (this.logins.get(entry.id) === login) this.logins.delete(entry.id);
    }
  }

  /** Stops a login that waits for the browser. */
  cancel(id: string): boolean {
    const login = this.logins.get(id);
    login?.abort();
    return login !== undefined;
  }

  /** Forgets the cached token (after a grant switch or an edit) and the shown state. */
  async forget(entry: SessionProfile): Promise<void> {
    this.bump(entry.id);
    this.states.delete(entry.id);
    await this.host.servicesFor(entry).forget(entry.profile);
  }

  /** Takes the token a call used: described again only when it is not the one shown. */
  async adopt(entry: SessionProfile, result: TokenResult, generation?: number): Promise<void> {
    const current = this.states.get(entry.id);
    const gen = generation ?? this.bump(entry.id);
    // The token shown already: how it was first had is the more telling origin.
    if (current?.status === 'ready' && current.obtainedAt === result.token.obtainedAt) return;
    // The token service is the one place that describes a token: JWKS check, introspection.
    const identity = await this.host
      .servicesFor(entry)
      .describe(entry.profile, result, { verify: true });
    const header = redactHeaders({ authorization: `Bearer ${result.token.accessToken}` });
    this.set(entry.id, gen, {
      status: 'ready',
      identity,
      origin: result.origin,
      obtainedAt: result.token.obtainedAt,
      authorization: String(header['authorization']),
      response: result.token.response,
    });
  }

  /** How the token service may reach the person: login URLs and device codes land in the state. */
  interaction(
    entry: SessionProfile,
    interactive: boolean,
    signal: AbortSignal,
    generation?: number,
  ): Interaction {
    const loading = (patch: Partial<Extract<TokenState, { status: 'loading' }>>) => {
      const previous = this.states.get(entry.id);
      const base =
        previous?.status === 'loading'
          ? previous
          : { status: 'loading' as const, loginUrl: null, devicePrompt: null };
      this.set(entry.id, generation ?? this.bump(entry.id), { ...base, ...patch });
    };
    return {
      interactive,
      signal,
      onAuthorizeUrl: (url) => loading({ loginUrl: url }),
      openBrowser: (url) => this.host.openBrowser(url),
      onDevicePrompt: (prompt) => loading({ devicePrompt: prompt }),
    };
  }

  private bump(id: string): number {
    const next = (this.generations.get(id) ?? 0) + 1;
    this.generations.set(id, next);
    return next;
  }

  private set(id: string, generation: number, state: TokenState): void {
    if (this.generations.get(id) !== generation) return;
    this.states.set(id, state);
    this.host.changed();
  }
}

function errorState(
  error: unknown,
  cancelled: boolean,
): Extract<TokenState, { status: 'none' | 'error' }> {
  if (cancelled) return { status: 'none', message: 'login cancelled: press r to try again' };
  if (error instanceof KeyholeError) {
    return { status: 'error', message: error.message, hint: error.hint ?? null };
  }
  return {
    status: 'error',
    message: error instanceof Error ? error.message : String(error),
    hint: null,
  };
}
