import { describe, expect, it } from 'vitest';
import { readServerSays } from '../../../src/core/explain/server-says.js';
import { parseWwwAuthenticate } from '../../../src/core/explain/www-authenticate.js';

/** Hostile and odd inputs: what a server sends must never break an explanation or the terminal. */
describe('parseWwwAuthenticate', () => {
  it.each<[string, string | string[], ReturnType<typeof parseWwwAuthenticate>]>([
    ['bare scheme', 'Bearer', [{ scheme: 'bearer', params: {} }]],
    [
      'two challenges in one header',
      'Basic realm="x", Bearer error="invalid_token"',
      [
        { scheme: 'basic', params: { realm: 'x' } },
        { scheme: 'bearer', params: { error: 'invalid_token' } },
      ],
    ],
    [
      'escaped quotes and commas inside a value',
      'Bearer error_description="a \\"b\\", c", scope=read',
      [{ scheme: 'bearer', params: { error_description: 'a "b", c', scope: 'read' } }],
    ],
    [
      'an unterminated quote keeps what came before',
      'Bearer error="invalid_token", error_description="never ends',
      [{ scheme: 'bearer', params: { error: 'invalid_token' } }],
    ],
    ['garbage', '=== ,,, "', []],
    ['empty', '', []],
    [
      'several header lines',
      ['Basic realm="x"', 'Bearer scope="a b"'],
      [
        { scheme: 'basic', params: { realm: 'x' } },
        { scheme: 'bearer', params: { scope: 'a b' } },
      ],
    ],
  ])('%s', (_name, header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });
});

describe('readServerSays', () => {
  it('strips escape sequences and cuts a long message', () => {
    const said = readServerSays(
      {},
      JSON.stringify({
        error: 'x',
        error_description: `\u001b]52;c;ZXZpbA==\u0007\u001b[2J${'a'.repeat(500)}`,
      }),
    );
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(said.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(said.message?.length).toBeLessThanOrEqual(200);
  });

  it('reads what is there and nothing else from non-JSON, arrays and odd types', () => {
    for (const body of ['<html>denied</html>', '[1,2]', 'null', '{"error":42}', '']) {
      expect(readServerSays({}, body)).toEqual({ code: null, message: null, requiredScopes: [] });
    }
  });

  it('reads Entra, Okta and SailPoint bodies, and the challenge before the body', () => {
    expect(
      readServerSays(
        {},
        '{"error":{"code":"InvalidAuthenticationToken","message":"AADSTS50013: bad"}}',
      ),
    ).toEqual({
      code: 'InvalidAuthenticationToken',
      message: 'AADSTS50013: bad',
      requiredScopes: [],
    });
    expect(readServerSays({}, '{"error":{"message":"AADSTS700016: no app"}}').code).toBe(
      'AADSTS700016',
    );
    expect(
      readServerSays(
        {},
        '{"errorCode":"E0000006","errorSummary":"No","errorCauses":[{"errorSummary":"scope"}]}',
      ),
    ).toEqual({ code: 'E0000006', message: 'No: scope', requiredScopes: [] });
    expect(
      readServerSays(
        {},
        '{"detailCode":"403 Forbidden","messages":[{"locale":"de-DE","text":"Nein"},{"locale":"en-US","text":"No"}]}',
      ),
    ).toEqual({ code: '403 Forbidden', message: 'No', requiredScopes: [] });
    expect(
      readServerSays(
        { 'www-authenticate': 'Bearer error="insufficient_scope", scope="a b"' },
        '{"error":"other","required_scopes":["c"]}',
      ),
    ).toEqual({ code: 'insufficient_scope', message: null, requiredScopes: ['a', 'b'] });
    expect(
      readServerSays({}, '{"error":"insufficient_scope","scope":"hello"}').requiredScopes,
    ).toEqual(['hello']);
  });
});
