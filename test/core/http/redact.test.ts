import { describe, expect, it } from 'vitest';
import {
  redactCredential,
  redactHeaders,
  redactUrl,
  sanitizeForTerminal,
} from '../../../src/core/http/index.js';

const JWT = `eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${'x'.repeat(762)}.${'y'.repeat(14)}`;

describe('redactHeaders', () => {
  it('keeps the scheme and 8 characters of a bearer token, with its length', () => {
    expect(JWT).toHaveLength(812);
    expect(redactHeaders({ Authorization: `Bearer ${JWT}` })).toEqual({
      Authorization: 'Bearer eyJhbGci…(redacted, 812 chars)',
    });
  });

  it("keeps a header that is redacted already as it is: the length stays the token's", () => {
    const once = redactHeaders({ Authorization: `Bearer ${JWT}` });
    // The TUI redacts the engine's (already redacted) request headers again for its H view.
    expect(redactHeaders(once)).toEqual(once);
    expect(redactCredential(`Bearer ${JWT}`, { prefix: false })).toBe(
      'Bearer …(redacted, 812 chars)',
    );
    expect(redactCredential(String(once['Authorization']), { prefix: false })).toBe(
      'Bearer …(redacted, 812 chars)',
    );
  });

  it('redacts Basic and Proxy-Authorization the same way, whatever the case', () => {
    expect(
      redactHeaders({
        authorization: 'Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=',
        'PROXY-AUTHORIZATION': 'Basic dXNlcjpwYXNzd29yZA==',
      }),
    ).toEqual({
      authorization: 'Basic ZGVtby1j…(redacted, 32 chars)',
      'PROXY-AUTHORIZATION': 'Basic dXNlcj…(redacted, 20 chars)',
    });
  });

  it('never shows more than a third of a short credential', () => {
    expect(redactHeaders({ authorization: 'Bearer abcdef' })).toEqual({
      authorization: 'Bearer ab…(redacted, 6 chars)',
    });
    expect(redactHeaders({ authorization: 'tok' })).toEqual({
      authorization: 't…(redacted, 3 chars)',
    });
  });

  it('redacts cookie values but keeps names and attributes', () => {
    expect(
      redactHeaders({
        cookie: 'SESSION=0123456789abcdef0123; theme=dark',
        'set-cookie': ['SESSION=0123456789abcdef0123; Path=/; HttpOnly; Secure', 'a=b'],
      }),
    ).toEqual({
      cookie: 'SESSION=012345…(redacted, 20 chars); theme=d…(redacted, 4 chars)',
      'set-cookie': [
        'SESSION=012345…(redacted, 20 chars); Path=/; HttpOnly; Secure',
        'a=…(redacted, 1 char)',
      ],
    });
  });

  it('redacts headers named like secrets and leaves the rest alone', () => {
    expect(
      redactHeaders({
        'X-API-Key': 'k-123456789012',
        'content-type': 'application/json',
        accept: undefined,
      }),
    ).toEqual({ 'X-API-Key': 'k-12…(redacted, 14 chars)', 'content-type': 'application/json' });
  });
});

describe('redactUrl', () => {
  it.each([
    [
      'https://t.example/oauth/token?grant_type=client_credentials&client_id=abc&client_secret=s3cr3tvalue',
      'https://t.example/oauth/token?grant_type=client_credentials&client_id=abc&client_secret=s3c…(redacted,11)',
    ],
    [
      'https://a/x?access_token=eyJhbGciOiJ&token=abcdef&password=hunter2&api_key=k1234567&q=keep',
      'https://a/x?access_token=eyJ…(redacted,11)&token=ab…(redacted,6)&password=hu…(redacted,7)&api_key=k1…(redacted,8)&q=keep',
    ],
    ['https://user:pa55word@a/x', 'https://user:pa…(redacted,8)@a/x'],
    ['https://a/x?limit=25&offset=0#frag', 'https://a/x?limit=25&offset=0#frag'],
    ['https://a/x?API-KEY=abcdefghi', 'https://a/x?API-KEY=abc…(redacted,9)'],
    ['not a url', 'not a url'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('sanitizeForTerminal', () => {
  it.each([
    ['clear screen (CSI)', 'a\x1b[2Jb\x1b[31mred\x1b[0m', 'abred'],
    ['OSC 52 clipboard write, BEL-terminated', 'x\x1b]52;c;ZWNobyBwd25lZA==\x07y', 'xy'],
    ['OSC title, ST-terminated', 'x\x1b]0;evil title\x1b\\y', 'xy'],
    ['C1 CSI (0x9b)', 'a\u009b2Jb', 'ab'],
    ['C1 OSC (0x9d) with C1 ST', 'a\u009d52;c;Zm9v\u009cb', 'ab'],
    ['BEL and other C0 controls', 'ding\x07\x00\x08!', 'ding!'],
    ['DCS', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['a lone ESC and charset selection', 'a\x1b(0b\x1bc', 'ab'],
    ['a lone CR that would overwrite the line', 'safe\rEVIL', 'safeEVIL'],
    ['an unterminated OSC loses its introducer', 'a\x1b]52;c;Zm9v', 'a52;c;Zm9v'],
  ])('strips %s', (_name, input, expected) => {
    expect(sanitizeForTerminal(input)).toBe(expected);
  });

  it('keeps newlines, tabs and ordinary Unicode, turning CRLF into LF', () => {
    expect(sanitizeForTerminal('{\r\n\t"name": "Zoë ✓"\r\n}\n')).toBe('{\n\t"name": "Zoë ✓"\n}\n');
  });
});
