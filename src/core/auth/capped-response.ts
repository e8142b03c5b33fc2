import { Response } from 'undici';
import { KeyholeError } from '../errors.js';

/**
 * The most keyhole reads of an answer from an authorization server. Token responses are a few
 * KB (a JWT with many groups perhaps 100 KB); without a cap a 700 MB answer took 1.5 GB of memory.
 */
export const MAX_AUTH_RESPONSE_BYTES = 1024 * 1024;

/** Statuses whose Response may not have a body (fetch refuses to build one with a body). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Reads a response body while it streams and stops at `maxBytes`, so a huge or endless answer
 * costs at most that much memory. Returns a new Response holding the bytes, for openid-client
 * to read as if it came from fetch.
 */
export async function capResponse(
  response: Response,
  url: URL,
  what: string,
  maxBytes: number = MAX_AUTH_RESPONSE_BYTES,
): Promise<Response> {
  const tooLarge = () => authResponseTooLarge(url, what, maxBytes);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(read.value);
    }
  }
  const body = NULL_BODY_STATUSES.has(response.status) ? null : Buffer.concat(chunks);
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** The error for an authorization server's answer over the cap. */
export function authResponseTooLarge(
  url: URL,
  what: string,
  maxBytes: number = MAX_AUTH_RESPONSE_BYTES,
): KeyholeError {
  return new KeyholeError(
    `the ${what} from ${url.host} is larger than ${formatLimit(maxBytes)}; keyhole stopped reading it`,
    {
      hint: `Check that ${url.origin}${url.pathname} is the authorization server; its answers are a few KB.`,
    },
  );
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;
}
