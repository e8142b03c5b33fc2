import { KeyholeError } from '../errors.js';
import { NO_KEYCHAIN_HINT } from '../secrets/keyring-backend.js';

/** Whether saving failed because no OS keychain answers (then plaintext storage may be offered). */
export function isKeychainUnavailable(error: unknown): boolean {
  return error instanceof KeyholeError && error.hint === NO_KEYCHAIN_HINT;
}
