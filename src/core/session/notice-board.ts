import type { Notice } from './types.js';

/** What a notice reports on; it decides how long the notice stays true (NOTICE_LIFETIMES). */
export type NoticeTopic =
  /** Start-up, the editor, internal errors: nothing else to tie them to. */
  | 'session'
  /** A key that could not do its job here ("compare needs two or more profiles"). */
  | 'key'
  /** `r`: how the token was renewed, or why it was not. */
  | 'token'
  /** `o`: the grant switched to, or why it could not be. */
  | 'grant'
  /** A request that cannot be sent or compared as written (a bad field). */
  | 'request'
  /** A request put back from the history or imported from curl. */
  | 'import'
  /** `f`, `n`, `N`: a query that is not in the body. */
  | 'find'
  /** `w`: where the body went, or why it did not. */
  | 'saveBody'
  /** `y`: where the curl command went. */
  | 'copy'
  /** A profile saved, renamed or deleted. */
  | 'profiles';

/** Events after which a notice is no longer true. */
export type NoticeEnding =
  /** Another profile became current: what was said about the last one is not about this one. */
  | 'otherProfile'
  /** The person pressed a key: they have read it, and it was about the key before. */
  | 'nextKey'
  /** A request went out: the response panel says what happened now. */
  | 'send';

/**
 * The one rule for how long a notice stays. Every notice is replaced by the next one, and the
 * next outcome of the same action settles it even when that outcome says nothing (a find that
 * succeeds takes away the failed find's notice). Beyond that, a notice ends with these events.
 */
export const NOTICE_LIFETIMES: Readonly<Record<NoticeTopic, readonly NoticeEnding[]>> = {
  session: ['nextKey'],
  key: ['nextKey'],
  token: ['otherProfile'],
  grant: ['otherProfile'],
  request: ['send'],
  import: ['otherProfile', 'send'],
  find: ['send'],
  saveBody: ['send'],
  copy: ['otherProfile', 'send'],
  profiles: [],
};

/** A notice with what it is about: its topic and the profile that was current when it was said. */
export interface PostedNotice extends Notice {
  readonly topic: NoticeTopic;
  readonly profileId: string | null;
}

/** The status line's one notice, and when it goes (NOTICE_LIFETIMES). */
export class NoticeBoard {
  private posted: PostedNotice | null = null;

  get current(): PostedNotice | null {
    return this.posted;
  }

  post(notice: PostedNotice): void {
    this.posted = notice;
  }

  /** The action behind `topic` ended without a word: its last notice is no longer true. */
  settle(topic: NoticeTopic): boolean {
    return this.clearIf((notice) => notice.topic === topic);
  }

  /** `ending` happened (`current`: the profile current now); true when the notice went. */
  end(ending: NoticeEnding, current: string | null = null): boolean {
    return this.clearIf(
      (notice) =>
        NOTICE_LIFETIMES[notice.topic].includes(ending) &&
        (ending !== 'otherProfile' || notice.profileId !== current),
    );
  }

  private clearIf(test: (notice: PostedNotice) => boolean): boolean {
    if (this.posted === null || !test(this.posted)) return false;
    this.posted = null;
    return true;
  }
}
