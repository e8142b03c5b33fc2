import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { JsonFileStore } from '../config/json-store.js';
import { removeObservations, renameObservations } from '../access/observations.js';
import { clearHistory, historyFile, readHistory } from '../history/store.js';
import { configDir } from '../config/paths.js';
import { storageError } from '../config/storage-error.js';
import { KeyholeError, UsageError } from '../errors.js';
import { SECRET_KEYS } from '../secrets/backend.js';
import { SecretVault } from '../secrets/vault.js';
import { describeIssue } from '../validation.js';
import { type ConfigFile, type Profile, configFileSchema, profileSchema } from './schema.js';
import type { Removed } from './removal.js';
import { hasUrlPassword, hideUrlPassword } from './url-password.js';

/** What a change did to stored secrets, so the CLI can say it (never the values). */
export interface SecretOutcome {
  readonly warnings: string[];
}

/** What `remove` deleted: the profile as it was, and everything kept for it. */
export interface RemovalOutcome extends SecretOutcome {
  readonly profile: Profile;
  readonly removed: Removed;
}

/**
 * The saved profiles in config.json, and the secrets that belong to them. Every change runs as
 * one locked read-modify-write, so concurrent keyhole processes never lose a profile.
 */
export class ProfileRepository {
  readonly store: JsonFileStore<ConfigFile>;
  readonly vault: SecretVault;

  constructor(readonly dir: string = configDir()) {
    this.store = new JsonFileStore(
      dir,
      'config',
      configFileSchema,
      () => ({ version: 1, profiles: [] }),
      { check: (config) => duplicateNames(config, path.join(dir, 'config.json')) },
    );
    this.vault = new SecretVault(dir);
  }

  list(): Profile[] {
    return this.store.read().profiles;
  }

  get(name: string): Profile {
    const profiles = this.list();
    const found = profiles.find((p) => p.name === name);
    if (!found) throw unknownProfile(name, profiles);
    return found;
  }

  /**
   * Validates and saves a new profile. A secret value, when given, goes to the profile's
   * keychain or file store inside the same lock, before the profile is written.
   */
  async add(candidate: Profile, secretValue?: string): Promise<Profile> {
    const profile = validateProfile(candidate);
    await this.requireWritableSecret(profile, secretValue);
    return this.store.update(async (current) => {
      if (current.profiles.some((p) => p.name === profile.name)) {
        throw new UsageError(
          `a profile named "${profile.name}" already exists`,
          'Pick another name, or remove it first.',
        );
      }
      if (secretValue !== undefined) await this.storeSecret(profile, secretValue);
      return { next: { ...current, profiles: [...current.profiles, profile] }, result: profile };
    });
  }

  /**
   * Changes a profile's fields (not its name, which moves with rename, nor its secret, which
   * moves with setSecret). With `replace`, the fields given are the whole profile (a form's
   * result: a field left out is cleared); otherwise they are merged in. Validated like a new
   * profile; cached tokens are dropped, since a new token URL, client or scope makes them
   * another credential's.
   */
  async update(
    name: string,
    change: Partial<Omit<Profile, 'name' | 'secret'>>,
    options: { replace?: boolean } = {},
  ): Promise<Profile> {
    const updated = await this.store.update((current) => {
      const profile = current.profiles.find((p) => p.name === name);
      if (!profile) throw unknownProfile(name, current.profiles);
      const base = options.replace ? {} : profile;
      const next = validateProfile({ ...base, ...change, name, secret: profile.secret });
      const profiles = current.profiles.map((p) => (p.name === name ? next : p));
      return { next: { ...current, profiles }, result: next };
    });
    await this.vault
      .tokenBackend(updated)
      .delete(name, SECRET_KEYS.tokenCache)
      .catch(() => false);
    return updated;
  }

  /**
   * Changes a profile's spec list with `change`, read and written under the config lock so two
   * processes adding specs at once both land. Tokens stay cached: the credential is the same.
   */
  async updateSpecs(
    name: string,
    change: (profile: Profile) => string[],
  ): Promise<{ before: string[]; after: Profile }> {
    return this.store.update((current) => {
      const profile = current.profiles.find((p) => p.name === name);
      if (!profile) throw unknownProfile(name, current.profiles);
      const next = validateProfile({ ...profile, specs: change(profile) });
      const profiles = current.profiles.map((p) => (p.name === name ? next : p));
      return { next: { ...current, profiles }, result: { before: profile.specs, after: next } };
    });
  }

