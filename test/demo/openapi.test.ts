import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/demo/policy.js';
import { demoOpenApi, type DemoTenant } from '../../src/demo/server.js';
import { api, clientToken, http, startTestTenant } from '../support/demo-http.js';

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: { in: string; name: string; example?: unknown; required?: boolean }[];
  requestBody?: { content: { 'application/json': { example?: unknown } } };
  security: Record<string, string[]>[];
  'x-sailpoint-userLevels'?: string[];
}
interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { flows: Record<string, { scopes: object }> }> };
}

let tenant: DemoTenant;
let doc: Document;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  tenant = await startTestTenant();
  const response = await http(`${tenant.baseUrl}/demo/openapi.json`);
  expect(response.status).toBe(200);
  doc = response.json as Document;
  for (const [kind, clientId] of Object.entries({
    api: 'demo-api-client',
    app: 'demo-app-client',
    pat: 'demo-pat-client',
    helpdesk: 'demo-helpdesk-client',
    scoped: 'demo-scoped-client',
  })) {
    tokens[kind] = await clientToken(tenant, clientId);
  }
});
afterAll(() => tenant.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );

/** The path with every `{name}` replaced by its parameter's example. */
function concretePath(path: string, operation: Operation): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(String(parameter?.example));
  });
}

/** Required headers as the document declares them, filled from their examples. */
function specHeaders(operation: Operation): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'header' && parameter.required) {
      headers[parameter.name] = String(parameter.example);
    }
  }
  return headers;
}

async function call(
  path: string,
  method: string,
  operation: Operation,
  token: string,
  headers = specHeaders(operation),
) {
  const example = operation.requestBody?.content['application/json'].example;
  return api(tenant, concretePath(path, operation), token, {
    method: method.toUpperCase() as 'GET' | 'POST',
    json: example,
    headers,
  });
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.0 for this tenant, with both SailPoint security schemes', () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.servers[0]?.url).toBe(tenant.baseUrl);
    const { userAuth, applicationAuth } = doc.components.securitySchemes;
    expect(Object.keys(userAuth!.flows).sort()).toEqual(['authorizationCode', 'clientCredentials']);
    expect(Object.keys(applicationAuth!.flows)).toEqual(['clientCredentials']);
    for (const scheme of [userAuth!, applicationAuth!]) {
      for (const flow of Object.values(scheme.flows))
        expect(flow.scopes).toHaveProperty(['sp:scopes:all']);
    }
    expect(demoOpenApi.paths).toEqual(
      expect.objectContaining({ '/v3/identities': expect.any(Object) }),
    );
  });

  it('documents every operation the tenant serves, each complete', () => {
    const listed = operations()
      .map(({ operation }) => operation.operationId)
      .sort();
    expect(listed).toEqual(OPERATIONS.map((o) => o.operationId).sort());
    for (const { operation } of operations()) {
      expect(operation.summary, operation.operationId).toBeTruthy();
      expect(operation.tags.length, operation.operationId).toBeGreaterThan(0);
      expect(operation.security.length).toBeGreaterThan(0);
      // Absent means any user, as in SailPoint's documents; present, it lists someone.
      expect(operation['x-sailpoint-userLevels']?.length ?? 1).toBeGreaterThan(0);
      if (operation.requestBody) {
        expect(operation.requestBody.content['application/json'].example).toBeDefined();
      }
    }
  });

  it('every request body example is accepted as is', async () => {
    const withBodies = operations().filter(({ operation }) => operation.requestBody);
    expect(withBodies.length).toBeGreaterThanOrEqual(2);
    for (const { path, method, operation } of withBodies) {
      const response = await call(path, method, operation, tokens.pat!);
      expect(response.status, `${operation.operationId}: ${response.text}`).toBeGreaterThanOrEqual(
        200,
      );
      expect(response.status, `${operation.operationId}: ${response.text}`).toBeLessThan(300);
    }
  });
});

/**
 * Written by hand, not derived from the policy table, so that the server and the document are
 * both checked against an independent statement of the rules.
 */
const KINDS = ['api', 'app', 'pat', 'helpdesk', 'scoped'] as const;
type Kind = (typeof KINDS)[number];

