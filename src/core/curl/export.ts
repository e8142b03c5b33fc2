import type { CallRequest } from '../call/execute.js';
import { resolveUrl } from '../call/url.js';
import { redactBodyText } from '../history/redact-body.js';
import { isCredentialHeader } from '../http/credentials.js';
import { isSecretParam } from '../http/redact.js';
import { secretsInRequest } from '../http/request-secrets.js';
import { withoutUserInfo } from '../profiles/url-password.js';
import { shellQuote } from './shell.js';

export interface CurlExportOptions {
  /** `--max-time`, in seconds. */
  timeoutSeconds?: number;
  /** `--cacert FILE`. */
  caFile?: string;
  /** `--insecure`. */
  insecure?: boolean;
  /**
   * The shell words that run keyhole (see `selfCommand`): `node '/…/dist/keyhole.js'` when no
   * `keyhole` is on PATH. @default 'keyhole'
   */
  keyhole?: string;
}

export interface CurlExport {
  /** The command, one option per line joined with ` \` continuations. */
  command: string;
  /** Things the command leaves out, for the user to be told. */
  warnings: string[];
}

/**
 * A curl command for the request keyhole would send as `profile`: the same URL, the headers
 * keyhole adds (Accept and, with a body, Content-Type JSON), the body, and never the token.
 *
 * For the profile's own origin (and only there, as the engine does) the command starts with
 * `keyhole token PROFILE --header | curl … -H @-`: curl (7.55 or later) reads the Authorization
 * header from its stdin, so the token travels through a pipe and never sits in curl's argv,
 * where `ps` would show it to every user of the machine (`-H "Authorization: Bearer $(…)"`
 * did exactly that). A plain pipe works in every POSIX shell, unlike `-H @<(…)`, and stdin is
 * free for it because the body is always given inline with --data-raw. Credential headers the
 * user gave (X-API-Key, Cookie, …) and the user-info of the URL are left out with a warning.
 * Everything else is single-quoted.
 */
export function toCurl(
  profile: { name: string; baseUrl: string },
  request: CallRequest,
  options: CurlExportOptions = {},
): CurlExport {
  const warnings: string[] = [];
  const method = request.method.toUpperCase();
  const full = resolveUrl(profile.baseUrl, request.path, request.query);
  const bare = new URL(withoutUserInfo(full));
  if (bare.href !== full) warnings.push('the user-info (user:password@) of the URL is left out');
  // Secret-named values (client_secret, password, token, …) would sit in curl's argv and in
  // shell history: they are written as (redacted), for the user to supply another way.
  const named = [...bare.searchParams.keys()].filter(isSecretParam);
  for (const name of named) bare.searchParams.set(name, '(redacted)');
  const url = bare.href;
  const values = secretsInRequest({
    method,
    url: full,
    headers: {},
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const body = request.body === undefined ? undefined : redactBodyText(request.body, values);
  if (named.length > 0 || (body !== undefined && body !== request.body)) {
    warnings.push(
      'secret values in the query or body (client_secret, password, token, …) are written as ' +
        '(redacted): supply them from a file (--data @file), not on the command line',
    );
  }
  const own = new URL(url).origin === new URL(profile.baseUrl).origin;
  const lines: string[] = [];
  const first =
    method === 'GET' && request.body === undefined
      ? 'curl'
      : method === 'HEAD'
        ? 'curl --head'
        : `curl -X ${shellQuote(method)}`;
  // The profile name matches [A-Za-z0-9._-]+, so it needs no quoting.
  const feed = own ? `${options.keyhole ?? 'keyhole'} token ${profile.name} --header | ` : '';
  lines.push(`${feed}${first} ${shellQuote(url)}`);
  if (own) lines.push('-H @-');
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (isCredentialHeader(name)) {
      warnings.push(
        `the ${name} header is left out: it carries a credential, and the command uses the profile's token`,
      );
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
  if (body !== undefined) lines.push(`--data-raw ${shellQuote(body)}`);
  if (options.timeoutSeconds !== undefined) lines.push(`--max-time ${options.timeoutSeconds}`);
  if (options.caFile !== undefined) lines.push(`--cacert ${shellQuote(options.caFile)}`);
  if (options.insecure) lines.push('--insecure');
  return { command: lines.join(' \\\n  '), warnings };
}
