import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BodyDocument, PREVIEW_LINES } from '../../../src/core/session/body-document.js';
import { formatBody } from '../../../src/core/session/body-format.js';
import { formatBodyOffThread } from '../../../src/core/session/format-off-thread.js';

/** Built before every run by test/support/build.ts. */
const workerUrl = pathToFileURL('dist/body-worker.js');
const inWorker = { workerUrl, offThreadFrom: 0 };

/** A JSON array of at least `bytes` bytes: records with nested objects, arrays and names. */
function generatedJsonBody(bytes: number): Buffer {
  const names = ['Jane Doe', 'José García', 'Zoë Müller', 'Łukasz Nguyễn'];
  const records: unknown[] = [];
  for (let size = 0, i = 0; size < bytes; i += 1) {
    const record = {
      id: i.toString(16).padStart(32, '0'),
      name: names[i % names.length],
      active: i % 3 !== 0,
      manager: i % 5 ? { id: i - 1, score: i / 7 } : null,
      accounts: Array.from({ length: i % 4 }, (_, k) => ({ source: `src-${k}`, tags: ['a', k] })),
    };
    records.push(record);
    size += JSON.stringify(record).length + 1;
  }
  return Buffer.from(JSON.stringify(records));
}

/** How many turns this thread's event loop takes until `promise` settles. */
async function turnsUntil(promise: Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  void promise.finally(() => (done = true));
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    turns += 1;
  }
  return turns - 1;
}

const bodies: Array<[string, Buffer, string | null]> = [
  ['JSON', generatedJsonBody(256 * 1024), 'application/json'],
  ['invalid JSON, shown as it came', Buffer.from('{"a": [1, 2\n  "b"'), 'application/json'],
  ['text with escape sequences', Buffer.from('ok\u001B[2Jcleared\r\nnext\u009B31m'), 'text/plain'],
  ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), 'image/png'],
  ['empty', Buffer.alloc(0), 'application/json'],
];

describe('formatting a body in the worker thread', () => {
  it.each(bodies)('gives what formatting it here gives: %s', async (_label, raw, type) => {
    const here = formatBody(raw, type);
    const there = await formatBodyOffThread(raw, type, inWorker);
    expect(there.kind).toBe(here.kind);
    expect(there.count).toBe(here.count);
    expect(there.ascii).toBe(here.ascii);
    expect(Buffer.from(there.bytes).equals(Buffer.from(here.bytes))).toBe(true);
    expect(Array.from(there.starts)).toEqual(Array.from(here.starts));
  });

  it('leaves this thread free meanwhile, where formatting here holds it', async () => {
    const raw = generatedJsonBody(2 * 1024 * 1024);
    const offThread = new BodyDocument(raw, 'application/json');
    expect(await turnsUntil(offThread.prepareOffThread(inWorker))).toBeGreaterThan(0);
    // No worker file (the TypeScript source): the same work, in this thread, in one go.
    const here = new BodyDocument(raw, 'application/json');
    const missing = new URL('no-such-worker.js', workerUrl);
    expect(await turnsUntil(here.prepareOffThread({ workerUrl: missing, offThreadFrom: 0 }))).toBe(
      0,
    );
    expect(offThread.ready && here.ready).toBe(true);
    expect(offThread.lineCount).toBe(here.lineCount);
    for (const line of [0, 1, 2, offThread.lineCount - 1]) {
      expect(offThread.visible(line)).toBe(here.visible(line));
    }
  });

  it('shows the first lines of a big JSON body at once, and the whole body when the worker is done', async () => {
    const raw = generatedJsonBody(2 * 1024 * 1024);
    const body = new BodyDocument(raw, 'application/json');
    const seen: Array<{ ready: boolean; count: number; first: string; last: string }> = [];
    await body.prepareOffThread(inWorker, () =>
      seen.push({
        ready: body.ready,
        count: body.lineCount,
        first: body.visible(1),
        last: body.visible(PREVIEW_LINES - 1),
      }),
    );
    const whole = new BodyDocument(raw, 'application/json');
    whole.prepare();
    expect(seen).toEqual([
      {
        ready: false,
        count: PREVIEW_LINES,
        first: whole.visible(1),
        last: whole.visible(PREVIEW_LINES - 1),
      },
    ]);
    expect(body.ready).toBe(true);
    expect(body.lineCount).toBe(whole.lineCount);
    expect(body.find('José', 0)).toEqual(whole.find('José', 0));
  });

  it('shows JSON that goes wrong past its first screen as it came, once the worker finds out', async () => {
    const raw = Buffer.concat([generatedJsonBody(1024 * 1024).subarray(0, -1), Buffer.from(',')]);
    const body = new BodyDocument(raw, 'application/json');
    const kinds: string[] = [];
    await body.prepareOffThread(inWorker, () => kinds.push(body.kind));
    expect(kinds).toEqual(['json']);
    expect(body.kind).toBe('text');
    expect(body.lineCount).toBe(1);
  });

  it('keeps the raw bytes as they came: saving writes what the server sent', async () => {
    const raw = Buffer.from('{"big":12345678901234567891}');
    const body = new BodyDocument(raw, 'application/json');
    await body.prepareOffThread(inWorker);
    expect(body.raw.equals(Buffer.from('{"big":12345678901234567891}'))).toBe(true);
    expect(body.line(1)).toBe('  "big": 12345678901234567891');
  });
});
