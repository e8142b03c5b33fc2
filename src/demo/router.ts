import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_HANDLERS } from './api/handlers.js';
import { authenticate, rateLimitKey } from './auth.js';
import type { TenantContext } from './context.js';
import {
  HttpError,
  experimentalHeaderMissing,
  forbidden,
  internalFault,
  methodNotAllowed,
  notFound,
  tooManyRequests,
} from './errors.js';
import { sendError, sendJson } from './http.js';
import { handleAuthorize, handleLogin } from './oauth/authorize.js';
import { handleToken } from './oauth/token-endpoint.js';
import { buildDemoOpenApi } from './openapi/document.js';
import { OPERATIONS, isAllowed, type DemoOperation } from './policy.js';
import { TENANT } from './tenant.js';

type Handler = (
  context: TenantContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> | void;

/** Routes that need no bearer token: the OAuth endpoints and the demo's own documents. */
const PUBLIC_ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/oauth/token': { POST: handleToken },
  '/oauth/authorize': { GET: (context, _req, res, url) => handleAuthorize(context, res, url) },
  '/oauth/authorize/login': { POST: (context, req, res) => handleLogin(context, req, res) },
  '/oauth/info': {
    GET: ({ baseUrl }, _req, res) =>
      sendJson(res, 200, {
        tenant: TENANT.name,
        org: TENANT.org,
        pod: TENANT.pod,
        tenantId: TENANT.tenantId,
        authorizeUrl: `${baseUrl}/oauth/authorize`,
        tokenUrl: `${baseUrl}/oauth/token`,
        jwksUrl: `${baseUrl}/demo/jwks.json`,
        openapiUrl: `${baseUrl}/demo/openapi.json`,
      }),
  },
  '/demo/jwks.json': { GET: ({ keys }, _req, res) => sendJson(res, 200, keys.jwks) },
  '/demo/openapi.json': {
    GET: ({ baseUrl }, _req, res) => sendJson(res, 200, buildDemoOpenApi(baseUrl)),
  },
};

interface Route {
  readonly policy: DemoOperation;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** `/v3/identities/{id}` becomes a pattern with one capture per `{name}`. */
function compile(policy: DemoOperation): Route {
  const names: string[] = [];
  const source = policy.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(part.slice(1, -1));
      return '([^/]+)';
    })
    .join('');
  return { policy, pattern: new RegExp(`^${source}$`), names };
}

const API_ROUTES = OPERATIONS.map(compile);

async function callApi(
  context: TenantContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const matches = API_ROUTES.map((route) => ({
    route,
    match: route.pattern.exec(url.pathname),
  })).filter((candidate) => candidate.match !== null);
  if (matches.length === 0) throw notFound();
  const found = matches.find(({ route }) => route.policy.method === req.method);
  if (!found?.match) throw methodNotAllowed(matches.map(({ route }) => route.policy.method));
  const params: Record<string, string> = {};
  found.route.names.forEach((name, index) => {
    try {
      params[name] = decodeURIComponent(found.match?.[index + 1] ?? '');
    } catch {
      throw notFound();
    }
  });
  const principal = await authenticate(context, req);
  const { policy } = found.route;
  if (!isAllowed(policy, principal)) throw forbidden();
  // As the real tenant: an experimental operation is refused unless the caller opts in.
  if ('experimental' in policy && policy.experimental) {
    const header = req.headers['x-sailpoint-experimental'];
    if (typeof header !== 'string' || header.trim().toLowerCase() !== 'true') {
      throw experimentalHeaderMissing();
    }
  }
  await API_HANDLERS[policy.operationId](context, { req, url, params, principal }, res);
}

async function dispatch(context: TenantContext, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', context.baseUrl);
  const decision = context.rateLimiter.hit(rateLimitKey(req));
  if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
  const methods = PUBLIC_ROUTES[url.pathname];
  if (!methods) return callApi(context, req, res, url);
  const method = req.method ?? 'GET';
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!handler) throw methodNotAllowed(Object.keys(methods));
  await handler(context, req, res, url);
}

/** The tenant's request listener: every failure becomes a response, never a crash. */
export function createRequestListener(context: TenantContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    dispatch(context, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendError(res, error);
      process.stderr.write(
        `keyhole demo tenant: ${error instanceof Error ? error.stack : error}\n`,
      );
      sendError(res, internalFault());
    });
  };
}
