import {
  collectParameters,
  isNode,
  localResolver,
  requestBodyExample,
  type LocalResolver,
} from './examples.js';
import type { OpenApiDocument } from './parse.js';
import {
  MISSPELT_USER_LEVELS_KEY,
  normalizeSecurity,
  readSecuritySchemes,
  readUserLevels,
} from './security.js';
import { joinPath, readServers, serverPath, serverPathTemplate } from './server-url.js';
import type {
  CatalogOperation,
  CatalogServer,
  HttpMethod,
  SecurityRequirement,
  SpecIndex,
} from './types.js';
import { noun, plural } from '../text/plural.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DESCRIPTION_LIMIT = 300;
/** The header SailPoint's experimental operations require (lower case). */
const EXPERIMENTAL_HEADER = 'x-sailpoint-experimental';

/**
 * Flattens an OpenAPI document into the index keyhole lists, searches and caches; `$ref`s are
 * followed where the index reads them (see `localResolver`).
 * `warnings` from parsing are carried over; quirks met here are added to them.
 */
export function buildSpecIndex(
  document: OpenApiDocument,
  hash: string,
  parseWarnings: readonly string[] = [],
  convertedFrom: string | null = null,
): SpecIndex {
  const missing = new Set<string>();
  const resolve = localResolver(document, missing);
  const title = text(document.info?.title) || 'Untitled API';
  const version = text(document.info?.version);
  const servers = readServers(document.servers, resolve);
  const topSecurity = normalizeSecurity(document.security);
  const schemes = readSecuritySchemes(document.components?.securitySchemes, resolve);
  const undeclared = new Map<string, number>();
  const misspelt: string[] = [];
  const operations: CatalogOperation[] = [];

  for (const [specPath, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolve(rawItem);
    if (!isNode(item)) continue;
    for (const method of METHODS) {
      const operation = resolve(item[method]);
      if (!isNode(operation)) continue;
      const own = normalizeSecurity(operation.security);
      const security = own ?? topSecurity;
      for (const name of schemeNames(security)) {
        if (!Object.hasOwn(schemes, name)) undeclared.set(name, (undeclared.get(name) ?? 0) + 1);
      }
      const { levels, misspelt: isMisspelt } = readUserLevels(operation);
      const upper = method.toUpperCase() as HttpMethod;
      if (isMisspelt) misspelt.push(`${upper} ${specPath}`);
      const server = readServers(operation.servers ?? item.servers, resolve)[0] ?? servers[0];
      const path = joinPath(server ? serverPath(server) : '', specPath);
      const body = requestBodyExample(operation.requestBody, resolve);
      const headerParams = collectParameters(
        item.parameters,
        operation.parameters,
        'header',
        resolve,
      );
      operations.push({
        id: `${upper} ${path}`,
        method: upper,
        path,
        specPath,
        operationId: text(operation.operationId) || null,
        summary: oneLine(text(operation.summary)),
        description: shorten(text(operation.description)),
        tags: Array.isArray(operation.tags)
          ? operation.tags.filter((tag): tag is string => typeof tag === 'string')
          : [],
        security,
        securityInherited: own === null && security !== null,
        userLevels: levels,
        pathParams: collectParameters(item.parameters, operation.parameters, 'path', resolve),
        queryParams: collectParameters(item.parameters, operation.parameters, 'query', resolve),
        headerParams,
        experimental: headerParams.some(
          (header) => header.required && header.name.toLowerCase() === EXPERIMENTAL_HEADER,
        ),
        requestBodyType: body.type,
        requestBodyExample: body.example,
        baseUrl: server?.url ?? null,
        ...editableServerPath(server, specPath),
        specTitle: title,
        specVersion: version,
      });
    }
  }

  const warnings = [...parseWarnings];
  if (missing.size > 0) {
    const [first] = missing;
    const others = missing.size - 1;
    const named = others === 0 ? `${first}` : `${first} and ${plural(others, 'other')}`;
    warnings.push(
      `${plural(missing.size, 'local $ref')} ${noun(missing.size, 'points', 'point')} nowhere (${named}): details behind them are missing`,
    );
  }
  for (const [name, count] of undeclared) {
    warnings.push(
      `security scheme ${name} is used by ${plural(count, 'operation')} but not declared in ` +
        `components.securitySchemes`,
    );
  }
  if (misspelt.length > 0) {
    warnings.push(
      `${MISSPELT_USER_LEVELS_KEY} (misspelt) read as user levels on ${misspelt.join(', ')}`,
    );
  }
  return {
    hash,
    openapi: document.openapi,
    title,
    version,
    servers,
    securitySchemes: schemes,
    operations,
    webhooks: countWebhooks(document.webhooks, resolve),
    convertedFrom,
    warnings,
  };
}

/** Operations under 3.1's `webhooks`: requests the API sends, so none of them is listed. */
function countWebhooks(webhooks: unknown, resolve: LocalResolver): number {
  if (!isNode(webhooks)) return 0;
  let count = 0;
  for (const rawItem of Object.values(webhooks)) {
    const item = resolve(rawItem);
    if (isNode(item)) count += METHODS.filter((method) => isNode(resolve(item[method]))).length;
  }
  return count;
}

function schemeNames(security: SecurityRequirement[] | null): string[] {
  return security ? security.flatMap((requirement) => Object.keys(requirement)) : [];
}

/** The operation's `serverPath` when its server's path has variables the user may change. */
function editableServerPath(
  server: CatalogServer | undefined,
  specPath: string,
): Pick<CatalogOperation, 'serverPath'> {
  const editable = server ? serverPathTemplate(server) : null;
  if (!editable || editable.variables.length === 0) return {};
  return {
    serverPath: { template: joinPath(editable.template, specPath), variables: editable.variables },
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ');
}

/** The first paragraph, on one line, cut at a word near the limit. */
function shorten(description: string): string {
  const first = oneLine(description.split(/\n\s*\n/)[0] ?? '');
  if (first.length <= DESCRIPTION_LIMIT) return first;
  const cut = first.slice(0, DESCRIPTION_LIMIT);
  const space = cut.lastIndexOf(' ');
  return `${(space > DESCRIPTION_LIMIT * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
