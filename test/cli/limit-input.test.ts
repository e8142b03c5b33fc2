import { describe, expect, it } from 'vitest';
import { parseDuration, parseSize } from '../../src/cli/commands/limit-input.js';
import { UsageError } from '../../src/core/errors.js';
import { MAX_TIMER_MS } from '../../src/core/http/index.js';

describe('parseDuration', () => {
  it.each([
    ['30', 30_000],
    ['1.5', 1500],
    ['.5', 500],
    ['500ms', 500],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['2H', 7_200_000],
    ['0', 0],
    ['none', 0],
    ['2147483s', 2_147_483_000],
    [`${MAX_TIMER_MS}ms`, MAX_TIMER_MS],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration('--timeout', text)).toBe(ms);
  });

  it('leaves an absent flag undefined', () => {
    expect(parseDuration('--timeout', undefined)).toBeUndefined();
  });

  it.each([
    'soon',
    '',
    '-1',
    '+5',
    '1e3',
    '0x10',
    '5 m',
    '10sec',
    '1d',
    'Infinity',
    'NaN',
    '1.2.3',
    's',
    '5ms5',
  ])('refuses "%s" as not a duration', (text) => {
    expect(() => parseDuration('--timeout', text)).toThrow(
      `--timeout: "${text}" is not a duration`,
    );
  });

  it.each(['99999999999', '2147484s', '2592000', '600h', `${MAX_TIMER_MS + 1}ms`])(
    'refuses "%s": longer than a Node timer holds, instead of wrapping to 1 ms',
    (text) => {
      expect(() => parseDuration('--max-time', text)).toThrow(/is longer than keyhole can wait/);
    },
  );

  it.each(['0.0000001', '0.4ms'])('refuses "%s": under a millisecond is not "no limit"', (text) => {
    expect(() => parseDuration('--timeout', text)).toThrow(/shorter than a millisecond/);
  });

  it('every refusal is a usage error (exit 2)', () => {
    for (const text of ['soon', '99999999999', '0.0000001']) {
      try {
        parseDuration('--timeout', text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as UsageError).exitCode).toBe(2);
      }
    }
  });
});

describe('parseSize', () => {
  it.each([
    ['1048576', 1_048_576],
    ['1500B', 1500],
    ['500kB', 500_000],
    ['500KB', 500_000],
    ['64MiB', 64 * 1024 ** 2],
    ['64mib', 64 * 1024 ** 2],
    ['1GB', 1e9],
    ['1GiB', 1024 ** 3],
    ['1.5KiB', 1536],
    ['2TB', 2e12],
  ])('reads %s as %i bytes', (text, bytes) => {
    expect(parseSize('--max-body', text)).toBe(bytes);
  });

  it.each(['none', 'unlimited', '0', 'NONE'])('"%s" lifts the cap', (text) => {
    expect(parseSize('--max-body', text)).toBe(Infinity);
  });

  it.each([
    '64M',
    '1G',
    '1e9',
    '-5',
    'abc',
    '64MiBs',
    '0x10',
    '',
    '1.5.2GB',
    'MiB',
    '64 MiB x',
    '1PB',
  ])('refuses "%s" as not a size', (text) => {
    expect(() => parseSize('--max-body', text)).toThrow(`--max-body: "${text}" is not a size`);
  });

  it('refuses sizes under a byte and sizes past 2^53', () => {
    expect(() => parseSize('--max-body', '0.1')).toThrow(/less than one byte/);
    expect(() => parseSize('--max-body', '99999999999TiB')).toThrow(/too large/);
  });
});
