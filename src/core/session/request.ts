import type { CatalogOperation, CatalogParameter } from '../catalog/index.js';
import type { CallRequest } from '../call/execute.js';
import { resolveUrl } from '../call/url.js';
import { UsageError } from '../errors.js';
import { noun } from '../text/plural.js';

/** One editable name/value pair of a request: a path or query parameter, or a header. */
export interface RequestField {
  readonly name: string;
  readonly value: string;
  readonly required: boolean;
  /** The spec's example, shown beside an empty value. */
  readonly example: string | null;
  /**
   * A variable of the path of the spec's server URL (`{lang}` of
   * `https://api.tcgdex.net/v2/{lang}`): filled like a path parameter, from the spec's default
   * (in `example`; `x` puts it back), and sent as typed (a `/` in it stays a `/`).
   */
  readonly serverVariable?: boolean;
  /** The values the spec lists for a server variable (its `enum`). */
  readonly choices?: readonly string[];
}

/** The request being written. Survives profile switches, so one call can be retried as another. */
export interface RequestDraft {
  readonly method: string;
  /** The path as the spec writes it, `{name}` placeholders included. */
  readonly pathTemplate: string;
  readonly pathParams: readonly RequestField[];
  readonly query: readonly RequestField[];
  readonly headers: readonly RequestField[];
  /** Null: no body is sent. */
  readonly body: string | null;
  /** The catalog operation it came from (`POST /v3/access-requests`), if any. */
  readonly operationId: string | null;
  readonly summary: string | null;
  /**
   * The server URL (as the spec writes it) whose variables are among `pathParams`: what their
   * values are remembered under. Absent when the draft has none.
   */
  readonly serverUrl?: string | null;
}

export const EMPTY_DRAFT: RequestDraft = {
  method: 'GET',
  pathTemplate: '/',
  pathParams: [],
  query: [],
  headers: [],
  body: null,
  operationId: null,
  summary: null,
};

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/**
 * The request an operation describes: its method and path, path parameters filled from the
 * spec's examples, required query parameters filled (optional ones listed empty with their
 * example beside), required headers filled (SailPoint's `X-SailPoint-Experimental: true`), and
 * the spec's example body. The demo spec's examples are valid requests.
 *
 * Variables of the server URL's path come first, each filled with `serverValues`' value for it
 * (what the user set before, for this profile and server), else the spec's default.
 */
export function draftFromOperation(
  operation: CatalogOperation,
  serverValues: ReadonlyMap<string, string> = new Map(),
): RequestDraft {
  const body = operation.requestBodyType === null ? null : (operation.requestBodyExample ?? '{}');
  const json = operation.requestBodyType === null || /json/i.test(operation.requestBodyType);
  const server = serverFields(operation, serverValues);
  return {
    method: operation.method,
    pathTemplate: server.template,
    pathParams: [...server.fields, ...operation.pathParams.map((p) => field(p, true))],
    query: operation.queryParams.map((p) => field(p, p.required)),
    headers: [
      // Required headers are filled like required query parameters; optional ones would be sent
      // empty, so they are left for the user to add.
      ...operation.headerParams.filter((p) => p.required).map((p) => field(p, true)),
      ...(body !== null && !json
        ? [
            {
              name: 'Content-Type',
              value: operation.requestBodyType ?? '',
              required: false,
              example: null,
            },
          ]
        : []),
    ],
    body,
    operationId: operation.id,
    summary: operation.summary || null,
    ...(server.fields.length > 0 ? { serverUrl: operation.baseUrl } : {}),
  };
}

/**
 * The path template with the server's path variables kept as `{name}`, and their fields. A
 * variable named like one of the operation's own path parameters is filled with its default in
 * the template instead (the parameter is the field; one name cannot take two values).
 */
function serverFields(
  operation: CatalogOperation,
  serverValues: ReadonlyMap<string, string>,
): { template: string; fields: RequestField[] } {
  const server = operation.serverPath;
  if (!server) return { template: operation.path, fields: [] };
  const own = new Set(operation.pathParams.map((p) => p.name));
  const specPath = operation.specPath.startsWith('/')
    ? operation.specPath
    : `/${operation.specPath}`;
  let base = server.template.slice(0, server.template.length - specPath.length);
  const fields: RequestField[] = [];
  for (const variable of server.variables) {
    if (own.has(variable.name)) {
      base = base.replaceAll(`{${variable.name}}`, variable.default ?? `{${variable.name}}`);
      continue;
    }
    fields.push({
      name: variable.name,
      value: serverValues.get(variable.name) ?? variable.default ?? '',
      required: true,
      example: variable.default,
      serverVariable: true,
      ...(variable.enum.length > 0 ? { choices: variable.enum } : {}),
    });
  }
  return { template: `${base}${specPath}`, fields };
}

