import type { ExchangeResult } from './exchange.js';
import { scrubBuffer, scrubBufferInTurns, scrubSecrets } from './scrub.js';
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
 */
export function scrubResponse(
  result: ExchangeResult,
  secrets: readonly string[],
): { result: ExchangeResult; headerCount: number; bodyCount: number } {
  let headerCount = 0;
  const clean = (value: string) => {
    const scrubbed = scrubSecrets(value, secrets);
    headerCount += scrubbed.count;
    return scrubbed.text;
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers)) {
    headers[name] = typeof value === 'string' ? clean(value) : value.map(clean);
  }
  const body = scrubBuffer(result.body, secrets);
  return { result: { ...result, headers, body: body.body }, headerCount, bodyCount: body.count };
}

/** Bodies from this size on are scrubbed a slice a turn (scrubResponseInTurns). */
export const SCRUB_IN_TURNS_FROM = 1024 * 1024;

/**
 * scrubResponse, a big body's scrub spread over turns of the event loop (see scrubBufferInTurns);
 * a small response is scrubbed at once, without waiting for a turn.
 */
export async function scrubResponseInTurns(
  result: ExchangeResult,
  secrets: readonly string[],
): Promise<{ result: ExchangeResult; headerCount: number; bodyCount: number }> {
  if (result.body.length < SCRUB_IN_TURNS_FROM) return scrubResponse(result, secrets);
  const { result: scrubbed, headerCount } = scrubResponse(
    { ...result, body: Buffer.alloc(0) },
    secrets,
  );
  const body = await scrubBufferInTurns(result.body, secrets);
  return { result: { ...scrubbed, body: body.body }, headerCount, bodyCount: body.count };
}

/** Header values (already redacted by name) with known secrets cut out as well. */
export function scrubHeaderValues(
  headers: Record<string, string | string[]>,
  secrets: readonly string[],
): Record<string, string | string[]> {
  const clean = (value: string) => scrubSecrets(value, secrets).text;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      typeof value === 'string' ? clean(value) : value.map(clean),
    ]),
  );
}
