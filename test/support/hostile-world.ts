import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { type RawResponse, type RawServer, startRawServer } from './raw-http.js';

/**
 * What a hostile server plants, one row per kind of escape. Each would do harm if it reached a
 * terminal as it is: write the clipboard, retitle the window, clear the screen, recolour or
 * rewrite what is shown, or make text read differently from what it is.
 */
export const SEQUENCES = [
  { name: 'OSC 52 clipboard write', text: '\x1b]52;c;cHduZWQ=\x07' },
  { name: 'OSC 0 window title', text: '\x1b]0;pwned\x07' },
  { name: 'CSI clear screen', text: '\x1b[2J' },
  { name: 'C1 CSI (U+009B)', text: '\u009b31m' },
  { name: 'C1 OSC … C1 ST (U+009D … U+009C)', text: '\u009d0;x\u009c' },
  { name: 'lone CR', text: '\r' },
  { name: 'bidi override (U+202E)', text: '\u202e' },
  { name: 'line separator (U+2028)', text: '\u2028' },
] as const;

/**
 * Sequences a source cannot carry: the HTTP parser (llhttp, inside undici) rejects a response
 * whose status line holds a CR not followed by LF, and a header value with any C0 control, so
 * those never reach keyhole. (A header's UTF-8 bytes are read as Latin-1, so even a bidi
 * override arrives there as C1 characters.)
 */
const UNSENDABLE: Record<string, readonly string[]> = {
  'reason phrase': ['lone CR'],
  'header value': ['OSC 52 clipboard write', 'OSC 0 window title', 'CSI clear screen', 'lone CR'],
};

/** The sequences planted in `source`. */
export function sequencesOf(source: string): (typeof SEQUENCES)[number][] {
  const unsendable = UNSENDABLE[source] ?? [];
  return SEQUENCES.filter((sequence) => !unsendable.includes(sequence.name));
}

/**
 * The hostile value of one source: a visible marker naming the source (so a test can see that
 * the value was shown at all), then every sequence it can carry, each followed by a bar.
 */
export function hostile(source: string): string {
  return `${marker(source)}${sequencesOf(source)
    .map((sequence) => `${sequence.text}|`)
    .join('')}`;
}

/** The marker `hostile(source)` leaves visible once its sequences are gone (no spaces: wrapped
 * columns must not split it). */
