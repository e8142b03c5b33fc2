import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ScrubbingSink } from '../../../src/core/http/scrub-stream.js';

const SECRET = 'eyJhbGciOiJFUzI1NiJ9.c2VjcmV0LXBheWxvYWQtZm9yLXRlc3Rz.c2lnbmF0dXJl';

/** Writes the pieces one by one through a ScrubbingSink and returns what reached the sink. */
async function through(pieces: string[]): Promise<{ out: string; count: number }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const scrubbing = new ScrubbingSink(sink, () => [SECRET]);
  for (const piece of pieces) scrubbing.write(Buffer.from(piece));
  await new Promise<void>((resolve) => scrubbing.end(resolve));
  return { out: Buffer.concat(chunks).toString(), count: scrubbing.count };
}

describe('ScrubbingSink', () => {
  it('cuts a secret that straddles two chunks', async () => {
    const half = SECRET.length / 2;
    const before = `${'x '.repeat(500)}"token": "${SECRET.slice(0, half)}`;
    const after = `${SECRET.slice(half)}" ${'y '.repeat(500)}`;
    const { out, count } = await through([before, after]);
    expect(out).not.toContain(SECRET.slice(0, 12));
    expect(out).not.toContain(SECRET.slice(-12));
    expect(out).toContain('"token": "(redacted)"');
    expect(count).toBe(1);
    expect(out.startsWith('x x ')).toBe(true);
    expect(out.endsWith('y ')).toBe(true);
  });

  it('passes a body without secrets through byte for byte', async () => {
    const pieces = ['a'.repeat(3000), ' b\n', 'c'.repeat(10)];
    const { out, count } = await through(pieces);
    expect(out).toBe(pieces.join(''));
    expect(count).toBe(0);
  });

  it('fails when the sink fails, instead of waiting for a drain that never comes', async () => {
    const sink = new PassThrough();
    const scrubbing = new ScrubbingSink(sink, () => [SECRET]);
    const failed = new Promise<Error>((resolve) => scrubbing.once('error', resolve));
    scrubbing.write(Buffer.from('x'.repeat(1000)));
    sink.destroy(new Error('EPIPE'));
    expect((await failed).message).toBe('EPIPE');
  });
});
