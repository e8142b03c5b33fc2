import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/core/catalog/parse.js';

/** A minimal OpenAPI 3.0 document around one operation's summary and one extra key. */
function document(summary: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Text', version: '1' },
    paths: { '/things': { get: { summary, responses: { 200: { description: 'ok' } } } } },
    ...extra,
  };
}

const summaryOf = (parsed: Awaited<ReturnType<typeof parseSpec>>): unknown =>
  (parsed.document.paths?.['/things'] as { get: { summary: unknown } }).get.summary;

describe('reading JSON text', () => {
  // JSON with non-ASCII characters is read as a one-byte string with \u escapes (half the memory
  // for Graph beta): the strings that come out must be exactly those of a UTF-8 reading.
  it.each([
    ['accents', 'Café déjà vu'],
    ['CJK', 'ユーザーを一覧表示'],
    ['beyond U+FFFF', 'rocket 🚀 and 𝄞'],
    ['mixed runs', 'a é b ü 🚀c'],
    ['an escape written in the text', 'tab\\tquote"'],
  ])('keeps %s as written', async (_label, summary) => {
    const json = JSON.stringify(document(summary), null, 2);
    const parsed = await parseSpec(Buffer.from(json, 'utf8'), 'text.json');
    expect(summaryOf(parsed)).toBe(summary);
  });

  it('reads non-ASCII text across the scanner’s 64 KiB blocks', async () => {
    // Runs of multi-byte characters placed so that some straddle a block boundary.
    const summary = 'ü'.repeat(40_000) + ' x ' + '🚀'.repeat(20_000);
    const json = JSON.stringify(document(summary));
    const parsed = await parseSpec(Buffer.from(json, 'utf8'), 'big.json');
    expect(summaryOf(parsed)).toBe(summary);
  });

  it('reads bytes that are not UTF-8 as U+FFFD, as a UTF-8 reading does', async () => {
    const json = JSON.stringify(document('before XX after'));
    const bytes = Buffer.from(json, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    const parsed = await parseSpec(bytes, 'broken.json');
    expect(summaryOf(parsed)).toBe(JSON.parse(bytes.toString('utf8')).paths['/things'].get.summary);
  });

  it('reads JSON after a byte-order mark', async () => {
    const json = '\uFEFF' + JSON.stringify(document('Café'));
    const parsed = await parseSpec(Buffer.from(json, 'utf8'), 'bom.json');
    expect(summaryOf(parsed)).toBe('Café');
  });

  it('reads a YAML flow mapping with non-ASCII text as written (it starts like JSON)', async () => {
    // Not JSON (unquoted keys), so YAML reads it: from the text as written, not the escaped one;
    // in YAML a single-quoted '\\u00e9' is six characters, not an é.
    const yamlText = String.raw`{openapi: 3.0.3, info: {title: Café ☕, version: '\u00e9'}, paths: {}}`;
    const parsed = await parseSpec(Buffer.from(yamlText, 'utf8'), 'flow.yaml');
    expect(parsed.document.info).toEqual({ title: 'Café ☕', version: String.raw`\u00e9` });
  });

  it('says where truncated JSON with non-ASCII text ends, as JSON', async () => {
    const json = JSON.stringify(document('Café'), null, 2);
    const cut = Buffer.from(json.slice(0, json.length - 20), 'utf8');
    await expect(parseSpec(cut, 'cut.json')).rejects.toThrow(/cut\.json is not valid JSON/);
  });
});

describe('references to other files', () => {
  it('are named in JSON and in YAML', async () => {
    const json = JSON.stringify(
      document('x', { components: { schemas: { A: { $ref: 'other.json#/A' } } } }),
    );
    const fromJson = await parseSpec(Buffer.from(json), 'a.json');
    expect(fromJson.warnings).toEqual([expect.stringContaining('unresolved $ref other.json#/A')]);
    const yamlText = [
      'openapi: 3.0.3',
      'info: {title: T, version: "1"}',
      'paths: {}',
      'components:',
      '  schemas:',
      '    A:',
      '      $ref: ./a.yaml',
      '    B: {$ref: "b.yaml#/B"}',
    ].join('\n');
    const fromYaml = await parseSpec(Buffer.from(yamlText), 'a.yaml');
    expect(fromYaml.warnings).toEqual([
      expect.stringContaining('unresolved $ref ./a.yaml'),
      expect.stringContaining('unresolved $ref b.yaml#/B'),
    ]);
  });

  it('are not seen in a path that ends in /$ref (OData, as Microsoft Graph writes)', async () => {
    const json = JSON.stringify({
      ...document('x'),
      paths: {
        '/groups/{id}/members/$ref': {
          post: { responses: { 204: { description: 'ok' } } },
        },
      },
      components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' } } },
    });
    const parsed = await parseSpec(Buffer.from(json), 'odata.json');
    expect(parsed.warnings).toEqual([]);
    expect(Object.keys(parsed.document.paths ?? {})).toEqual(['/groups/{id}/members/$ref']);
  });
});
