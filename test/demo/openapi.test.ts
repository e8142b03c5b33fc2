import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/demo/policy.js';
import { demoOpenApi, type DemoTenant } from '../../src/demo/server.js';
import { api, clientToken, http, startTestTenant } from '../support/demo-http.js';

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: { in: string; name: string; example?: unknown }[];
  requestBody?: { content: { 'application/json': { example?: unknown } } };
  security: Record<string, string[]>[];
  'x-sailpoint-userLevels': string[];
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

async function call(path: string, method: string, operation: Operation, token: string) {
  const example = operation.requestBody?.content['application/json'].example;
  return api(tenant, concretePath(path, operation), token, {
    method: method.toUpperCase() as 'GET' | 'POST',
    json: example,
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
      expect(operation['x-sailpoint-userLevels'].length).toBeGreaterThan(0);
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
const EXPECTED: Record<string, { api: boolean; app: boolean; pat: boolean; helpdesk: boolean }> = {
  listIdentities: { api: true, app: true, pat: true, helpdesk: true },
  getIdentity: { api: true, app: true, pat: true, helpdesk: true },
  createAccessRequest: { api: false, app: false, pat: true, helpdesk: true },
  listIdentityProfiles: { api: true, app: true, pat: true, helpdesk: false },
  searchPost: { api: true, app: true, pat: true, helpdesk: true },
  listWorkflows: { api: false, app: false, pat: true, helpdesk: false },
  getLargeDemoPayload: { api: true, app: true, pat: true, helpdesk: true },
};

describe('access rules', () => {
  it('the document declares the expected security and user levels', () => {
    for (const { operation } of operations()) {
      const expected = EXPECTED[operation.operationId]!;
      const schemes = operation.security.flatMap((requirement) => Object.keys(requirement));
      expect(schemes.includes('applicationAuth'), operation.operationId).toBe(expected.api);
      expect(schemes).toContain('userAuth');
      expect(operation['x-sailpoint-userLevels'].includes('HELPDESK'), operation.operationId).toBe(
        expected.helpdesk,
      );
      expect(operation['x-sailpoint-userLevels']).toContain('ORG_ADMIN');
    }
  });

  it('the server enforces them for every kind of token', async () => {
    for (const { path, method, operation } of operations()) {
      const expected = EXPECTED[operation.operationId]!;
      for (const kind of ['api', 'app', 'pat', 'helpdesk'] as const) {
        const response = await call(path, method, operation, tokens[kind]!);
        const label = `${operation.operationId} with ${kind}: ${response.status}`;
        if (expected[kind]) expect(response.status < 300, label).toBe(true);
        else expect(response.status, label).toBe(403);
      }
    }
  });
});
