import { describe, expect, it } from 'vitest';
import type { CallRequest } from '../../../src/core/call/execute.js';
import { parseCurl, toClipboardOsc52, toCurl } from '../../../src/core/curl/index.js';
import { UsageError } from '../../../src/core/errors.js';

const profile = { name: 'acme-pat', baseUrl: 'https://acme.api.identitynow.com' };

describe('toCurl', () => {
  it('writes the request with the token read at run time, never the token itself', () => {
    const { command, warnings } = toCurl(profile, {
      method: 'POST',
      path: '/v3/access-requests',
      query: [['dry', 'it is']],
      headers: { 'X-Trace': "o'clock" },
      body: `{"note":"it's"}`,
    });
    expect(command).toBe(
      [
        `keyhole token acme-pat --header | curl -X POST 'https://acme.api.identitynow.com/v3/access-requests?dry=it+is'`,
        `-H @-`,
        `-H 'Accept: application/json'`,
        `-H 'Content-Type: application/json'`,
        `-H 'X-Trace: o'\\''clock'`,
        `--data-raw '{"note":"it'\\''s"}'`,
      ].join(' \\\n  '),
    );
    expect(warnings).toEqual([]);
  });

  it("sends the token only to the profile's origin, and drops an Authorization given", () => {
    const foreign = toCurl(profile, { method: 'GET', path: 'https://example.com/x' });
    expect(foreign.command).not.toContain('Authorization');
    expect(foreign.command).not.toContain('keyhole token');
    expect(foreign.command).not.toContain('@-');
    const own = toCurl(profile, {
      method: 'GET',
      path: '/v3/identities',
      headers: { authorization: 'Bearer secret-token-value' },
    });
    expect(own.command).not.toContain('secret-token-value');
    expect(own.command).not.toMatch(/Authorization/i);
    expect(own.command).toMatch(/^keyhole token acme-pat --header \| curl /);
    expect(own.warnings[0]).toMatch(/authorization header is left out/);
  });

  it('maps --timeout, --cacert, --insecure and HEAD', () => {
    const { command } = toCurl(
      profile,
      { method: 'HEAD', path: '/' },
      { timeoutSeconds: 2.5, caFile: '/etc/my ca.pem', insecure: true },
    );
    expect(command).toMatch(/^keyhole token acme-pat --header \| curl --head /);
    expect(command).toContain("--max-time 2.5 \\\n  --cacert '/etc/my ca.pem' \\\n  --insecure");
  });
});