  /**
   * Removes a profile and everything keyhole kept for it: its stored secret, cached tokens,
   * observations and history. What could not be deleted becomes a warning: the profile is gone
   * by then, and a leftover cache must not make the command fail.
   */
  async remove(name: string): Promise<RemovalOutcome> {
    const removed = await this.store.update((current) => {
      const profile = current.profiles.find((p) => p.name === name);
      if (!profile) throw unknownProfile(name, current.profiles);
      return {
        // Only the profile found goes, even if the file somehow held two of that name.
        next: { ...current, profiles: current.profiles.filter((p) => p !== profile) },
        result: profile,
      };
    });
    const { warnings, deleted } = await this.forgetSecret(removed);
    const history = await this.leftover(
      `the history of "${name}" was not deleted`,
      warnings,
      async () => {
        const entries = readHistory(name, undefined, { dir: this.dir }).length;
        await clearHistory(name, { dir: this.dir });
        return entries;
      },
    );
    const observations = await this.leftover(
      `the observations of "${name}" were not deleted`,
      warnings,
      () => removeObservations(name, { dir: this.dir }),
    );
    return {
      profile: removed,
      warnings,
      removed: {
        secret: deleted.has(SECRET_KEYS.clientSecret) ? secretStoreOf(removed) : null,
        tokens: deleted.has(SECRET_KEYS.tokenCache),
        observations,
        history,
      },
    };
  }

  /** Renames a profile; a stored secret moves with it. */
  async rename(oldName: string, newName: string): Promise<SecretOutcome> {
    const warnings: string[] = [];
    await this.store.update(async (current) => {
      const profile = current.profiles.find((p) => p.name === oldName);
      if (!profile) throw unknownProfile(oldName, current.profiles);
      if (current.profiles.some((p) => p.name === newName)) {
        throw new UsageError(`a profile named "${newName}" already exists`);
      }
      const renamed = validateProfile({ ...profile, name: newName });
      for (const { backend, key } of this.vault.storedValues(renamed)) {
        const value = await backend.get(oldName, key);
        if (value === undefined) {
          if (key === SECRET_KEYS.clientSecret) {
            warnings.push(`no stored secret was found for "${oldName}" in the ${backend.label}`);
          }
          continue;
        }
        await backend.set(newName, key, value);
        await backend.delete(oldName, key);
      }
      const profiles = current.profiles.map((p) => (p.name === oldName ? renamed : p));
      return { next: { ...current, profiles }, result: undefined };
    });
    await this.leftover(`the observations of "${oldName}" were not moved`, warnings, () =>
      renameObservations(oldName, newName, { dir: this.dir }),
    );
    // The history keeps the name each request was made under; the file follows the profile.
    const from = historyFile(oldName, { dir: this.dir });
    try {
      if (existsSync(from)) renameSync(from, historyFile(newName, { dir: this.dir }));
    } catch (error) {
      throw storageError(error, from, 'rename');
    }
    return { warnings };
  }

  /** Points a profile at a new secret source, storing the value when the source keeps one. */
  async setSecret(
    name: string,
    source: Profile['secret'],
    secretValue?: string,
  ): Promise<SecretOutcome> {
    const previous = this.get(name);
    const updated = validateProfile({ ...previous, secret: source });
    await this.requireWritableSecret(updated, secretValue);
    await this.store.update(async (current) => {
      if (secretValue !== undefined) await this.storeSecret(updated, secretValue);
      const profiles = current.profiles.map((p) =>
        p.name === name ? { ...p, secret: source } : p,
      );
      return { next: { ...current, profiles }, result: undefined };
    });
    // The old value is dropped only once the new source is saved, and only if it moved.
    // Tokens of the old secret are dropped; the old value only once the new one is saved, and only
    // if it moved to another store (the same store was just overwritten).
    const { warnings } = await this.forgetSecret(previous, {
      keepSecret: previous.secret.store === source.store,
    });
    return { warnings };
  }

  private async requireWritableSecret(
    profile: Profile,
    secretValue: string | undefined,
  ): Promise<void> {
    const { store } = profile.secret;
    if (secretValue !== undefined && store !== 'keyring' && store !== 'file') {
      throw new UsageError(
        `a secret value was given, but profile "${profile.name}" reads its secret from ${store}`,
        'Values are stored only with --secret keyring (the default) or --insecure-storage.',
      );
    }
    if (store === 'keyring') await this.vault.assertKeyringAvailable();
  }

