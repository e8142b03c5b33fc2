import type { TokenResult } from '../tokens/service.js';

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
