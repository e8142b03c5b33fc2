import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyholeError } from '../../../src/core/errors.js';
import { closeDispatchers, INSECURE_WARNING, sendRequest } from '../../../src/core/http/index.js';
import {
  hasOpenssl,
  selfSignedCertificate,
  startServer,
  type TestServer,
} from '../../support/http-servers.js';

// Node cannot make X.509 certificates and no installed package does; the openssl binary can.
const openssl = hasOpenssl();
if (!openssl) console.warn('SKIPPED: TLS tests need the openssl binary on PATH');

async function failure(promise: Promise<unknown>): Promise<KeyholeError> {
  const error = await promise.then(
    () => new Error('expected the request to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeyholeError);
  return error as KeyholeError;
}

describe.skipIf(!openssl)('TLS', () => {
  let good: ReturnType<typeof selfSignedCertificate>;
  let wrongName: ReturnType<typeof selfSignedCertificate>;
  let server: TestServer;
  let misnamed: TestServer;

  beforeAll(async () => {
    good = selfSignedCertificate('IP:127.0.0.1,DNS:localhost');
    wrongName = selfSignedCertificate('DNS:other.example');
    server = await startServer((_req, res) => res.end('secret stuff'), good);
    misnamed = await startServer((_req, res) => res.end('nope'), wrongName);
  });
  afterAll(async () => {
    await closeDispatchers();
    await Promise.all([server?.close(), misnamed?.close()]);
    good?.cleanup();
    wrongName?.cleanup();
  });

  const get = (url: string, tls?: { caFile?: string; insecure?: boolean }) =>
    sendRequest({ method: 'GET', url, headers: {} }, { tls });

  it('refuses a self-signed certificate and suggests --cacert, --insecure last', async () => {
    const error = await failure(get(`${server.origin}/`));
    expect(error.message).toBe(
      `the TLS certificate of 127.0.0.1:${server.port} is not trusted (self-signed certificate)`,
    );
    expect(error.hint).toMatch(/--cacert FILE/);
    expect(error.hint).toMatch(/--insecure .*last resort/);
    expect(error.hint?.indexOf('--cacert')).toBeLessThan(error.hint?.indexOf('--insecure') ?? 0);
  });

  it('trusts the certificate given with caFile, timing the handshake', async () => {
    const response = await get(`${server.origin}/`, { caFile: good.certFile });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('secret stuff');
    expect(response.warnings).toEqual([]);
    expect(response.timing.connectMs).toEqual(expect.any(Number));
    expect(response.timing.tlsMs).toEqual(expect.any(Number));
    const again = await get(`${server.origin}/`, { caFile: good.certFile });
    expect(again.timing.tlsMs).toBeUndefined();
  });

  it('with insecure, connects and warns on every response', async () => {
    for (let i = 0; i < 2; i += 1) {
      const response = await get(`${server.origin}/`, { insecure: true });
      expect(response.status).toBe(200);
      expect(response.warnings).toEqual([INSECURE_WARNING]);
    }
  });

  it('names a host-name mismatch even when the CA is trusted', async () => {
    const error = await failure(get(`${misnamed.origin}/`, { caFile: wrongName.certFile }));
    expect(error.message).toBe(
      `the TLS certificate of 127.0.0.1:${misnamed.port} was issued for other host names`,
    );
  });

  it('reports an unreadable CA file as a usage error', async () => {
    const error = await failure(get(`${server.origin}/`, { caFile: '/nonexistent/ca.pem' }));
    expect(error.message).toBe('cannot read the CA certificate file /nonexistent/ca.pem');
    expect(error.exitCode).toBe(2);
  });
});
