import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTokenSet } from '../../../src/core/auth/token-set.js';
import { buildSpecIndex } from '../../../src/core/catalog/extract.js';
import { measureExpansion } from '../../../src/core/catalog/yaml-expansion.js';
import { describeToken, formatIdentity } from '../../../src/core/identity/index.js';
import { MAX_NESTING, limitNesting } from '../../../src/core/nesting.js';

/** `npm run test:fuzz` sets 10,000; `npm test` runs a few hundred so the suite stays quick. */
const RUNS = Number(process.env.KEYHOLE_FUZZ_RUNS ?? 200);
const options = { numRuns: RUNS };
/** 10,000 runs take minutes on a busy 2-core machine; the default 30 s is for a few hundred. */
const TIMEOUT = { timeout: Math.max(30_000, RUNS * 30) };

const deepValue = fc
  .integer({ min: 0, max: 3000 })
  .map((levels) => JSON.parse(`${'['.repeat(levels)}1${']'.repeat(levels)}`) as unknown);
const weird = fc.oneof(
  fc.jsonValue(),
  deepValue,
  fc.constantFrom(1e300, -1e300, Number.MAX_VALUE, 8.64e12, 8.64e12 + 1, -0, 0, 2 ** 53),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const claimsArb = fc.dictionary(
  fc.constantFrom(
    'exp',
    'iat',
    'nbf',
    'scope',
    'scp',
    'authorities',
    'roles',
    'aud',
    'iss',
    'sub',
    'client_id',
    'user_name',
    'tenant_id',
    'tid',
    '__proto__',
    'x',
  ),
  weird,
);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let e = stack.pop(); e; e = stack.pop()) {
    const [node, depth] = e;
    if (typeof node !== 'object' || node === null) continue;
    max = Math.max(max, depth + 1);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

describe('fuzz: describing JWT-shaped strings', () => {
  it('never throws, bounds nesting, and the identity prints and serialises', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('alg', 'typ', 'kid', 'x'), weird),
        claimsArb,
        async (header, claims) => {
          const token = `${b64(header)}.${b64(claims)}.sig`;
          const identity = await describeToken(token, { now: new Date(1_800_000_000_000) });
          expect(depthOf(identity.claims)).toBeLessThanOrEqual(MAX_NESTING);
          expect(depthOf(identity.header)).toBeLessThanOrEqual(MAX_NESTING);
          JSON.stringify(identity);
          formatIdentity(identity);
          if (identity.expiresAt !== null)
            expect(Number.isNaN(Date.parse(identity.expiresAt))).toBe(false);
        },
      ),
      options,
    );
  });

  it('any string at all is described (as opaque at worst) without throwing', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        formatIdentity(await describeToken(text));
      }),
      options,
    );
  });
});

describe('fuzz: token responses', () => {
  it(
    'any response object maps to a token set whose expiry a Date can hold and that serialises',
    TIMEOUT,
    () => {
      fc.assert(
        fc.property(
          fc.record({
            access_token: fc.string({ minLength: 1 }),
            token_type: fc.string(),
            expires_in: fc.option(weird),
          }),
          fc.dictionary(fc.string(), weird),
          (base, extra) => {
            const set = toTokenSet({ ...extra, ...base } as never, undefined, 1_800_000_000_000);
            if (set.expiresAt !== null) new Date(set.expiresAt).toISOString();
            expect(depthOf(set.raw)).toBeLessThanOrEqual(MAX_NESTING);
            JSON.parse(JSON.stringify(set));
          },
        ),
        options,
      );
    },
  );

  it('limitNesting keeps shallow values as they are', TIMEOUT, () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        expect(limitNesting(value).value).toBe(value);
      }),
      options,
    );
  });
});

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
describe('fuzz: OpenAPI-ish documents', () => {
  it('the index never throws and lists one operation per method object', TIMEOUT, () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().map((s) => `/${s}`),
          fc.oneof(
            weird,
            fc.dictionary(
              fc.constantFrom(...METHODS, 'parameters', 'servers', 'x'),
              fc.oneof(
                weird,
                fc.record({
                  security: weird,
                  parameters: weird,
                  requestBody: weird,
                  tags: weird,
                  summary: weird,
                }),
              ),
            ),
          ),
        ),
        fc.option(weird),
        (paths, security) => {
          const document = {
            openapi: '3.0.0',
            info: { title: 't', version: '1' },
            paths,
            security,
          } as never;
          const index = buildSpecIndex(document, 'hash');
          let expected = 0;
          for (const item of Object.values(paths)) {
            if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
            for (const method of METHODS) {
              const op = (item as Record<string, unknown>)[method];
              if (typeof op === 'object' && op !== null && !Array.isArray(op)) expected++;
            }
          }
          expect(index.operations).toHaveLength(expected);
          JSON.stringify(index);
        },
      ),
      options,
    );
  });

  it('measuring alias expansion on any JSON tree counts its values', TIMEOUT, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = measureExpansion(value, Number.MAX_SAFE_INTEGER);
        expect(result.kind).toBe('ok');
      }),
      options,
    );
  });
});
