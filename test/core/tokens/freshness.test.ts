import { describe, expect, it } from 'vitest';
import { expiryMarginMs, isFresh } from '../../../src/core/tokens/cache.js';

/** The clock is driven: `now` is passed in, nothing waits. */
const T0 = 1_800_000_000_000;
const token = (lifetimeSeconds: number) => ({
  obtainedAt: T0,
  expiresAt: T0 + lifetimeSeconds * 1000,
});

describe('the freshness margin is min(60 s, a quarter of the lifetime)', () => {
  it('a 60 s token is fresh on arrival and until 15 s before expiry', () => {
    expect(isFresh(token(60), T0)).toBe(true);
    expect(isFresh(token(60), T0 + 44_999)).toBe(true);
    expect(isFresh(token(60), T0 + 45_000)).toBe(false);
  });

  it('a 20 s token is fresh until 5 s before expiry', () => {
    expect(expiryMarginMs(token(20))).toBe(5_000);
    expect(isFresh(token(20), T0 + 14_999)).toBe(true);
    expect(isFresh(token(20), T0 + 15_000)).toBe(false);
  });

  it('a token of an hour (or 12 h) keeps the 60 s margin', () => {
    expect(expiryMarginMs(token(3600))).toBe(60_000);
    expect(expiryMarginMs(token(43_200))).toBe(60_000);
    expect(isFresh(token(3600), T0 + 3_539_999)).toBe(true);
    expect(isFresh(token(3600), T0 + 3_540_000)).toBe(false);
  });

  it('at 240 s both rules meet at 60 s', () => {
    expect(expiryMarginMs(token(240))).toBe(60_000);
    expect(expiryMarginMs(token(200))).toBe(50_000);
  });

  it('edge cases: expires_in 0, an expiry in the past, no expiry', () => {
    expect(isFresh(token(0), T0)).toBe(false);
    expect(isFresh({ obtainedAt: T0, expiresAt: T0 - 5_000 }, T0)).toBe(false);
    expect(isFresh({ obtainedAt: T0, expiresAt: null }, T0 + 10 ** 12)).toBe(true);
    // A clock that went backwards (obtainedAt after expiry) counts as no lifetime: no margin.
    expect(expiryMarginMs({ obtainedAt: T0 + 10_000, expiresAt: T0 })).toBe(0);
  });
});
