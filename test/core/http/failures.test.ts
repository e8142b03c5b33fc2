import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyholeError } from '../../../src/core/errors.js';
import { explainNetworkError } from '../../../src/core/http/errors.js';
import { closeDispatchers, sendRequest } from '../../../src/core/http/index.js';
import { deadPort, startServer, type TestServer } from '../../support/http-servers.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token-value';
let silent: TestServer;
/** Resolves each time the silent server has received a request. */
let arrived: () => void = () => {};

beforeAll(async () => {
  // Reads the request, never answers.
  silent = await startServer(() => arrived());
});
afterAll(async () => {
  await closeDispatchers();
  await silent.close();
});

async function failure(promise: Promise<unknown>): Promise<KeyholeError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeyholeError);
  const keyhole = error as KeyholeError;
  expect(`${keyhole.message} ${keyhole.hint ?? ''}`).not.toContain(TOKEN);
  return keyhole;
}

const authorization = (origin: string) => ({ origin, getToken: async () => TOKEN });

describe('network failures', () => {
  it('times out with the host and the wait in the message', async () => {
    const started = Date.now();
    const error = await failure(
      sendRequest(
        { method: 'GET', url: `${silent.origin}/slow`, headers: {} },
        { timeoutMs: 200, authorization: authorization(silent.origin) },
      ),
    );
    expect(error.message).toBe(`no response from 127.0.0.1:${silent.port} within 0.2 s`);
    expect(error.hint).toMatch(/--timeout/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops when the caller aborts, mid-request', async () => {
    const controller = new AbortController();
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const pending = sendRequest(
      { method: 'GET', url: `${silent.origin}/abort`, headers: {} },
      { signal: controller.signal },
    );
    await waiting;
    controller.abort();
    const error = await failure(pending);
    expect(error.message).toBe(`the request to 127.0.0.1:${silent.port} was cancelled`);
  });

  it('does not send anything when the signal has already fired', async () => {
    const before = silent.received.length;
    const error = await failure(
      sendRequest(
        { method: 'GET', url: `${silent.origin}/never`, headers: {} },
        { signal: AbortSignal.abort() },
      ),
    );
    expect(error.message).toMatch(/was cancelled/);
    expect(silent.received.length).toBe(before);
  });

  it('says nothing is listening on a dead port', async () => {
    const port = await deadPort();
    const url = `http://127.0.0.1:${port}/x`;
    const error = await failure(
      sendRequest(
        { method: 'GET', url, headers: {} },
        { authorization: authorization(`http://127.0.0.1:${port}`) },
      ),
    );
    expect(error.message).toBe(`nothing is listening at 127.0.0.1:${port}`);
    expect(error.exitCode).toBe(1);
  });

  it('says a host name does not resolve', async () => {
    const error = await failure(
      sendRequest({ method: 'GET', url: 'http://no-such-host.invalid/x', headers: {} }),
    );
    expect(error.message).toBe('cannot resolve the host name no-such-host.invalid');
  });

  it('refuses a relative or non-http URL as a usage error', async () => {
    const relative = await failure(sendRequest({ method: 'GET', url: '/v3/x', headers: {} }));
    expect(relative.exitCode).toBe(2);
    const ftp = await failure(sendRequest({ method: 'GET', url: 'ftp://host/x', headers: {} }));
    expect(ftp.message).toBe('ftp://host/x is not an http(s) URL');
  });

  it('will not send the token over plain http to a remote host', async () => {
    const error = await failure(
      sendRequest(
        { method: 'GET', url: 'http://api.example.com/v3/x', headers: {} },
        { authorization: authorization('http://api.example.com') },
      ),
    );
    expect(error.message).toBe('refusing to send the token over plain http to api.example.com');
  });
});

describe('explainNetworkError', () => {
  const url = new URL('https://acme.api.identitynow.com/v3/x');
  const coded = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

  it.each([
    ['CERT_HAS_EXPIRED', 'the TLS certificate of acme.api.identitynow.com has expired'],
    [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'the TLS certificate of acme.api.identitynow.com is not trusted (signed by a self-signed root that is not trusted)',
    ],
    [
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'the TLS certificate of acme.api.identitynow.com is not trusted (signed by an unknown certificate authority)',
    ],
    ['UND_ERR_CONNECT_TIMEOUT', 'could not connect to acme.api.identitynow.com:443 within 10 s'],
  ])('%s', (code, message) => {
    expect(explainNetworkError(coded(code), url).message).toBe(message);
  });

  it('reads the code of an AggregateError from happy eyeballs', () => {
    const aggregate = new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]);
    expect(explainNetworkError(aggregate, url).message).toBe(
      'nothing is listening at acme.api.identitynow.com:443',
    );
  });

  it('cuts a token out of an upstream message', () => {
    const error = explainNetworkError(new Error(`bad header Bearer ${TOKEN}`), url, [TOKEN]);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('(redacted)');
  });
});
