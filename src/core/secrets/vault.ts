import type { Profile } from '../profiles/schema.js';
import { SECRET_KEYS, type SecretBackend } from './backend.js';
import { FileBackend } from './file-backend.js';
import { KeyringBackend } from './keyring-backend.js';

/**
 * Hands out the stores that keep secret values: the OS keychain, the plaintext secrets file, and
 * the 0600 token cache file. A profile's tokens live where its secret lives when that is the
 * keychain; otherwise in tokens.json (never config.json).
 */
export class SecretVault {
  private readonly keyring = new KeyringBackend();
  private readonly fileBackend: FileBackend;
  private readonly tokenFile: FileBackend;

  constructor(dir: string) {
    this.fileBackend = new FileBackend(dir, 'secrets');
    this.tokenFile = new FileBackend(dir, 'tokens');
  }

  backend(store: 'keyring' | 'file'): SecretBackend {
    return store === 'keyring' ? this.keyring : this.fileBackend;
  }

  /** Where the profile's token cache (access token, refresh token) is kept. */
  tokenBackend(profile: Pick<Profile, 'secret'>): SecretBackend {
    return profile.secret.store === 'keyring' ? this.keyring : this.tokenFile;
  }

  /** The plaintext secrets file, for messages that must name it. */
  get plaintextFile(): string {
    return this.fileBackend.file;
  }

  /** The files keyhole keeps values in (secrets.json, tokens.json), for `keyhole config repair`. */
  files(): FileBackend[] {
    return [this.fileBackend, this.tokenFile];
  }

  /** Resolves when the keychain answers; otherwise throws the error that offers the alternatives. */
  async assertKeyringAvailable(): Promise<void> {
    await this.keyring.assertAvailable();
  }

  /** Every value stored under a profile: its secret (when kept by keyhole) and its token cache. */
  storedValues(profile: Profile): { backend: SecretBackend; key: string }[] {
    const values: { backend: SecretBackend; key: string }[] = [
      { backend: this.tokenBackend(profile), key: SECRET_KEYS.tokenCache },
    ];
    const { store } = profile.secret;
    if (store === 'keyring' || store === 'file') {
      values.unshift({ backend: this.backend(store), key: SECRET_KEYS.clientSecret });
    }
    return values;
  }
}
