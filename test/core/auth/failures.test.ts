import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFailure } from '../../../src/core/auth/explain.js';
import { clientCredentials, discover, refresh } from '../../../src/core/auth/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { rejectionOf } from '../../support/wait-for.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}
interface Answer {
  status: number;
  type?: string;
  body: string;
}

/** A token endpoint whose answer each test scripts; it records what keyhole sent. */
let answer: (seen: Seen) => Answer;
const seen: Seen[] = [];
let fake: Server;
let base: string;

beforeAll(async () => {
  fake = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      seen.push(entry);
      const { status, type = 'application/json', body } = answer(entry);
      response.writeHead(status, { 'content-type': type }).end(body);
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      fake.close(() => resolve());
      fake.closeAllConnections();
    }),
);

const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });
const SECRET = 'super-secret-value-1234';

async function keyholeError(promise: Promise<unknown>): Promise<KeyholeError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(KeyholeError);
  const failure = error as KeyholeError;
  expect(`${failure.message} ${failure.hint ?? ''}`).not.toContain(SECRET);
  return failure;
}

describe('a SailPoint-shaped token endpoint', () => {
  it('gets the secret in the form body and keeps the extra response fields', async () => {
    answer = () =>
      json(200, {
        access_token: 'opaque-or-jwt',
        token_type: 'bearer',
        expires_in: 749,
        scope: 'sp:scopes:all',
        tenant_id: 't-1',
        pod: 'stg03-useast1',
        org: 'acme',
        internal: true,
        jti: 'j-1',
      });
    const before = Date.now();
    const tokens = await clientCredentials(
      { tokenUrl: `${base}/oauth/token` },
      { clientId: 'api-client', clientSecret: SECRET },
    );
    const request = seen.at(-1);
    expect(request?.path).toBe('/oauth/token');
    expect(request?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'api-client',
      client_secret: SECRET,
    });
    expect(tokens).toMatchObject({
      accessToken: 'opaque-or-jwt',
      tokenType: 'bearer',
      scope: 'sp:scopes:all',
      raw: { tenant_id: 't-1', pod: 'stg03-useast1', org: 'acme', internal: true, jti: 'j-1' },
    });
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 749_000);
  });

  it('keeps the old refresh token when the server does not rotate', async () => {
    answer = () => json(200, { access_token: 'a2', token_type: 'Bearer' });
    const tokens = await refresh(
      { tokenUrl: `${base}/oauth/token` },
      { clientId: 'c', clientSecret: SECRET, refreshToken: 'rt-original' },
    );
    expect(Object.fromEntries(seen.at(-1)?.form ?? [])).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'rt-original',
    });
    expect(tokens).toMatchObject({
      accessToken: 'a2',
      refreshToken: 'rt-original',
      expiresAt: null,
    });
  });
});

describe('failures are explained', () => {
  const server = () => ({ tokenUrl: `${base}/oauth/token` });
  const client = { clientId: 'api-client', clientSecret: SECRET };

  it('invalid_client names the client and the tenant host', async () => {
    answer = () => json(401, { error: 'invalid_client', error_description: 'Bad credentials' });
    const error = await keyholeError(clientCredentials(server(), client));
    expect(error.message).toBe(
      `${new URL(base).host} rejected client "api-client": the client id or secret is wrong for this tenant`,
    );
    expect(error.hint).toBeTruthy();
  });

  it('invalid_grant on refresh says the session has ended, without the token', async () => {
    answer = () => json(400, { error: 'invalid_grant', error_description: 'expired' });
    const error = await keyholeError(
      refresh(server(), { ...client, refreshToken: 'rt-secret-value' }),
    );
    expect(error.message).toBe(
      `the session has ended: ${new URL(base).host} refused the refresh token (expired, revoked or already used)`,
    );
    // Who can start a new one depends on the profile: the token service says it.
    expect(error.code).toBe('session_ended');
    expect(error.message).not.toContain('rt-secret-value');
  });

  it('scrubs a secret the server echoes back', async () => {
    answer = (request) =>
      json(400, {
        error: 'invalid_request',
        error_description: `client_secret ${request.form.get('client_secret')} is malformed`,
      });
    const error = await keyholeError(clientCredentials(server(), client));
    expect(error.message).toContain('client_secret [redacted] is malformed');
  });

  it('invalid_scope and unauthorized_client get their own words', async () => {
    answer = () => json(400, { error: 'invalid_scope' });
    expect((await keyholeError(clientCredentials(server(), client))).message).toContain(
      'refused the requested scopes',
    );
    answer = () => json(400, { error: 'unauthorized_client' });
    expect((await keyholeError(clientCredentials(server(), client))).message).toContain(
      'client "api-client" is not allowed to use this grant',
    );
  });

  it('a page that is not JSON', async () => {
    answer = () => ({ status: 200, type: 'text/html', body: '<html>login</html>' });
    const error = await keyholeError(clientCredentials(server(), client));
    expect(error.message).toContain('answered HTTP 200 with text/html');
    expect(error.message).toContain('not JSON');
    expect(error.hint).toContain(`${base}/oauth/token`);
  });

  it('a gateway error page', async () => {
    answer = () => ({ status: 502, type: 'text/html', body: '<html>bad gateway</html>' });
    const error = await keyholeError(clientCredentials(server(), client));
    expect(error.message).toContain('HTTP 502');
  });

  it('JSON that does not parse', async () => {
    answer = () => ({ status: 200, body: '{"access_token": ' });
    const error = await keyholeError(clientCredentials(server(), client));
    expect(error.message).toContain('not valid JSON');
  });

  it('nothing listening on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await keyholeError(
      clientCredentials({ tokenUrl: `http://127.0.0.1:${port}/token` }, client),
    );
    expect(error.message).toBe(`could not connect to 127.0.0.1:${port}: connection refused`);
    const discovery = await keyholeError(discover(`http://127.0.0.1:${port}`));
    expect(discovery.message).toContain(`127.0.0.1:${port}`);
  });

  it('plain http to a remote host, refused before any request', async () => {
    const before = seen.length;
    const error = await keyholeError(
      clientCredentials({ tokenUrl: 'http://tenant.example.com/oauth/token' }, client),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('plain http');
    expect(seen.length).toBe(before);
  });

  it('a discovery document for another issuer', async () => {
    answer = () => json(200, { issuer: 'https://elsewhere.example.com', token_endpoint: 'x' });
    const error = await keyholeError(discover(base));
    expect(error.message).toBe(
      `${new URL(base).host} says its issuer is https://elsewhere.example.com, not ${base}`,
    );
  });
});

describe('explainFailure for network errors undici reports', () => {
  const context = {
    operation: 'client_credentials' as const,
    url: new URL('https://acme.api.identitynow.com/oauth/token'),
    secrets: [],
  };
  const fetchFailed = (code: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  it('names the host that DNS could not find', () => {
    const error = explainFailure(fetchFailed('ENOTFOUND'), context);
    expect(error.message).toBe(
      'the host acme.api.identitynow.com could not be found (DNS lookup failed)',
    );
  });

  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    'explains the TLS failure %s',
    (code) => {
      const error = explainFailure(fetchFailed(code), context);
      expect(error.message).toBe(
        `the TLS connection to acme.api.identitynow.com failed its checks (${code})`,
      );
      expect(error.hint).toContain('NODE_EXTRA_CA_CERTS');
    },
  );

  it('finds the code inside an AggregateError (IPv4 and IPv6 both refused)', () => {
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const error = explainFailure(
      new TypeError('fetch failed', { cause: new AggregateError([refused, refused]) }),
      context,
    );
    expect(error.message).toContain('connection refused');
  });
});
