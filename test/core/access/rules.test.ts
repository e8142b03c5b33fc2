import { describe, expect, it } from 'vitest';
import {
  predictAccess,
  SCOPE_RULES,
  silentSpecReason,
  specSecurityOf,
  type PredictOptions,
} from '../../../src/core/access/index.js';
import { buildSpecIndex } from '../../../src/core/catalog/extract.js';
import type { OpenApiDocument } from '../../../src/core/catalog/parse.js';
import type { SpecIndex } from '../../../src/core/catalog/types.js';
import type { Preset } from '../../../src/core/profiles/schema.js';
import { identity } from '../../support/identities.js';

/** One GET per entry of `security`, at `/<name>`, under the given declared schemes. */
function specWith(
  schemes: Record<string, unknown>,
  security: Record<string, unknown[]>,
  title = 'Test API',
): SpecIndex {
  const paths = Object.fromEntries(
    Object.entries(security).map(([name, requirements]) => [
      `/${name}`,
      { get: { operationId: name, security: requirements, responses: {} } },
    ]),
  );
  const document = {
    openapi: '3.0.3',
    info: { title, version: '1' },
    paths,
    components: { securitySchemes: schemes },
  } as unknown as OpenApiDocument;
  return buildSpecIndex(document, 'hash');
}

/** A person's OIDC token with these scopes: not SailPoint's, so its preset decides the rule. */
const person = (scopes: string[]) =>
  identity({ provider: 'oidc', subjectKind: 'user', userContext: true, scopes });

function predictor(spec: SpecIndex, preset: Preset = 'generic') {
  const options: PredictOptions = { preset, specs: specSecurityOf([spec]) };
  return (operationId: string, token: ReturnType<typeof person>) => {
    const op = spec.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`no ${operationId}`);
    return predictAccess(op, token, options);
  };
}

const SCHEMES = {
  basicAuth: { type: 'http', scheme: 'basic' },
  bearerAuth: { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT' },
  oauth: { type: 'oauth2', flows: {} },
  oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://x/.well-known/openid-configuration' },
  headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'session' },
  authorizationKey: { type: 'apiKey', in: 'header', name: 'Authorization' },
  certificate: { type: 'mutualTLS' },
  referenced: { $ref: '#/components/securitySchemes/bearerAuth' },
};