  private async storeSecret(profile: Profile, value: string): Promise<void> {
    const { store } = profile.secret;
    if (store !== 'keyring' && store !== 'file') return;
    await this.vault.backend(store).set(profile.name, SECRET_KEYS.clientSecret, value);
  }

  /** Deletes what keyhole stored for a profile: its secret and its cached tokens. */
  private async forgetSecret(
    profile: Profile,
    options = { keepSecret: false },
  ): Promise<SecretOutcome & { deleted: Set<string> }> {
    const warnings: string[] = [];
    const deleted = new Set<string>();
    for (const { backend, key } of this.vault.storedValues(profile)) {
      if (options.keepSecret && key === SECRET_KEYS.clientSecret) continue;
      try {
        if (await backend.delete(profile.name, key)) deleted.add(key);
      } catch (error) {
        const reason = error instanceof KeyholeError ? error.message : String(error);
        warnings.push(`the stored ${key} of "${profile.name}" could not be deleted: ${reason}`);
      }
    }
    return { warnings, deleted };
  }

  /** History and observations after a rename or delete: a failure is a warning, and counts 0. */
  private async leftover(
    failure: string,
    warnings: string[],
    work: () => Promise<number>,
  ): Promise<number> {
    try {
      return await work();
    } catch (error) {
      warnings.push(`${failure}: ${messageOf(error)}`);
      return 0;
    }
  }
}

function secretStoreOf(profile: Profile): Removed['secret'] {
  const { store } = profile.secret;
  return store === 'keyring' || store === 'file' ? store : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the schema, turning its first issue into a usage error that names the field. */
export function validateProfile(candidate: unknown): Profile {
  const parsed = profileSchema.safeParse(candidate);
  if (!parsed.success)
    throw new UsageError(`invalid profile: ${describeIssue(parsed.error, 'profile')}`);
  rejectUrlPasswords(parsed.data);
  return parsed.data;
}

/**
 * Two profiles with one name make every lookup ambiguous (and `rm` would delete both): the file
 * is reported as it is and never rewritten, since keyhole cannot know which one the user means.
 */
function duplicateNames(config: ConfigFile, file: string): KeyholeError | undefined {
  const seen = new Map<string, number>();
  for (const [index, profile] of config.profiles.entries()) {
    const first = seen.get(profile.name);
    if (first !== undefined) {
      return new KeyholeError(
        `the config file ${file} has two profiles named "${profile.name}" ` +
          `(profiles.${first} and profiles.${index}); it was left untouched`,
        {
          exitCode: 2,
          code: 'duplicate_profiles',
          hint: 'Nothing was changed. Edit the file by hand and rename or delete one of them: keyhole does not guess which one you mean.',
        },
      );
    }
    seen.set(profile.name, index);
  }
  return undefined;
}

/** Every URL a profile holds. */
const URL_FIELDS = [
  'baseUrl',
  'tokenUrl',
  'authorizeUrl',
  'issuer',
  'jwksUrl',
  'introspectionUrl',
] as const satisfies readonly (keyof Profile)[];

/** Saved profiles may not hold a password in a URL; profiles that already do still load. */
function rejectUrlPasswords(profile: Profile): void {
  for (const field of URL_FIELDS) {
    const value = profile[field];
    if (value !== undefined && hasUrlPassword(value)) {
      throw new UsageError(
        `invalid profile: ${field} holds a password in its user-info (${hideUrlPassword(value)})`,
        'keyhole never sends it and keeps no password in config: remove "user:password@" from ' +
          'the URL, and give the credential as the profile secret (--secret-stdin).',
      );
    }
  }
  // A spec URL is a URL the profile holds too (and is kept in the download cache's records).
  const spec = profile.specs.find(
    (source) => /^https?:\/\//i.test(source) && hasUrlPassword(source),
  );
  if (spec !== undefined) {
    throw new UsageError(
      `invalid profile: specs holds a URL with a password in its user-info (${hideUrlPassword(spec)})`,
      'keyhole keeps no password in config: remove "user:password@" from the spec URL (download ' +
        'a spec that needs credentials yourself and give its path).',
    );
  }
}

function unknownProfile(name: string, profiles: readonly Profile[]): UsageError {
  const names = profiles.map((p) => p.name);
  return new UsageError(
    `no profile named "${name}"`,
    names.length > 0
      ? `Saved profiles: ${names.join(', ')}.`
      : 'There are no saved profiles yet: see `keyhole profiles add --help`.',
  );
}
