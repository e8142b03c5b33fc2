import { type CallRequest, resolveUrl } from '../call/execute.js';
import { shellQuote } from './shell.js';

export interface CurlExportOptions {
  /** `--max-time`, in seconds. */
  timeoutSeconds?: number;
  /** `--cacert FILE`. */
  caFile?: string;
  /** `--insecure`. */
  insecure?: boolean;
}

export interface CurlExport {
  /** The command, one option per line joined with ` \` continuations. */
  command: string;
  /** Things the command leaves out, for the user to be told. */
  warnings: string[];
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);

/**
 * A curl command for the request keyhole would send as `profile`: the same URL, the headers
 * keyhole adds (Accept and, with a body, Content-Type JSON), the body, and never the token —
 * the Authorization header reads `$(keyhole token PROFILE --raw)` when the command runs, and only
 * for the profile's own origin, as the engine does. Everything else is single-quoted.
 */
export function toCurl(
  profile: { name: string; baseUrl: string },
  request: CallRequest,
  options: CurlExportOptions = {},
): CurlExport {
  const warnings: string[] = [];
  const method = request.method.toUpperCase();
  const url = resolveUrl(profile.baseUrl, request.path, request.query);
  const lines: string[] = [];
  const first =
    method === 'GET' && request.body === undefined
      ? 'curl'
      : method === 'HEAD'
        ? 'curl --head'
        : `curl -X ${shellQuote(method)}`;
  lines.push(`${first} ${shellQuote(url)}`);

  if (new URL(url).origin === new URL(profile.baseUrl).origin) {
    // The profile name matches [A-Za-z0-9._-]+, so it is safe inside double quotes.
    lines.push(`-H "Authorization: Bearer $(keyhole token ${profile.name} --raw)"`);
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (CREDENTIAL_HEADERS.has(name.toLowerCase())) {
      warnings.push(`the ${name} header is left out: the command uses the profile's token`);
      continue;
    }
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    }
    headers[name] = value;
  }
  for (const [name, value] of Object.entries(headers)) {
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) lines.push(`--data-raw ${shellQuote(request.body)}`);
  if (options.timeoutSeconds !== undefined) lines.push(`--max-time ${options.timeoutSeconds}`);
  if (options.caFile !== undefined) lines.push(`--cacert ${shellQuote(options.caFile)}`);
  if (options.insecure) lines.push('--insecure');
  return { command: lines.join(' \\\n  '), warnings };
}
