import { existsSync } from 'node:fs';
import * as z from '../schema-kit.js';
import { JsonFileStore } from '../config/json-store.js';
import type { SecretBackend } from './backend.js';

const secretsFileSchema = z.strictObject({
  version: z.literal(1),
  secrets: z.record(z.string(), z.record(z.string(), z.string())),
});
type SecretsFile = z.infer<typeof secretsFileSchema>;

/**
 * A 0600 JSON file of values per profile beside config.json: `secrets.json`, used only when the
 * user asks for `--insecure-storage` and always reported as "plaintext"; and `tokens.json`, the
 * token cache of profiles whose secret is not in the keychain.
 */
export class FileBackend implements SecretBackend {
  readonly label = 'file';
  private readonly store: JsonFileStore<SecretsFile>;

  constructor(dir: string, name: 'secrets' | 'tokens' = 'secrets') {
    const empty = (): SecretsFile => ({ version: 1, secrets: {} });
    // Tokens can always be fetched again, so a token cache keyhole cannot read is moved aside
    // and refilled; a secrets file holds what only the user knows and is reported, never reset.
    this.store = new JsonFileStore(
      dir,
      name,
      secretsFileSchema,
      empty,
      name === 'tokens' ? { disposable: true, label: 'token cache' } : { label: 'secrets file' },
    );
  }

  get file(): string {
    return this.store.file;
  }

  /** Moves the file aside when it is corrupt (`keyhole config repair`); see JsonFileStore.repair. */
  repair(): Promise<{ backup: string } | undefined> {
    return this.store.repair();
  }

  async get(profile: string, key: string): Promise<string | undefined> {
    return (await this.store.readOrDiscard()).secrets[profile]?.[key];
  }

  async set(profile: string, key: string, value: string): Promise<void> {
    await this.store.update((current) => {
      const forProfile = { ...current.secrets[profile], [key]: value };
      return {
        next: { ...current, secrets: { ...current.secrets, [profile]: forProfile } },
        result: undefined,
      };
    });
  }

  async delete(profile: string, key: string): Promise<boolean> {
    if (!existsSync(this.store.file)) return false;
    return this.store.update((current) => {
      const forProfile = { ...current.secrets[profile] };
      const existed = key in forProfile;
      delete forProfile[key];
      const secrets = { ...current.secrets, [profile]: forProfile };
      if (Object.keys(forProfile).length === 0) delete secrets[profile];
      return { next: { ...current, secrets }, result: existed };
    });
  }
}
