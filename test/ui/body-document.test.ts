import { describe, expect, it } from 'vitest';
import { BodyDocument } from '../../src/core/session/index.js';

const doc = (text: string | Buffer, type: string | null = 'application/json') =>
  new BodyDocument(Buffer.isBuffer(text) ? text : Buffer.from(text), type);

describe('BodyDocument', () => {
  it('pretty-prints JSON once and reads it line by line', () => {
    const body = doc('{"a":1,"b":[true,null,"x"]}');
    expect(body.kind).toBe('json');
    expect(body.lineCount).toBe(8);
    expect(body.line(0)).toBe('{');
    expect(body.line(1)).toBe('  "a": 1,');
    expect(body.line(7)).toBe('}');
    expect(body.line(99)).toBe('');
  });

  it('formats nothing until asked', () => {
    const body = doc('{"a":1}');
    expect((body as unknown as { prepared: boolean }).prepared).toBe(false);
    body.prepare();
    expect((body as unknown as { prepared: boolean }).prepared).toBe(true);
  });

  it('shows invalid or truncated JSON as text', () => {
    const body = doc('{"a": [1, 2');
    expect(body.kind).toBe('text');
    expect(body.line(0)).toBe('{"a": [1, 2');
  });

  it('never lets escape sequences or control characters through to the terminal', () => {
    const evil = 'ok\u001B]52;c;ZXZpbA==\u0007 \u001B[2Jcleared\rover\nnext\u009B31m';
    const body = doc(evil, 'text/plain');
    const shown = [0, 1].map((i) => body.visible(i));
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(shown.join('\n')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(shown[0]).toBe('ok cleared' + 'over');
    // C1 characters survive JSON.stringify; visible() removes them too.
    const json = doc(JSON.stringify({ text: 'a\u0085b' }));
    expect(json.visible(1)).toBe('  "text": "ab"');
  });

  it('cuts a window out of any line, however long', () => {
    const long = 'x'.repeat(5_000_000);
    const body = doc(long, 'text/plain');
    expect(body.visible(0, 10, 20)).toBe('x'.repeat(20));
  });

  it('finds text case-insensitively, forwards and backwards, wrapping around', () => {
    const body = doc(JSON.stringify([{ name: 'Jane' }, { name: 'Sam' }, { name: 'jane' }]));
    const first = body.find('JANE', 0);
    expect(first?.line).toBe(2);
    expect(body.find('jane', first!.line + 1)?.line).toBe(8);
    expect(body.find('jane', 9)?.line).toBe(2);
    expect(body.find('jane', 7, -1)?.line).toBe(2);
    expect(body.find('nobody', 0)).toBeNull();
  });

  it('counts the hits and steps through them one by one, two on a line included', () => {
    const body = doc(JSON.stringify([{ a: 'jane jane' }, { b: 'x' }, { c: 'Jane' }]));
    const first = body.find('jane', 0);
    expect(first).toEqual({ line: 2, column: 10, index: 0, total: 3, capped: false });
    const second = body.find('jane', first!.line, 1, first!.index);
    expect(second).toMatchObject({ line: 2, column: 15, index: 1, total: 3 });
    expect(body.find('jane', 2, 1, 1)).toMatchObject({ line: 8, index: 2 });
    expect(body.find('jane', 8, 1, 2)).toMatchObject({ line: 2, index: 0 });
    expect(body.find('jane', 2, -1, 0)).toMatchObject({ line: 8, index: 2 });
    // Without a current hit: the first from a line on, or the last up to a line's end.
    expect(body.find('jane', 3)).toMatchObject({ line: 8, index: 2 });
    expect(body.find('jane', 7, -1)).toMatchObject({ line: 2, index: 1 });
  });

  it('finds and cuts by characters where they take more than a byte', () => {
    const body = doc(JSON.stringify([{ name: 'Zoë Müller', city: 'Zürich ÉTÉ' }, { note: 'été' }]));
    // '    "name": "Zoë Müller",': Müller starts at column 17, counted in characters.
    expect(body.find('müller', 0)).toMatchObject({ line: 2, column: 17, total: 1 });
    expect(body.find('été', 0)).toMatchObject({ line: 3, total: 2 });
    expect(body.visible(2, 0, 20)).toBe('    "name": "Zoë Mül');
    expect(body.visible(2, 17, 6)).toBe('Müller');
    expect(body.line(3)).toBe('    "city": "Zürich ÉTÉ"');
  });

  it('keeps every token of the JSON as it came: big ids are not rounded', () => {
    const body = doc('{"id":12345678901234567891,"price":1.50}');
    expect(body.line(1)).toBe('  "id": 12345678901234567891,');
    expect(body.line(2)).toBe('  "price": 1.50');
  });

  it('reports binary bodies without printing them', () => {
    const body = doc(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), 'image/png');
    expect(body.kind).toBe('binary');
    expect(body.line(0)).toMatch(/binary body, 8 B:/);
    expect(doc('', null).lineCount).toBe(0);
  });

  it('indexes a 20 MB body (800,000 lines) and reads its last line', () => {
    const items = Array.from({ length: 110_000 }, (_, i) => ({
      id: i,
      name: `record ${i}`,
      tags: ['a', 'b'],
    }));
    const body = doc(JSON.stringify(items));
    // How long it took is reported, not asserted: a busy machine must not fail the test.
    const started = performance.now();
    expect(body.lineCount).toBeGreaterThan(800_000);
    console.info(`[body-document] 20 MB indexed in ${Math.round(performance.now() - started)} ms`);
    expect(body.line(body.lineCount - 1)).toBe(']');
  });
});