/**
 * `scoped` is Ada's admin PAT limited to idn:identity:read, sp:workflow:read and
 * idn:password-policy:read: her level would allow everything, the scopes decide.
 */
const EXPECTED: Record<string, Record<Kind, boolean>> = {
  listIdentities: { api: true, app: true, pat: true, helpdesk: true, scoped: true },
  getIdentity: { api: true, app: true, pat: true, helpdesk: true, scoped: true },
  createAccessRequest: { api: false, app: false, pat: true, helpdesk: true, scoped: false },
  listIdentityProfiles: { api: true, app: true, pat: true, helpdesk: false, scoped: false },
  searchPost: { api: true, app: true, pat: true, helpdesk: true, scoped: false },
  listWorkflows: { api: false, app: false, pat: true, helpdesk: false, scoped: true },
  getLargeDemoPayload: { api: true, app: true, pat: true, helpdesk: true, scoped: false },
  listPasswordPolicies: { api: true, app: true, pat: true, helpdesk: true, scoped: true },
};

describe('access rules', () => {
  it('the document declares the expected security and user levels', () => {
    for (const { operation } of operations()) {
      const expected = EXPECTED[operation.operationId]!;
      const schemes = operation.security.flatMap((requirement) => Object.keys(requirement));
      expect(schemes.includes('applicationAuth'), operation.operationId).toBe(expected.api);
      expect(schemes).toContain('userAuth');
      const levels = operation['x-sailpoint-userLevels'];
      // No levels listed: any user may call it.
      expect(levels?.includes('HELPDESK') ?? true, operation.operationId).toBe(expected.helpdesk);
      if (levels) expect(levels).toContain('ORG_ADMIN');
    }
  });

  it("each operation's scopes are declared, and the scoped PAT holds only three", async () => {
    const declared = Object.keys(
      doc.components.securitySchemes.userAuth!.flows.clientCredentials!.scopes,
    );
    for (const { operation } of operations()) {
      for (const requirement of operation.security) {
        for (const scope of Object.values(requirement).flat()) {
          expect(declared, operation.operationId).toContain(scope);
        }
      }
    }
    const payload = JSON.parse(
      Buffer.from(tokens.scoped!.split('.')[1]!, 'base64url').toString('utf8'),
    ) as { scope: string[] };
    expect(payload.scope).toEqual([
      'idn:identity:read',
      'sp:workflow:read',
      'idn:password-policy:read',
    ]);
    const beyond = await http(`${tenant.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-scoped-client&client_secret=demo-scoped-secret&scope=sp:scopes:all',
    });
    expect(beyond.status).toBe(400);
    expect(beyond.json).toMatchObject({ error: 'invalid_scope' });
  });

  it("an experimental operation without X-SailPoint-Experimental is a 400 in SailPoint's shape", async () => {
    const experimental = operations().filter(({ operation }) =>
      operation.parameters?.some((p) => p.in === 'header' && p.name === 'X-SailPoint-Experimental'),
    );
    expect(experimental.map(({ operation }) => operation.operationId)).toEqual([
      'listPasswordPolicies',
    ]);
    for (const { path, method, operation } of experimental) {
      const without = await call(path, method, operation, tokens.pat!, {});
      expect(without.status).toBe(400);
      expect(without.json).toMatchObject({
        detailCode: '400.0 Bad request syntax',
        messages: [{ locale: 'en-US', text: expect.stringContaining('X-SailPoint-Experimental') }],
      });
      const withIt = await call(path, method, operation, tokens.pat!);
      expect(withIt.status, withIt.text).toBe(200);
    }
  });

  it('the server enforces them for every kind of token', async () => {
    for (const { path, method, operation } of operations()) {
      const expected = EXPECTED[operation.operationId]!;
      for (const kind of KINDS) {
        const response = await call(path, method, operation, tokens[kind]!);
        const label = `${operation.operationId} with ${kind}: ${response.status}`;
        if (expected[kind]) expect(response.status < 300, label).toBe(true);
        else expect(response.status, label).toBe(403);
      }
    }
  });
});