describe('schemes a bearer token cannot satisfy', () => {
  const spec = specWith(SCHEMES, {
    basicOrOauth: [{ basicAuth: [] }, { oauth: ['read'] }],
    basicOnly: [{ basicAuth: [] }],
    headerKey: [{ headerKey: [] }],
    queryKey: [{ queryKey: [] }],
    cookieKey: [{ cookieKey: [] }],
    certificate: [{ certificate: [] }],
    bearer: [{ bearerAuth: [] }],
    oidc: [{ oidc: [] }],
    authorizationKey: [{ authorizationKey: [] }],
    referenced: [{ referenced: [] }],
    undeclared: [{ somethingElse: [] }],
    basicOrOptional: [{ basicAuth: [] }, {}],
  });
  const predict = predictor(spec);

  it('the index records each scheme type, where its credential goes, and $refs resolved', () => {
    expect(spec.securitySchemes).toMatchObject({
      basicAuth: { type: 'http', scheme: 'basic' },
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      certificate: { type: 'mutualTLS' },
      referenced: { type: 'http', scheme: 'bearer' },
    });
    expect(spec.warnings).toEqual([
      'security scheme somethingElse is used by 1 operation but not declared in ' +
        'components.securitySchemes',
    ]);
  });

  it('HTTP basic beside OAuth2 does not make the operation allowed: the scopes decide', () => {
    expect(predict('basicOrOauth', person([]))).toEqual({
      verdict: 'unknown',
      reasons: ['needs the scope read; the token lists no scopes'],
    });
    expect(predict('basicOrOauth', person(['read'])).verdict).toBe('allowed');
    // The scope is named before the credential keyhole does not send.
    expect(predict('basicOrOauth', person(['write']))).toEqual({
      verdict: 'denied',
      reasons: [
        'missing scope: needs read (token has write)',
        'basicAuth needs HTTP basic credentials, not a bearer token',
      ],
    });
  });

  it('HTTP basic, an API key in a header, query or cookie, and mutual TLS alone are denied', () => {
    const token = person(['read']);
    expect(predict('basicOnly', token)).toEqual({
      verdict: 'denied',
      reasons: ['basicAuth needs HTTP basic credentials, not a bearer token'],
    });
    expect(predict('headerKey', token).reasons).toEqual([
      'headerKey needs an API key in the header X-Api-Key, not a bearer token',
    ]);
    expect(predict('queryKey', token).reasons).toEqual([
      'queryKey needs an API key in the query api_key, not a bearer token',
    ]);
    expect(predict('cookieKey', token).reasons).toEqual([
      'cookieKey needs an API key in the cookie session, not a bearer token',
    ]);
    expect(predict('certificate', token).reasons).toEqual([
      'certificate needs a client certificate (mutual TLS), not a bearer token',
    ]);
    for (const id of ['basicOnly', 'headerKey', 'queryKey', 'cookieKey', 'certificate']) {
      expect(predict(id, token).verdict, id).toBe('denied');
    }
  });

  it('HTTP bearer (any case, also through a $ref), OAuth2 and OpenID Connect take the token', () => {
    const token = person([]);
    expect(predict('bearer', token)).toEqual({
      verdict: 'allowed',
      reasons: [
        'bearerAuth needs no particular scope',
        'bearerAuth: HTTP bearer, takes a bearer token',
        'no user levels listed',
      ],
    });
    expect(predict('referenced', token).verdict).toBe('allowed');
    expect(predict('oidc', token).reasons).toContain('oidc: OpenID Connect, takes a bearer token');
    expect(predict('oidc', token).verdict).toBe('allowed');
  });

  it('an API key in Authorization may be the token: unknown; an undeclared scheme as before', () => {
    expect(predict('authorizationKey', person([])).verdict).toBe('unknown');
    expect(predict('undeclared', person([])).verdict).toBe('allowed');
    // `{}` beside basic: calling without credentials is allowed.
    expect(predict('basicOrOptional', person([])).reasons).toEqual([
      'public: authentication is optional',
      'no user levels listed',
    ]);
  });
});

describe("a requirement's scope list", () => {
  const spec = specWith(
    { oauth: { type: 'oauth2', flows: {} } },
    {
      several: [{ oauth: ['channels:write', 'groups:write'] }],
      single: [{ oauth: ['channels:write'] }],
      none: [{ oauth: ['none'] }],
      noneBeside: [{ oauth: ['none', 'chat:write'] }],
    },
  );

  it('means all of the listed scopes (OpenAPI) outside SailPoint, and the reason says so', () => {
    const predict = predictor(spec, 'generic');
    expect(predict('several', person(['channels:write']))).toEqual({
      verdict: 'denied',
      reasons: [
        'missing scope groups:write: needs channels:write, groups:write ' +
          `(token has channels:write) — ${SCOPE_RULES.all}`,
      ],
    });
    expect(predict('several', person(['groups:write', 'channels:write'])).reasons).toContain(
      'has channels:write, groups:write — all of the listed scopes (OpenAPI)',
    );
    expect(predict('several', person([])).reasons).toEqual([
      'needs channels:write, groups:write — all of the listed scopes (OpenAPI); ' +
        'the token lists no scopes',
    ]);
    expect(predictor(spec, 'oidc')('several', person(['channels:write'])).verdict).toBe('denied');
  });

  it('means any one listed scope under the SailPoint preset, and the reason says so', () => {
    const predict = predictor(spec, 'sailpoint');
    expect(predict('several', person(['groups:write'])).reasons).toContain(
      `has scope groups:write — ${SCOPE_RULES.any}`,
    );
    expect(predict('several', person(['chat:write']))).toEqual({
      verdict: 'denied',
      reasons: [
        'missing scope: needs one of channels:write, groups:write (token has chat:write) — ' +
          'any one listed scope (SailPoint)',
      ],
    });
    // One listed scope: both rules agree, and the reason keeps SailPoint's old wording.
    expect(predict('single', person(['chat:write'])).reasons).toEqual([
      'missing scope: needs one of channels:write (token has chat:write)',
    ]);
  });

  it("is read by SailPoint's rule for a token SailPoint issued, whatever the preset", () => {
    const sailpointToken = identity({
      subjectKind: 'user',
      userContext: true,
      scopes: ['groups:write'],
    });
    expect(sailpointToken.provider).toBe('sailpoint');
    expect(predictor(spec, 'generic')('several', sailpointToken).verdict).toBe('allowed');
    // sp:scopes:all is SailPoint's word: from another issuer it is one scope like any other.
    const all = predictor(spec, 'generic')('several', person(['sp:scopes:all']));
    expect(all.verdict).toBe('denied');
    expect(predictor(spec, 'sailpoint')('several', person(['sp:scopes:all'])).verdict).toBe(
      'allowed',
    );
  });

  it('treats a scope named none (Slack) as no scope needed, under every preset', () => {
    for (const preset of ['generic', 'oidc', 'sailpoint'] as const) {
      const predict = predictor(spec, preset);
      expect(predict('none', person(['chat:write'])), preset).toEqual({
        verdict: 'allowed',
        reasons: [
          'oauth lists the scope "none": no scope needed',
          'oauth: OAuth2, takes a bearer token',
          'no user levels listed',
        ],
      });
      expect(predict('none', person([])).verdict, preset).toBe('allowed');
    }
    const predict = predictor(spec, 'generic');
    expect(predict('noneBeside', person(['chat:write'])).verdict).toBe('allowed');
    expect(predict('noneBeside', person(['x'])).verdict).toBe('denied');
  });
});

