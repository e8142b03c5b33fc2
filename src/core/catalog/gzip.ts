import { gunzipSync } from 'node:zlib';
import { KeyholeError } from '../errors.js';
import { formatBytes } from '../text/size.js';
import { MAX_SPEC_MB_VAR, specLimits } from './spec-limits.js';

/** The two bytes every gzip stream starts with (RFC 1952). */
function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A spec's bytes, unpacked when they are gzip (`kubernetes.json.gz`, or a server that sent the
 * file compressed without saying so), whatever the file is called. The unpacked size is held to
 * the same limit as a download: a few kilobytes of gzip can unpack to gigabytes.
 */
export function gunzipSpec(
  bytes: Buffer,
  source: string,
  maxBytes: number = specLimits().maxBytes,
): Buffer {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new KeyholeError(
        `the spec ${source} unpacks to more than ${formatBytes(maxBytes)} (the limit set by ${MAX_SPEC_MB_VAR})`,
        {
          exitCode: 2,
          hint: `If it really is an API description, raise the limit: ${MAX_SPEC_MB_VAR}=<megabytes>.`,
        },
      );
    }
    throw new KeyholeError(`the spec ${source} is gzip-compressed but cannot be unpacked`, {
      exitCode: 2,
      hint: `${(error as Error).message} (a file cut short?)`,
      cause: error,
    });
  }
}
