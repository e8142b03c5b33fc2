import type { SecretBackend } from './backend.js';
import { FileBackend } from './file-backend.js';
import { KeyringBackend } from './keyring-backend.js';

/** Hands out the two backends that store secret values: the OS keychain and the plaintext file. */
export class SecretVault {
  private readonly keyring = new KeyringBackend();
  private readonly fileBackend: FileBackend;

  constructor(dir: string) {
    this.fileBackend = new FileBackend(dir);
  }

  backend(store: 'keyring' | 'file'): SecretBackend {
    return store === 'keyring' ? this.keyring : this.fileBackend;
  }

  /** The plaintext secrets file, for messages that must name it. */
  get plaintextFile(): string {
    return this.fileBackend.file;
  }

  /** Resolves when the keychain answers; otherwise throws the error that offers the alternatives. */
  async assertKeyringAvailable(): Promise<void> {
    await this.keyring.assertAvailable();
  }
}
