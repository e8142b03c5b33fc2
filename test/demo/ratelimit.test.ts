import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTenant } from '../../src/demo/server.js';
import { api, clientToken, http, manualClock, startTestTenant } from '../support/demo-http.js';

let tenant: DemoTenant;
const clock = manualClock();
beforeAll(async () => {
  tenant = await startTestTenant({ now: clock.now, rateLimit: { max: 3, windowMs: 10_000 } });
});
afterAll(() => tenant.close());

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client exceeds its budget, per client', async () => {
    // The token requests count against the caller's address, not against the clients.
    const pat = await clientToken(tenant, 'demo-pat-client');
    const apiToken = await clientToken(tenant, 'demo-api-client');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await api(tenant, '/v3/identities?limit=1', pat)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    clock.advance(4_500);
    const limited = await api(tenant, '/v3/identities?limit=1', pat);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('6');
    expect(limited.json).toEqual({ message: ' Rate Limit Exceeded ' });

    expect((await api(tenant, '/v3/identities?limit=1', apiToken)).status).toBe(200);

    clock.advance(5_500);
    expect((await api(tenant, '/v3/identities?limit=1', pat)).status).toBe(200);
  });

  it('limits callers without a token by address', async () => {
    clock.advance(10_000);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await http(`${tenant.baseUrl}/oauth/info`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('options', () => {
  it('rejects nonsense limits and lifetimes', async () => {
    await expect(startTestTenant({ rateLimit: { max: 0, windowMs: 1000 } })).rejects.toThrow(
      RangeError,
    );
    await expect(startTestTenant({ tokenTtlSeconds: -10 })).rejects.toThrow(RangeError);
    await expect(startTestTenant({ port: 70000 })).rejects.toThrow(RangeError);
  });

  it('honours tokenTtlSeconds', async () => {
    const short = await startTestTenant({ tokenTtlSeconds: 30 });
    try {
      const response = await http(`${short.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=demo-api-client&client_secret=demo-api-secret',
      });
      expect(response.json).toMatchObject({ expires_in: 30 });
    } finally {
      await short.close();
    }
  });
});
