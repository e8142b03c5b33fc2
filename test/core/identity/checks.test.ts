import { beforeAll, describe, expect, it } from 'vitest';
import { describeToken } from '../../../src/core/identity/index.js';
import { NOW, createSigner, now, otherWarnings, sailpointPat } from './fixtures.js';
import type { Signer } from './fixtures.js';

let signer: Signer;
const sign = (claims: Parameters<Signer['sign']>[0]) => signer.sign(claims);
beforeAll(async () => {
  signer = await createSigner();
});

describe('describeToken: timing', () => {
  it('warns about an expired token and says how long ago', async () => {
    const identity = await describeToken(await sign({ ...sailpointPat, exp: now - 200 }), {
      now: NOW,
    });
    expect(identity.expiresInSeconds).toBe(-200);
    expect(otherWarnings(identity)).toEqual(['expired 3m 20s ago']);
  });

  it('warns about nbf and iat in the future beyond the clock skew only', async () => {
    const within = await describeToken(await sign({ ...sailpointPat, nbf: now + 30 }), {
      now: NOW,
    });
    expect(otherWarnings(within)).toEqual([]);

    const beyond = await describeToken(
      await sign({ ...sailpointPat, nbf: now + 600, iat: now + 600 }),
      { now: NOW },
    );
    expect(otherWarnings(beyond)).toEqual([
      'not valid yet: usable in 10m (nbf)',
      "issued 10m in the future (iat); check this machine's clock",
    ]);

    const tight = await describeToken(await sign({ ...sailpointPat, nbf: now + 30 }), {
      now: NOW,
      clockSkewSeconds: 0,
    });
    expect(otherWarnings(tight)).toEqual(['not valid yet: usable in 30s (nbf)']);
  });
});

describe('describeToken: opaque tokens', () => {
  it.each(['2YotnFZFEjr1zCsicMWpAA', 'abc.def', 'a.b.c.d.e', ''])(
    'reports %j as opaque without throwing',
    async (token) => {
      const identity = await describeToken(token, { profile: 'p', kind: 'pat' });
      expect(identity).toMatchObject({
        profile: 'p',
        format: 'opaque',
        provider: 'unknown',
        subjectKind: null,
        userContext: null,
        scopes: [],
        issuer: null,
        expiresAt: null,
        expiresInSeconds: null,
        signature: 'unverified',
        claims: {},
        header: {},
      });
      expect(identity.warnings).toEqual(['opaque token: keyhole cannot read its claims']);
    },
  );

  it('accepts a token pasted with its "Bearer " prefix', async () => {
    const identity = await describeToken(`Bearer ${await sign(sailpointPat)}`, { now: NOW });
    expect(identity.format).toBe('jwt');
    expect(identity.userName).toBe('jane.doe');
  });
});

describe('describeToken: signature', () => {
  it('is verified against a JWKS that holds the signing key', async () => {
    const identity = await describeToken(await sign(sailpointPat), { jwks: signer.jwks, now: NOW });
    expect(identity.signature).toBe('verified');
    expect(identity.warnings).toEqual([]);
  });

  it('stays verified for an expired token: the expiry is a warning, not a bad signature', async () => {
    const identity = await describeToken(await sign({ ...sailpointPat, exp: now - 10 }), {
      jwks: signer.jwks,
      now: NOW,
    });
    expect(identity.signature).toBe('verified');
  });

  it('is invalid against a JWKS with a different key under the same kid', async () => {
    const identity = await describeToken(await sign(sailpointPat), {
      jwks: signer.otherJwks,
      now: NOW,
    });
    expect(identity.signature).toBe('invalid');
    expect(identity.warnings).toEqual([expect.stringContaining('signature INVALID')]);
  });

  it('is invalid when the payload was altered after signing', async () => {
    const [header, , signature] = (await sign(sailpointPat)).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...sailpointPat, authorities: ['ORG_ADMIN', 'X'] }),
    ).toString('base64url');
    const identity = await describeToken(`${header}.${forged}.${signature}`, {
      jwks: signer.jwks,
      now: NOW,
    });
    expect(identity.signature).toBe('invalid');
    expect(identity.authorities).toEqual(['ORG_ADMIN', 'X']);
  });

  it('refuses to fetch keys over plain http from a remote host', async () => {
    const identity = await describeToken(await sign(sailpointPat), {
      jwks: { url: 'http://keys.example.com/jwks' },
      now: NOW,
    });
    expect(identity.signature).toBe('unverified');
    expect(identity.warnings).toEqual([expect.stringContaining('is not https')]);
  });

  it('flags an unsigned (alg none) token', async () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify(sailpointPat)).toString('base64url');
    const identity = await describeToken(`${header}.${payload}.`, { jwks: signer.jwks, now: NOW });
    expect(identity.signature).toBe('invalid');
    expect(identity.warnings[0]).toContain('unsigned');
  });
});