describe('a spec that declares no security at all', () => {
  const silent = buildSpecIndex(
    {
      openapi: '3.0.3',
      info: { title: 'Silent API', version: '1' },
      paths: { '/a': { get: { responses: {} } }, '/b': { post: { responses: {} } } },
    } as unknown as OpenApiDocument,
    'silent',
  );
  const partly = specWith({ oauth: { type: 'oauth2', flows: {} } }, { a: [{ oauth: [] }] });

  it('is marked silent; one whose schemes are declared is not, nor are its bare operations', () => {
    const lookup = specSecurityOf([silent, partly]);
    expect(lookup.get('GET /a')?.silent).toBe(true);
    expect(lookup.get('POST /b')?.silent).toBe(true);
    // The first spec listing an id owns it, as in the merged catalog.
    expect(lookup.get('GET /a')?.title).toBe('Silent API');
    const noSchemes = buildSpecIndex(
      {
        openapi: '3.0.3',
        info: { title: 'T', version: '1' },
        paths: { '/p': { get: { responses: {} } }, '/q': { get: { security: [], responses: {} } } },
      } as unknown as OpenApiDocument,
      'h',
    );
    expect(specSecurityOf([noSchemes]).get('GET /p')?.silent).toBe(false);
  });

  it('gives every operation one reason that says so and what the token claims', () => {
    const options: PredictOptions = { preset: 'generic', specs: specSecurityOf([silent]) };
    const op = silent.operations[0]!;
    const entra = identity({ provider: 'entra', scopes: ['User.Read', 'Mail.Read'] });
    expect(predictAccess(op, entra, options)).toEqual({
      verdict: 'unknown',
      reasons: [
        "Silent API declares no security at all, so nothing is predicted; the token's claims " +
          'list scopes User.Read, Mail.Read, which the spec never names',
      ],
    });
    expect(
      silentSpecReason(silent, identity({ provider: 'entra', roles: ['Sites.Read.All'] })),
    ).toContain("the token's claims list roles Sites.Read.All");
    expect(silentSpecReason(silent, identity({ provider: 'oidc' }))).toContain(
      "the token's claims list no scopes or roles either",
    );
    expect(
      silentSpecReason(silent, identity({ claimsSource: 'none', format: 'opaque' })),
    ).toContain('the token is opaque, its claims say nothing either');
    const many = identity({ scopes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
    expect(silentSpecReason(silent, many)).toContain('scopes a, b, c, d, e, f and 2 more');
    // Without the spec's security, the old per-operation reason.
    expect(predictAccess(op, entra, { preset: 'generic' }).reasons).toEqual([
      'the spec says nothing about security here',
    ]);
  });
});
