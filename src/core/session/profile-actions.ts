import { describeRemoved } from '../profiles/removal.js';
import type { Profile } from '../profiles/schema.js';
import type { ObservationLog } from './observation-log.js';
import type { ProfileBook } from './profile-book.js';
import type { TokenTracker } from './token-tracker.js';
import type { Notice } from './types.js';

export interface ProfileActionsHost {
  readonly book: ProfileBook;
  readonly tokens: TokenTracker;
  readonly observations: ObservationLog;
  readonly say: (kind: Notice['kind'], text: string) => void;
  readonly select: (id: string) => void;
  /**
   * After a change to profile `id`: select `next` if `id` was the current profile (the first
   * profile when `next` is null), else just publish.
   */
  readonly reselect: (id: string, next: string | null) => void;
}

/**
 * Adding, editing, renaming and deleting profiles from the TUI. Failures are thrown, so
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
    const oldName = this.host.book.get(id)?.profile.name;
    const renamed = await this.host.book.rename(id, newName);
    if (oldName !== undefined) await this.host.observations.follow(oldName, newName);
    this.host.say('info', `renamed to ${newName}`);
    this.host.reselect(id, renamed.id);
  }

  /** Deletes a saved profile; the notice says all that went with it. */
  async remove(id: string): Promise<void> {
    const { profile, removed, warnings } = await this.host.book.remove(id);
    const observations =
      removed.observations + (await this.host.observations.follow(profile.name, null));
    const text = describeRemoved(profile, { ...removed, observations });
    this.host.say(warnings.length > 0 ? 'warning' : 'info', [text, ...warnings].join('; '));
    this.host.reselect(id, null);
  }
}
