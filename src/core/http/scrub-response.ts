import type { ExchangeResult } from './exchange.js';
import {
  scrubBuffer,
  scrubBufferInTurns,
  scrubSecrets,
  secretList,
  type SecretList,
} from './scrub.js';
import { plural } from '../text/plural.js';

/** Said on every response in which keyhole cut out a credential the server sent back. */
export function echoWarning(count: number): string {
  return (
    `the response repeated a credential keyhole sent (${plural(count, 'place')}); ` +
    'it is shown and stored as (redacted)'
  );
}

/**
 * The response with every known secret (and long fragment of one) cut out of its header values
 * and body, so no view (-v, --json, the TUI, history, compare) can show what the server echoed.
 * With no secret to look for, the response comes back as it is.
 */
export function scrubResponse(
  result: ExchangeResult,
  secrets: readonly string[] | SecretList,
): { result: ExchangeResult; headerCount: number; bodyCount: number } {
  const list = secretList(secrets);
  if (list.known.length === 0) return { result, headerCount: 0, bodyCount: 0 };
  let headerCount = 0;
  const clean = (value: string) => {
    const scrubbed = scrubSecrets(value, list);
    headerCount += scrubbed.count;
    return scrubbed.text;
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers)) {
    headers[name] = typeof value === 'string' ? clean(value) : value.map(clean);
  }
  const body = scrubBuffer(result.body, list);
  // Object.assign: a literal opening with a spread is slow in Node 20 (see exchange.ts).
  const scrubbed = Object.assign({}, result, { headers, body: body.body });
  return { result: scrubbed, headerCount, bodyCount: body.count };
}

/** Bodies from this size on are scrubbed a slice a turn (scrubResponseInTurns). */
export const SCRUB_IN_TURNS_FROM = 1024 * 1024;

/**
 * scrubResponse, a big body's scrub spread over turns of the event loop (see scrubBufferInTurns);
 * a small response is scrubbed at once, without waiting for a turn.
 */
export async function scrubResponseInTurns(
  result: ExchangeResult,
  secrets: readonly string[] | SecretList,
): Promise<{ result: ExchangeResult; headerCount: number; bodyCount: number }> {
  const list = secretList(secrets);
  if (result.body.length < SCRUB_IN_TURNS_FROM || list.known.length === 0) {
    return scrubResponse(result, list);
  }
  const { result: scrubbed, headerCount } = scrubResponse(
    { ...result, body: Buffer.alloc(0) },
    list,
  );
  const body = await scrubBufferInTurns(result.body, list);
  return { result: { ...scrubbed, body: body.body }, headerCount, bodyCount: body.count };
}

/**
 * Header values (already redacted by name) with known secrets cut out as well. The same object
 * comes back when there is no secret to look for.
 */
export function scrubHeaderValues(
  headers: Record<string, string | string[]>,
  secrets: readonly string[] | SecretList,
): Record<string, string | string[]> {
  const list = secretList(secrets);
  if (list.known.length === 0) return headers;
  const clean = (value: string) => scrubSecrets(value, list).text;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = typeof value === 'string' ? clean(value) : value.map(clean);
  }
  return out;
}