export function marker(source: string): string {
  return `<${source.replace(/ /g, '_')}>`;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TERMINAL_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Every character that would reach a terminal as a control: C0 except tab and newline, DEL, C1
 * (including ESC wherever it is), line and paragraph separators, bidi embeddings, overrides and
 * isolates. Each with a little context, for the failure message.
 */
export function unsafeCharacters(text: string): string[] {
  return [...text.matchAll(TERMINAL_UNSAFE)].map((match) => {
    const at = match.index;
    const code = match[0].codePointAt(0) ?? 0;
    return `U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 12))}`;
  });
}

/** The sources a hostile world plants, each a different way server text reaches keyhole. */
export const SOURCES = {
  claimName: 'claim name',
  claimUserName: 'claim user_name',
  claimSub: 'claim sub',
  claimOrg: 'claim org',
  claimAuthority: 'claim authority',
  claimScope: 'claim scope',
  claimIssuer: 'claim iss',
  tokenResponseField: 'token response field',
  tokenError: 'token error',
  tokenErrorDescription: 'token error_description',
  oidcIssuer: 'oidc issuer',
  trackingId403: '403 trackingId',
  trackingId500: '500 trackingId',
  reasonPhrase: 'reason phrase',
  headerValue: 'header value',
  bodyField: 'body field',
  specTitle: 'spec title',
  specPath: 'spec path',
  specSummary: 'spec summary',
  specOperationId: 'spec operationId',
  specTag: 'spec tag',
  specRef: 'spec $ref',
  specConversionWarning: 'spec x-s2o-warning',
  specParserError: 'spec parser error',
} as const;

export interface HostileWorld {
  readonly origin: string;
  /** An OpenAPI file whose title, paths, summaries, operationIds and tags are hostile. */
  readonly specFile: string;
  /** A spec keyhole refuses, whose refusal quotes its hostile `openapi` version. */
  readonly brokenSpecFile: string;
  close(): Promise<void>;
}

const H = (key: keyof typeof SOURCES) => hostile(SOURCES[key]);

/**
 * A tenant where everything a server can say is hostile, on a raw loopback server: the token
 * endpoint (claims and an extra response field), a failing token endpoint (error and
 * error_description), an OIDC discovery document with a foreign issuer, API responses with
 * hostile reason phrases, header values, trackingIds and body fields. Spec files go to `dir`.
 */
export async function startHostileWorld(dir: string): Promise<HostileWorld> {
  let origin = '';
  const token = async () =>
    new SignJWT({
      name: H('claimName'),
      user_name: H('claimUserName'),
      identity_id: 'id-1',
      org: H('claimOrg'),
      authorities: [H('claimAuthority')],
      scope: [H('claimScope')],
      client_id: 'hostile-client',
      iss: H('claimIssuer'),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(H('claimSub'))
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a hostile server signs with its own key'));
  const accessToken = await token();

  const answer = ({ method, path: url }: { method: string; path: string }): RawResponse => {
    const json = (
      status: number,
      reason: string,
      body: unknown,
      extra: [string, string][] = [],
    ) => ({
      status,
      reason,
      headers: [['Content-Type', 'application/json'], ...extra] as [string, string][],
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (method === 'POST' && url === '/oauth/token') {
      return json(200, 'OK', {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: 3600,
        tenant_note: H('tokenResponseField'),
      });
    }
    if (method === 'POST' && url === '/bad/oauth/token') {
      return json(400, 'Bad Request', {
        error: H('tokenError'),
        error_description: H('tokenErrorDescription'),
      });
    }
    if (url === '/oidc/.well-known/openid-configuration') {
      // A URL (openid-client parses it) that is not the one asked for: keyhole quotes it.
      return json(200, 'OK', {
        issuer: `https://issuer.example/${H('oidcIssuer')}`,
        token_endpoint: `${origin}/oauth/token`,
      });
    }
    const reason = `Forbidden ${H('reasonPhrase')}`;
    const header: [string, string] = ['X-Hostile', H('headerValue')];
    // The trackingId is read from the body's text, so the raw bytes are sent unescaped.
    if (url.startsWith('/v3/forbidden')) {
      return json(
        403,
        reason,
        `{"detailCode":"403 Forbidden","trackingId":"${H('trackingId403')}","messages":[]}`,
        [header],
      );
    }
    if (url.startsWith('/v3/broken')) {
      return json(500, reason, `{"detailCode":"500","trackingId":"${H('trackingId500')}"}`, [
        header,
      ]);
    }
    return json(200, `OK ${H('reasonPhrase')}`, { name: H('bodyField') }, [header]);
  };
  const server: RawServer = await startRawServer(answer);
  origin = server.origin;

  const specFile = path.join(dir, 'hostile-openapi.json');
  const operation = (id: string) => ({
    operationId: `${id}${H('specOperationId')}`,
    summary: `${id} ${H('specSummary')}`,
    tags: [H('specTag')],
    // A pointer to nothing where the index reads it (a parameter), so keyhole warns about it.
    parameters: [{ $ref: `#/components/parameters/${H('specRef')}` }],
    // What a conversion from Swagger 2.0 says it lost: a spec warning, quoting the document.
    'x-s2o-warning': H('specConversionWarning'),
    responses: {
      '200': {
        description: 'ok',
        content: {
          'application/json': { schema: { $ref: `#/components/schemas/${H('specRef')}` } },
        },
      },
    },
  });
  writeFileSync(
    specFile,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: H('specTitle'), version: '1' },
      servers: [{ url: origin }],
      paths: {
        '/v3/things': { get: operation('listThings') },
        '/v3/forbidden': { get: operation('forbidden') },
        [`/v3/${H('specPath')}`]: { get: operation('hostilePath') },
      },
    }),
  );
  const brokenSpecFile = path.join(dir, 'broken-openapi.json');
  writeFileSync(
    brokenSpecFile,
    JSON.stringify({ openapi: H('specParserError'), info: { title: 'x', version: '1' } }),
  );
  return { origin, specFile, brokenSpecFile, close: () => server.close() };
}
