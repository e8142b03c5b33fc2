import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_FRAGMENT_LENGTH,
  scrubBuffer,
  scrubBufferInTurns,
  scrubSecrets,
} from '../../../src/core/http/scrub.js';
import { mayHoldSecret, mayHoldSecretInTurns } from '../../../src/core/http/scrub-prefilter.js';

/** `npm run test:fuzz` sets 10,000; `npm test` runs a few hundred so the suite stays quick. */
const RUNS = Number(process.env.KEYHOLE_FUZZ_RUNS ?? 300);
const options = { numRuns: RUNS };

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${random(90)}.${random(48)}`;

/** What scrubBuffer did before the prefilter: scrubSecrets on the latin1 view, every time. */
function reference(body: Buffer, secrets: readonly string[]): { body: Buffer; count: number } {
  const bytes = secrets.map((s) => Buffer.from(s, 'utf8').toString('latin1'));
  const { text, count } = scrubSecrets(body.toString('latin1'), bytes);
  return { body: count === 0 ? body : Buffer.from(text, 'latin1'), count };
}

/** Bodies made of JSON-ish noise and pieces of the secrets: whole, cut, quoted, glued, dotted. */
function bodies(secrets: readonly string[]) {
  const piece = fc.oneof(
    fc.constantFrom('{"a":', '","', ' ', '.', '..', '-', '\n', '=', 'x', 'é', '\u0000', '12345'),
    fc.string({ maxLength: 20 }),
    fc.tuple(fc.constantFrom(...secrets), fc.nat(), fc.nat()).map(([secret, a, b]) => {
      const start = a % secret.length;
      return secret.slice(start, start + 1 + (b % (secret.length - start)));
    }),
  );
  return fc.array(piece, { maxLength: 40 }).map((parts) => Buffer.from(parts.join(''), 'utf8'));
}

describe('the scrub prefilter', () => {
  const secretSets: string[][] = [
    [TOKEN],
    [TOKEN, 'client-secret-with spaces!'],
    ['pässwörd-ok-1234', 'short123'],
    ['.starts.with.dots.0123456789'],
  ];

  it.each(secretSets)('lets scrubBuffer cut exactly what it cut without it (%#)', (...secrets) => {
    fc.assert(
      fc.property(bodies(secrets), (body) => {
        const scrubbed = scrubBuffer(body, secrets);
        const expected = reference(body, secrets);
        expect(scrubbed.count).toBe(expected.count);
        expect(scrubbed.body.equals(expected.body)).toBe(true);
        // It only ever says "no" for a body with nothing to cut.
        if (expected.count > 0) {
          const encoded = secrets.map((s) => Buffer.from(s));
          expect(mayHoldSecret(body, encoded, MIN_FRAGMENT_LENGTH)).toBe(true);
        }
      }),
      options,
    );
  });

  it('answers the same a slice at a time, whatever the slice, a run across slices included', async () => {
    const encoded = [Buffer.from(TOKEN)];
    await fc.assert(
      fc.asyncProperty(bodies([TOKEN]), fc.integer({ min: 1, max: 64 }), async (body, slice) => {
        const whole = mayHoldSecret(body, encoded, MIN_FRAGMENT_LENGTH);
        expect(await mayHoldSecretInTurns(body, encoded, MIN_FRAGMENT_LENGTH, slice)).toBe(whole);
      }),
      options,
    );
  });

  it('finds a token fragment deep in a big body, and clears a big body that holds none', async () => {
    const filler = Buffer.from(
      '{"id":"2c9180835d2e5168015d32f890ca1581","name":"Zoë"},'.repeat(60_000),
    );
    const leak = Buffer.from(`"debug":"${TOKEN.slice(30, 30 + MIN_FRAGMENT_LENGTH)}"`);
    const leaky = Buffer.concat([filler, leak, filler]);
    const { count, body } = await scrubBufferInTurns(leaky, [TOKEN]);
    expect(count).toBe(1);
    expect(body.includes(leak)).toBe(false);
    const clean = await scrubBufferInTurns(filler, [TOKEN]);
    expect(clean.count).toBe(0);
    expect(clean.body).toBe(filler);
  });
});