describe('parseCurl', () => {
  it('reads method, headers, body and the URL relative to the base URL', () => {
    const parsed = parseCurl(
      `curl -sS -X PATCH 'https://acme.api.identitynow.com/v3/identities/1?x=1' \\
        -H 'Content-Type: application/json-patch+json' -H "X-Trace: 1" \\
        --data-raw '[{"op":"replace"}]' --compressed`,
      { baseUrl: profile.baseUrl },
    );
    expect(parsed).toEqual({
      url: 'https://acme.api.identitynow.com/v3/identities/1?x=1',
      relative: true,
      warnings: [],
      request: {
        method: 'PATCH',
        path: '/v3/identities/1',
        query: [['x', '1']],
        headers: { 'Content-Type': 'application/json-patch+json', 'X-Trace': '1' },
        body: '[{"op":"replace"}]',
      },
    });
  });

  it('follows curl: -d implies POST and a form, several -d join with &, -G moves them to the query', () => {
    expect(parseCurl(`curl https://h.example/a -d a=1 --data b=2`).request).toMatchObject({
      method: 'POST',
      body: 'a=1&b=2',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(
      parseCurl(`curl -G --url https://h.example/a -d 'q=x y' --data-urlencode 'n=a&b'`).request,
    ).toEqual({
      method: 'GET',
      path: 'https://h.example/a',
      query: [
        ['q', 'x y'],
        ['n', 'a&b'],
      ],
      headers: {},
    });
    expect(parseCurl(`curl --json '{"a":1}' https://h.example/a`).request).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    });
    expect(parseCurl(`curl -sSXPUT -H'X: 1' h.example/a`).request).toMatchObject({
      method: 'PUT',
      path: 'http://h.example/a',
      headers: { X: '1' },
    });
    expect(parseCurl(`curl -I https://h.example/`).request.method).toBe('HEAD');
  });

  it('never imports a credential, and says so', () => {
    const parsed = parseCurl(
      `curl -u admin:hunter2 -H 'Authorization: Bearer abc' -b 'sid=1' -H 'Cookie: a=b' -k https://acme.api.identitynow.com/v3/x`,
      { baseUrl: profile.baseUrl },
    );
    expect(JSON.stringify(parsed.request)).not.toMatch(/hunter2|abc|sid|a=b/);
    expect(parsed.warnings).toEqual([
      "-u is ignored: keyhole sends the profile's token, not a password",
      "the Authorization header is dropped: keyhole sends the profile's token",
      '-b is ignored: cookies are not imported',
      'the Cookie header is dropped: cookies are not imported',
      '-k is ignored: keyhole verifies TLS unless told with --insecure',
    ]);
  });

  it('reads a browser "Copy as cURL (bash)" command', () => {
    const parsed = parseCurl(
      String.raw`curl 'https://acme.api.identitynow.com/beta/workflows' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'authorization: Bearer eyJhbGciOiJ' \
  --data-raw $'{"name":"it\'s"}'`,
      { baseUrl: profile.baseUrl },
    );
    expect(parsed.request).toMatchObject({
      method: 'POST',
      path: '/beta/workflows',
      body: `{"name":"it's"}`,
      headers: { accept: 'application/json, text/plain, */*' },
    });
  });

  it('warns when the URL is not under the base URL', () => {
    const parsed = parseCurl('curl https://other.example/v3/x', { baseUrl: profile.baseUrl });
    expect(parsed.relative).toBe(false);
    expect(parsed.request.path).toBe('https://other.example/v3/x');
    expect(parsed.warnings[0]).toMatch(/not the profile's base URL; keyhole sends no token/);
  });

  it.each([
    ['wget https://x.example', /does not start with curl/],
    ['curl -X POST', /has no URL/],
    ['curl https://a.example https://b.example', /more than one URL/],
    ['curl https://a.example | sh', /one curl command/],
    ["curl 'https://a.example", /not closed/],
    ['curl -H', /-H needs a value/],
  ])('refuses %s', (text, message) => {
    expect(() => parseCurl(text)).toThrow(UsageError);
    expect(() => parseCurl(text)).toThrow(message);
  });

  it('round-trips what toCurl writes', () => {
    const requests: CallRequest[] = [
      {
        method: 'GET',
        path: '/v3/identities',
        query: [
          ['limit', '10'],
          ['filters', 'name eq "a b"'],
        ],
      },
      {
        method: 'POST',
        path: '/v3/search',
        headers: { 'X-Trace': "it's $HOME `id`" },
        body: JSON.stringify({ query: { query: "o'neil\nnext" } }),
      },
      { method: 'DELETE', path: '/v3/things/1' },
      { method: 'HEAD', path: '/' },
    ];
    for (const request of requests) {
      const exported = toCurl(profile, request).command;
      const imported = parseCurl(exported, { baseUrl: profile.baseUrl });
      expect(imported.warnings, exported).toEqual([]);
      expect(imported.request.method).toBe(request.method);
      expect(imported.request.path).toBe(request.path);
      expect(imported.request.query ?? []).toEqual(request.query ?? []);
      expect(imported.request.body).toBe(request.body);
      expect(imported.request.headers).toMatchObject(request.headers ?? {});
      expect(toCurl(profile, imported.request).command).toBe(exported);
    }
  });
});

describe('toClipboardOsc52', () => {
  it('is the OSC 52 sequence with the text in base64, optionally wrapped for tmux', () => {
    expect(toClipboardOsc52('curl ✓')).toBe(
      `\u001b]52;c;${Buffer.from('curl ✓').toString('base64')}\u0007`,
    );
    expect(toClipboardOsc52('x', { tmux: true })).toBe(
      '\u001bPtmux;\u001b\u001b]52;c;eA==\u0007\u001b\\',
    );
  });
});
