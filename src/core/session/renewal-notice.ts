import type { TokenResult } from '../tokens/service.js';
import type { LoadOutcome } from './token-tracker.js';
import type { Notice } from './types.js';

/**
 * What pressing `r` did, in a few words: a refresh and a new browser login look alike in the
 * token panel, but only one of them may have asked the person for anything (or switched user).
 */
export function renewalNotice(result: TokenResult, hadToken: boolean): string {
  const again = hadToken || result.sessionEnded ? ' again' : '';
  const ended = result.sessionEnded ? 'the session had ended (refresh token refused): ' : '';
  switch (result.grant) {
    case 'refresh_token':
      return 'refreshed with the refresh token';
    case 'authorization_code':
      return `${ended}logged in${again} (browser)`;
    case 'device_code':
      return `${ended}logged in${again} (device code)`;
    case 'client_credentials':
      return 'new client-credentials token';
    case 'static':
      return 'stored token read again (a static token cannot be renewed)';
    case null:
      return 'took the token another keyhole process had just renewed';
  }
}

/**
 * Why `r` got no new token, and whether the old one still works: a renewal that fails while the
 * server is down leaves a valid cached token in use, and saying only "failed" would suggest
 * the calls stop working too.
 */
export function renewalFailure(
  outcome: Extract<LoadOutcome, { ok: false }>,
): Pick<Notice, 'kind' | 'text'> {
  if (outcome.cancelled) return { kind: 'info', text: 'renewal cancelled' };
  if (outcome.kept) {
    return {
      kind: 'error',
      // What still works first: a narrow status line cuts the end.
      text: `renewal failed; still using the current, valid token (${outcome.message})`,
    };
  }
  return { kind: 'error', text: `no token: ${outcome.message}` };
}
