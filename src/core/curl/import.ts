import type { CallRequest } from '../call/execute.js';
import { UsageError } from '../errors.js';
import { relativeToBase } from '../history/replay.js';
import { isCredentialHeader } from '../http/credentials.js';
import { IGNORED_WITH_VALUE, QUIET, SHORT_WITH_VALUE } from './options.js';
import { ShellSyntaxError, shellWords } from './shell.js';

export interface CurlImport {
  request: CallRequest;
  /** The absolute URL of the command. */
  url: string;
  /** Whether the URL lies under the profile's base URL (then `request.path` is relative to it). */
  relative: boolean;
  /** What was ignored or changed: credentials, options keyhole has no use for, files. */
  warnings: string[];
}

/**
 * keyhole's own export: `keyhole token NAME --header | curl … -H @-`, where keyhole may also be
 * `node /…/dist/keyhole.js` (see selfCommand), Node's path quoted or not.
 */
const OWN_TOKEN_FEED =
  /^(?:keyhole|(?:\S+|'[^']*')\s+(?:\S*\/keyhole\.js|'[^']*\/keyhole\.js'))\s+token\s+[A-Za-z0-9._-]+\s+--header\s*\|\s*/;

/**
 * Reads a pasted curl command into a request keyhole can send. Understood: -X/--request, -H,
 * -d/--data/--data-raw/--data-binary/--data-ascii/--data-urlencode (joined with `&` as curl does),
 * --json, -G/--get (data goes to the query), --url, -I/--head, -A, -e. Credentials are never
 * imported: credential headers (Authorization, X-API-Key, … see isCredentialHeader), -u and
 * cookies are dropped with a warning, since keyhole sends the profile's token. keyhole's own
 * export (`keyhole token P --header | curl … -H @-`) reads back without warnings. When the URL
 * lies under `baseUrl`, the path becomes relative to it.
 *
 * @throws UsageError when the text is not one curl command with one URL.
 */
