import { KeyholeError } from '../errors.js';
import type * as KeyringModule from '@napi-rs/keyring';
import type { SecretBackend } from './backend.js';

const SERVICE = 'keyhole';

/** The hint every keychain failure carries: the other places a secret can live. */
export const NO_KEYCHAIN_HINT =
  'Keep the secret elsewhere: --secret env:VAR (read from the environment at use), ' +
  '--secret cmd:COMMAND (the stdout of a command, e.g. a password manager CLI), ' +
  'or --insecure-storage (a 0600 plaintext file, shown as "plaintext").';

/**
 * The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, and on
 * Linux the Secret Service (GNOME Keyring, KWallet) only. The library would otherwise fall back
 * to the kernel keyring, which forgets everything at reboot, so the store is pinned.
 */
export class KeyringBackend implements SecretBackend {
  readonly label = 'keyring';

  async get(profile: string, key: string): Promise<string | undefined> {
    const entry = await this.entry(profile, key);
    return (await this.guard(() => entry.getPassword())) ?? undefined;
  }

  async set(profile: string, key: string, value: string): Promise<void> {
    const entry = await this.entry(profile, key);
    await this.guard(() => entry.setPassword(value));
  }

  async delete(profile: string, key: string): Promise<boolean> {
    const entry = await this.entry(profile, key);
    return this.guard(() => entry.deleteCredential());
  }

  /** Throws the no-keychain error unless a keychain answers a read. */
  async assertAvailable(): Promise<void> {
    await this.get('__keyhole_probe__', 'probe');
  }

  private async entry(profile: string, key: string) {
    // Loaded on first use: the native addon costs start-up time that most commands never need.
    let keyring: typeof KeyringModule;
    try {
      keyring = await import('@napi-rs/keyring');
    } catch (error) {
      throw unavailable(error);
    }
    try {
      return new keyring.AsyncEntry(SERVICE, `${profile}/${key}`, {
        linux: { store: 'secret-service' },
      });
    } catch (error) {
      throw unavailable(error);
    }
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): KeyholeError {
  const detail = error instanceof Error ? error.message : String(error);
  return new KeyholeError(`the OS keychain is not usable here (${firstLine(detail)})`, {
    hint: NO_KEYCHAIN_HINT,
    cause: error,
  });
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? text;
}
