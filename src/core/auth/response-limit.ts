import { KeyholeError } from '../errors.js';
import { formatBytes } from '../text/size.js';

/**
 * The most keyhole reads of an answer from an authorization server. Token responses are a few
 * KB (a JWT with many groups perhaps 100 KB); without a cap a 700 MB answer took 1.5 GB of memory.
 */
export const MAX_AUTH_RESPONSE_BYTES = 1024 * 1024;

/** The error for an authorization server's answer over the cap. */
export function authResponseTooLarge(
  url: URL,
  what: string,
  maxBytes: number = MAX_AUTH_RESPONSE_BYTES,
): KeyholeError {
  return new KeyholeError(
    `the ${what} from ${url.host} is larger than ${formatBytes(maxBytes)}; keyhole stopped reading it`,
    {
      hint: `Check that ${url.origin}${url.pathname} is the authorization server; its answers are a few KB.`,
    },
  );
}
