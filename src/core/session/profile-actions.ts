import { KeyholeError } from '../errors.js';
import type { Profile } from '../profiles/schema.js';
import type { ProfileBook, StoredSecret } from './profile-book.js';
import type { TokenTracker } from './token-tracker.js';
import type { Notice } from './types.js';

export interface ProfileActionsHost {
  readonly book: ProfileBook;
  readonly tokens: TokenTracker;
  /** The demo secrets (`KEYHOLE_DEMO_…`), copied into the keychain when a demo profile is saved. */
  readonly demoEnv: Readonly<Record<string, string>>;
  readonly say: (kind: Notice['kind'], text: string) => void;
  readonly select: (id: string) => void;
  /**
   * After a change to profile `id`: select `next` if `id` was the current profile (the first
   * profile when `next` is null), else just publish.
   */
  readonly reselect: (id: string, next: string | null) => void;
}

/**
 * Adding, editing, renaming, deleting and saving profiles from the TUI. Failures are thrown, so
 * the form that asked can show them (and offer plaintext storage when there is no keychain).
 */
export class ProfileActions {
  constructor(private readonly host: ProfileActionsHost) {}

  async add(profile: Profile, secretValue?: string): Promise<void> {
    const added = await this.host.book.add(profile, secretValue);
    this.host.say('info', `saved profile ${added.profile.name}`);
    this.host.select(added.id);
  }

  async update(id: string, profile: Profile, secretValue?: string): Promise<void> {
    const before = this.host.book.get(id);
    const updated = await this.host.book.update(id, profile, secretValue);
    // Another client id, URL or secret makes the cached token someone else's.
    if (before) await this.host.tokens.forget(before).catch(() => undefined);
    this.host.say('info', `saved profile ${updated.profile.name}`);
    this.host.reselect(id, updated.id);
  }

  async rename(id: string, newName: string): Promise<void> {
    const renamed = await this.host.book.rename(id, newName);
    this.host.say('info', `renamed to ${newName}`);
    this.host.reselect(id, renamed.id);
  }

  async remove(id: string): Promise<void> {
    const name = this.host.book.get(id)?.profile.name ?? id;
    const warnings = await this.host.book.remove(id);
    this.host.say(
      warnings.length > 0 ? 'warning' : 'info',
      [`deleted profile ${name}`, ...warnings].join('; '),
    );
    this.host.reselect(id, null);
  }

  async saveDemo(id: string, name: string, store: StoredSecret): Promise<void> {
    const entry = this.host.book.get(id);
    if (!entry || entry.origin !== 'demo') return;
    const source = entry.profile.secret;
    const secret = source.store === 'env' ? this.host.demoEnv[source.var] : undefined;
    if (!secret) throw new KeyholeError('the demo secret is not available');
    const saved = await this.host.book.saveDemo(id, name, store, secret);
    this.host.say(
      'info',
      `saved ${name} to your config; the demo tenant listens on another port next time`,
    );
    this.host.reselect(id, saved.id);
  }
}