function field(parameter: CatalogParameter, fill: boolean): RequestField {
  const example = exampleText(parameter.example);
  return {
    name: parameter.name,
    value: fill ? (example ?? '') : '',
    required: parameter.required,
    example,
  };
}

function exampleText(example: unknown): string | null {
  if (example === undefined || example === null) return null;
  if (typeof example === 'string') return example;
  if (typeof example === 'number' || typeof example === 'boolean') return String(example);
  return JSON.stringify(example);
}

/** The `{name}` placeholders of a path template, in order, each once. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string))];
}

/**
 * A new path template: its placeholders become the path parameters, keeping the values of
 * those that stay.
 */
export function withPathTemplate(draft: RequestDraft, template: string): RequestDraft {
  const known = new Map(draft.pathParams.map((p) => [p.name, p]));
  return {
    ...draft,
    pathTemplate: template,
    pathParams: placeholders(template).map(
      (name) => known.get(name) ?? { name, value: '', required: true, example: null },
    ),
  };
}

/**
 * The path with every placeholder replaced by its (encoded) value; empty ones stay `{name}`.
 * A server variable's `/` stays a `/`: its value is a piece of the URL (eBay's `{basePath}` is
 * `/sell/account/v1`), where a path parameter's value is one segment.
 */
export function concretePath(draft: RequestDraft): string {
  const fields = new Map(draft.pathParams.map((p) => [p.name, p]));
  return draft.pathTemplate.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const field = fields.get(name);
    if (!field?.value) return whole;
    const encoded = encodeURIComponent(field.value);
    return field.serverVariable ? encoded.replace(/%2F/gi, '/') : encoded;
  });
}

/** Query pairs that will be sent: those with a value. */
export function sentQuery(draft: RequestDraft): [string, string][] {
  return draft.query.filter((q) => q.value !== '').map((q) => [q.name, q.value]);
}

/** The URL the draft goes to with this base URL; unchanged text when it does not parse. */
export function draftUrl(draft: RequestDraft, baseUrl: string): string {
  try {
    return resolveUrl(baseUrl, concretePath(draft), sentQuery(draft));
  } catch {
    return `${baseUrl}${concretePath(draft)}`;
  }
}

/** The draft as executeCall takes it; refuses a path whose parameters are not all filled. */
export function toCallRequest(draft: RequestDraft): CallRequest {
  const missing = draft.pathParams.filter((p) => p.value === '').map((p) => p.name);
  if (missing.length > 0) {
    throw new UsageError(
      `fill the path ${noun(missing.length, 'parameter')} ${missing.join(', ')} first`,
      'Move to it in the request panel and press Enter.',
    );
  }
  const headers: Record<string, string> = {};
  for (const header of draft.headers) if (header.name !== '') headers[header.name] = header.value;
  return {
    method: draft.method,
    path: concretePath(draft),
    query: sentQuery(draft),
    headers,
    ...(draft.body === null ? {} : { body: draft.body }),
  };
}

/**
 * A draft holding a request as it was written elsewhere (a history entry, a pasted curl
 * command): the concrete path, its query and headers as fields, the body. Linked to the catalog
 * operation it matches, so predictions and explanations still apply.
 */
export function draftFromCallRequest(
  request: CallRequest,
  operation: CatalogOperation | null,
): RequestDraft {
  const fieldOf = ([name, value]: readonly [string, string]): RequestField => ({
    name,
    value,
    required: false,
    example: null,
  });
  return {
    method: request.method.toUpperCase(),
    pathTemplate: request.path,
    pathParams: [],
    query: (request.query ?? []).map(fieldOf),
    headers: Object.entries(request.headers ?? {}).map(fieldOf),
    body: request.body ?? null,
    operationId: operation?.id ?? null,
    summary: operation?.summary || null,
  };
}
