/*
 * A server URL's `{variables}` fall in one of two places. Those in the origin (scheme, host,
 * port: SailPoint's `https://{tenant}.api.identitynow.com`) are decided by the profile's base
 * URL, since a request goes only to its profile's origin. Those in the path
 * (`https://api.tcgdex.net/v2/{lang}`) change the path sent, so the request form offers them.
 */
import { isNode, type LocalResolver } from './examples.js';
import type { CatalogServer, ServerVariable } from './types.js';

/** A literal piece of a server URL, or one of its `{variables}`. */
type Part = { readonly text: string } | { readonly name: string };

/** A server URL's path as the request form edits it, and the variables it keeps as `{name}`. */
export interface ServerPathTemplate {
  /** `/v2/{lang}`: the path with its variables kept; '' when the server has no path. */
  readonly template: string;
  readonly variables: ServerVariable[];
}

/** The servers of a `servers` list, each variable's default and `enum` beside the URL. */
export function readServers(value: unknown, resolve: LocalResolver): CatalogServer[] {
  if (!Array.isArray(value)) return [];
  const servers: CatalogServer[] = [];
  for (const raw of value) {
    const server = resolve(raw);
    if (!isNode(server) || typeof server.url !== 'string') continue;
    const variables: Record<string, string> = {};
    const enums: Record<string, string[]> = {};
    if (isNode(server.variables)) {
      for (const [name, variable] of Object.entries(server.variables)) {
        if (!isNode(variable)) continue;
        if (variable.default !== undefined) variables[name] = String(variable.default);
        const values = Array.isArray(variable.enum) ? variable.enum.filter(isScalar) : [];
        if (values.length > 0) enums[name] = values.map(String);
      }
    }
    const description = typeof server.description === 'string' ? server.description.trim() : '';
    servers.push({
      url: server.url,
      description,
      variables,
      ...(Object.keys(enums).length > 0 ? { enums } : {}),
    });
  }
  return servers;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The path part of a server URL, with variables filled from their defaults:
 * `https://{tenant}.api.identitynow.com/v3` → `/v3`, `http://127.0.0.1:8080` → ``,
 * `{protocol}://{hostname}/api/v3` → `/api/v3`, `//stats.nba.com/stats` → `/stats`.
 * The variables are filled first, since a default may hold a scheme, a host or a `/`; a variable
 * with no default stays `{name}` (in the path, the user fills it in).
 */
export function serverPath(server: CatalogServer): string {
  const filled = fillDefaults(serverPathTemplate(server).template, server.variables);
  return tidyPath(filled, (text) => text);
}

/**
 * The server URL's path with the variables that lie in it kept as `{name}`
 * (`https://api.tcgdex.net/v2/{lang}` → `/v2/{lang}`, variable `lang`), and those variables.
 * Variables of the origin are filled (and cut away with it): the profile's base URL decides the
 * origin. Filling the template's variables from their defaults gives {@link serverPath}.
 */
export function serverPathTemplate(server: CatalogServer): ServerPathTemplate {
  // Every operation of a document usually shares its first server: worked out once for it.
  const known = templates.get(server);
  if (known) return known;
  const template = buildTemplate(server);
  templates.set(server, template);
  return template;
}

const templates = new WeakMap<CatalogServer, ServerPathTemplate>();

function buildTemplate(server: CatalogServer): ServerPathTemplate {
  const parts = splitUrl(server.url);
  const defaults = server.variables;
  const fill = (part: Part) =>
    'text' in part ? part.text : (defaults[part.name] ?? `{${part.name}}`);
  const cut = originLength(parts, defaults, parts.map(fill).join(''));
  let template = '';
  const variables: ServerVariable[] = [];
  let at = 0;
  for (const part of parts) {
    const text = fill(part);
    const start = at;
    at += text.length;
    if (at <= cut) continue;
    if ('name' in part && start >= cut) {
      template += `{${part.name}}`;
      if (!variables.some((variable) => variable.name === part.name)) {
        // vtex's `{accountName}` has the default `{accountName}`: no default at all.
        const value = defaults[part.name];
        variables.push({
          name: part.name,
          default: value === undefined || /^\{[^{}]*\}$/.test(value) ? null : value,
          enum: server.enums?.[part.name] ?? [],
        });
      }
    } else {
      // A literal, or a variable whose default runs from the host into the path.
      template += text.slice(Math.max(0, cut - start));
    }
  }
  const tidy = tidyPath(template, (text) => fillDefaults(text, defaults));
  // Only the variables still in the template after its query or fragment is cut off.
  const kept = new Set(placeholders(tidy));
  return { template: tidy, variables: variables.filter((variable) => kept.has(variable.name)) };
}

/** The path template of an operation: its server's path joined with the spec's own template. */
export function joinPath(base: string, specPath: string): string {
  const rest = specPath.startsWith('/') ? specPath : `/${specPath}`;
  return `${base}${rest}`;
}

function splitUrl(url: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of url.matchAll(/\{([^{}]+)\}/g)) {
    if (match.index > last) parts.push({ text: url.slice(last, match.index) });
    parts.push({ name: match[1] as string });
    last = match.index + match[0].length;
  }
  if (last < url.length) parts.push({ text: url.slice(last) });
  return parts;
}

/**
 * How many characters of the filled URL are its origin: a scheme (or a `{variable}` standing for
 * one), then `//` and the authority; or `//` alone (protocol-relative, as Swagger 2.0 without
 * `schemes` converts). A URL that starts with a variable followed by `/` or nothing is an origin
 * too (`{Endpoint}/face/v1.0`, as Azure's specs write a host the user supplies, with the
 * default `none`), unless its default is itself a URL or a path.
 */
function originLength(parts: readonly Part[], defaults: Record<string, string>, filled: string) {
  const first = parts[0];
  const second = parts[1];
  if (first && 'name' in first && (!second || ('text' in second && /^[/?#]/.test(second.text)))) {
    const value = defaults[first.name];
    if (value === undefined || !/^(?:[a-z][a-z\d+.-]*:|\/)/i.test(value)) {
      return value?.length ?? first.name.length + 2;
    }
  }
  return /^(?:[a-z][a-z\d+.-]*:|\{[^{}/]*\}:)?\/\/[^/?#]*/i.exec(filled)?.[0].length ?? 0;
}

/**
 * Without a query or fragment and trailing slashes; '' for the root; a leading `/` unless the
 * path starts with one once filled (`{basePath}` with the default `/v1` stays `{basePath}`).
 */
function tidyPath(path: string, fill: (text: string) => string): string {
  const trimmed = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.') return '';
  return fill(trimmed).startsWith('/') ? trimmed : `/${trimmed}`;
}

function fillDefaults(template: string, defaults: Record<string, string>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => defaults[name] ?? whole);
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] as string);
}
