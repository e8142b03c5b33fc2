import type { RequestDraft } from './request.js';

/**
 * The server variables the user set (eBay's `{basePath}`, tcgdex's `{lang}`), per profile and
 * server, for the session only: the next operation of that server starts with them, under that
 * profile. Another profile keeps its own (a sandbox and a production profile of one API).
 */
export class ServerValues {
  private readonly byKey = new Map<string, Map<string, string>>();

  /** What was set under `profileId` for the server `serverUrl` (as the spec writes it). */
  of(profileId: string | null, serverUrl: string | null): ReadonlyMap<string, string> {
    return this.byKey.get(key(profileId, serverUrl)) ?? EMPTY;
  }

  /**
   * Remembers the server variables whose value an edit changed. Only changes count: a draft
   * carried over from another profile does not become this profile's by being edited elsewhere.
   */
  note(profileId: string | null, before: RequestDraft, after: RequestDraft): void {
    const serverUrl = after.serverUrl ?? null;
    if (serverUrl === null || before.serverUrl !== serverUrl) return;
    const old = new Map(before.pathParams.map((field) => [field.name, field.value]));
    for (const field of after.pathParams) {
      if (!field.serverVariable || old.get(field.name) === field.value) continue;
      const id = key(profileId, serverUrl);
      const values = this.byKey.get(id) ?? new Map<string, string>();
      values.set(field.name, field.value);
      this.byKey.set(id, values);
    }
  }
}

const EMPTY: ReadonlyMap<string, string> = new Map();

function key(profileId: string | null, serverUrl: string | null): string {
  return `${profileId ?? ''}\n${serverUrl ?? ''}`;
}
