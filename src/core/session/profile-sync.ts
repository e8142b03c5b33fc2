import { KeyholeError } from '../errors.js';
import type { Profile } from '../profiles/schema.js';
import type { ProfileBook } from './profile-book.js';
import type { TokenTracker } from './token-tracker.js';
import type { Notice, SessionProfile } from './types.js';

export interface ProfileSyncHost {
  readonly book: ProfileBook;
  readonly tokens: TokenTracker;
  readonly currentId: () => string | null;
  readonly say: (kind: Notice['kind'], text: string, hint?: string | null) => void;
  readonly select: (id: string) => void;
  /** Selects the first profile (or none). */
  readonly start: () => void;
  readonly publish: () => void;
}

/**
 * Takes in what changed in config.json behind the session's back: `keyhole profiles add`, `rm`,
 * `rename` or `edit` in another terminal, or a hand edit. The current profile stays selected
 * while it exists, follows a rename, and otherwise gives way to the first profile. A file that
 * cannot be read (an editor half-way through saving it) leaves the list as it was, with a notice
 * that is replaced once the file reads again.
 */
export class ProfileSync {
  private unreadable = false;

  constructor(private readonly host: ProfileSyncHost) {}

  reload(): void {
    const { book } = this.host;
    const before = book.list();
    let changed: boolean;
    try {
      changed = book.reload();
    } catch (error) {
      this.unreadable = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.host.say(
        'error',
        `config.json changed but cannot be read, so the profiles shown are as they were: ${reason}`,
        error instanceof KeyholeError ? (error.hint ?? null) : null,
      );
      return;
    }
    const after = book.list();
    const current = before.find((entry) => entry.id === this.host.currentId());
    const recovered = this.unreadable;
    this.unreadable = false;
    if (!changed) {
      if (recovered)
        this.host.say('info', 'config.json can be read again; the profiles are as they were');
      return;
    }
    for (const entry of after) {
      const old = before.find((candidate) => candidate.id === entry.id);
      // Another client id, URL or secret: the token shown would be someone else's.
      if (old && !same(old.profile, entry.profile))
        void this.host.tokens.forget(entry).catch(() => undefined);
    }
    this.follow(current, before, after, recovered);
  }

  private follow(
    current: SessionProfile | undefined,
    before: readonly SessionProfile[],
    after: readonly SessionProfile[],
    recovered: boolean,
  ): void {
    if (current === undefined) {
      if (after.length > 0 && this.host.currentId() === null) return this.host.start();
    } else if (!after.some((entry) => entry.id === current.id)) {
      const renamed = after.filter(
        (entry) =>
          !before.some((old) => old.id === entry.id) &&
          same({ ...entry.profile, name: current.profile.name }, current.profile),
      );
      const [to] = renamed;
      if (renamed.length === 1 && to) {
        this.host.say(
          'info',
          `${current.profile.name} was renamed to ${to.profile.name} in config.json`,
        );
        return this.host.select(to.id);
      }
      this.host.say('info', `${current.profile.name} is no longer in config.json`);
      return this.host.start();
    } else {
      const now = after.find((entry) => entry.id === current.id);
      if (now && !same(now.profile, current.profile)) return this.host.select(now.id);
    }
    if (recovered)
      this.host.say('info', 'config.json can be read again; the profiles are up to date');
    else this.host.publish();
  }
}

function same(a: Profile, b: Profile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