export function parseCurl(text: string, options: { baseUrl?: string } = {}): CurlImport {
  let words: string[];
  const feed = OWN_TOKEN_FEED.exec(text.trim());
  try {
    words = shellWords(text.trim().slice(feed?.[0].length ?? 0));
  } catch (error) {
    if (error instanceof ShellSyntaxError)
      throw new UsageError(`cannot read the command: ${error.message}`);
    throw error;
  }
  if (words[0] === 'curl' || words[0]?.endsWith('/curl')) words.shift();
  else throw new UsageError('the command does not start with curl');

  const warnings: string[] = [];
  const headers: Record<string, string> = {};
  const data: string[] = [];
  const urls: string[] = [];
  let method: string | undefined;
  let get = false;
  let head = false;
  let json = false;

  const take = (option: string, inline: string | undefined, at: number): [string, number] => {
    if (inline !== undefined && inline !== '') return [inline, at];
    const value = words[at + 1];
    if (value === undefined) throw new UsageError(`${option} needs a value`);
    return [value, at + 1];
  };
  const addData = (option: string, value: string) => {
    if (value.startsWith('@') && option !== '--data-raw') {
      warnings.push(`${option} ${value} reads a file; the text "${value}" was kept as the body`);
    }
    data.push(option === '--data-urlencode' ? urlencodeData(value) : value);
  };

  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    if (word === '--') {
      urls.push(...words.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      urls.push(word);
      continue;
    }
    // A bundle of short options: -sSL, -XPOST, -H'…' (the value may follow in the same word).
    const expanded: [string, string | undefined][] = [];
    if (!word.startsWith('--') && word.length > 2) {
      for (let k = 1; k < word.length; k += 1) {
        const letter = word[k] as string;
        if (SHORT_WITH_VALUE.has(letter)) {
          expanded.push([`-${letter}`, word.slice(k + 1)]);
          break;
        }
        expanded.push([`-${letter}`, undefined]);
      }
    } else {
      expanded.push([word, undefined]);
    }
    for (const [option, inline] of expanded) {
      let value: string;
      switch (option) {
        case '-X':
        case '--request':
          [value, i] = take(option, inline, i);
          method = value.toUpperCase();
          break;
        case '-H':
        case '--header':
          [value, i] = take(option, inline, i);
          if (value.startsWith('@')) {
            // keyhole's export feeds the token this way; any other header file is not read.
            if (!(feed && value === '@-'))
              warnings.push(`${option} ${value} reads headers from a file; they are not imported`);
          } else addHeader(headers, value, warnings);
          break;
        case '-d':
        case '--data':
        case '--data-ascii':
        case '--data-binary':
        case '--data-raw':
        case '--data-urlencode':
          [value, i] = take(option, inline, i);
          addData(option, value);
          break;
        case '--json':
          [value, i] = take(option, inline, i);
          json = true;
          data.push(value);
          break;
        case '--url':
          [value, i] = take(option, inline, i);
          urls.push(value);
          break;
        case '-G':
        case '--get':
          get = true;
          break;
        case '-I':
        case '--head':
          head = true;
          break;
        case '--oauth2-bearer':
        case '-u':
        case '--user':
          [, i] = take(option, inline, i);
          warnings.push(`${option} is ignored: keyhole sends the profile's token, not a password`);
          break;
        case '-b':
        case '--cookie':
          [, i] = take(option, inline, i);
          warnings.push(`${option} is ignored: cookies are not imported`);
          break;
        case '-A':
        case '--user-agent':
          [value, i] = take(option, inline, i);
          headers['User-Agent'] = value;
          break;
        case '-e':
        case '--referer':
          [value, i] = take(option, inline, i);
          headers.Referer = value;
          break;
        case '-k':
        case '--insecure':
          warnings.push(`${option} is ignored: keyhole verifies TLS unless told with --insecure`);
          break;
        default: {
          const takesValue =
            IGNORED_WITH_VALUE.has(option) ||
            (option.length === 2 && SHORT_WITH_VALUE.has(option.slice(1)));
          if (takesValue) [, i] = take(option, inline, i);
          if (!QUIET.has(option)) warnings.push(`${option} is ignored`);
        }
      }
    }
  }

  if (urls.length !== 1) {
    throw new UsageError(
      urls.length === 0 ? 'the command has no URL' : 'the command has more than one URL',
    );
  }
  const url = absoluteUrl(urls[0] as string);
  const query: [string, string][] = [];
  let body: string | undefined;
  if (data.length > 0) {
    const joined = data.join(json ? '' : '&');
    if (get) query.push(...new URLSearchParams(joined));
    else body = joined;
  }
  if (json) {
    setDefault(headers, 'Content-Type', 'application/json');
    setDefault(headers, 'Accept', 'application/json');
  } else if (body !== undefined) {
    // curl sends -d as a form; keyhole would send JSON. Say what curl said.
    setDefault(headers, 'Content-Type', 'application/x-www-form-urlencoded');
  }
  const finalMethod = method ?? (head ? 'HEAD' : get ? 'GET' : body !== undefined ? 'POST' : 'GET');

  const relative = options.baseUrl === undefined ? null : relativeToBase(url, options.baseUrl);
  if (options.baseUrl !== undefined && !relative) {
    warnings.push(
      `${new URL(url).origin} is not the profile's base URL; keyhole sends no token to it`,
    );
  }
  const target = relative ?? { path: url, query: [] };
  const request: CallRequest = {
    method: finalMethod,
    path: target.path,
    ...(target.query.length + query.length > 0 ? { query: [...target.query, ...query] } : {}),
    headers,
    ...(body !== undefined ? { body } : {}),
  };
  return { request, url, relative: relative !== null, warnings };
}

function addHeader(headers: Record<string, string>, line: string, warnings: string[]): void {
  const at = line.indexOf(':');
  if (at <= 0) {
    // `-H 'X-Foo;'` sends an empty header in curl; `-H 'X-Foo:'` removes one. Neither matters here.
    warnings.push(`the header "${line}" was not understood and is left out`);
    return;
  }
  const name = line.slice(0, at).trim();
  const value = line.slice(at + 1).trim();
  const lower = name.toLowerCase();
  if (lower === 'cookie') {
    warnings.push('the Cookie header is dropped: cookies are not imported');
    return;
  }
  if (isCredentialHeader(name)) {
    // Older exports read the token at run time with $(keyhole token …); that needs no warning.
    if (!value.includes('$(keyhole token ')) {
      warnings.push(`the ${name} header is dropped: keyhole sends the profile's token`);
    }
    return;
  }
  if (value === '') return;
  headers[name] = value;
}

function setDefault(headers: Record<string, string>, name: string, value: string): void {
  if (!Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase())) {
    headers[name] = value;
  }
}

/** `--data-urlencode 'name=a b'` → `name=a%20b`; `=a b` and `a b` encode the whole content. */
function urlencodeData(value: string): string {
  const at = value.indexOf('=');
  if (at < 0) return encodeURIComponent(value);
  const name = value.slice(0, at);
  return `${name}${name === '' ? '' : '='}${encodeURIComponent(value.slice(at + 1))}`;
}

/** curl assumes http:// for a URL without a scheme. */
function absoluteUrl(text: string): string {
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    return new URL(withScheme).href;
  } catch {
    throw new UsageError(`"${text}" is not a URL`);
  }
}
