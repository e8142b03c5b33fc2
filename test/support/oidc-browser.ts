/**
 * A scripted "browser" for login pages: follows redirects, keeps cookies per origin, and submits
 * the first form on each page (filling in login and password when asked). Enough to drive
 * oidc-provider's device pages and the test peer's login and consent pages without a browser.
 */

export interface Credentials {
  login: string;
  password: string;
}

export interface Page {
  url: URL;
  status: number;
  body: string;
  /** Every URL requested, in order, for failure messages. */
  trail: string[];
}

interface Form {
  action: URL;
  method: string;
  fields: URLSearchParams;
}

const MAX_STEPS = 30;

/**
 * Starts at `url` and keeps going until a page has no form, answers with an error status, or
 * offers the form just submitted again (how the device pages report a rejected code). Returns
 * that last page.
 */
export async function signInOverHttp(url: string, credentials: Credentials): Promise<Page> {
  const jar = new Map<string, Map<string, string>>();
  const trail: string[] = [];
  let submitted = '';
  let request: { url: URL; method: string; body?: URLSearchParams } = {
    url: new URL(url),
    method: 'GET',
  };
  for (let step = 0; step < MAX_STEPS; step += 1) {
    trail.push(`${request.method} ${request.url.href}`);
    const response = await fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(jar, request.url),
        ...(request.body && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(request.body && { body: request.body.toString() }),
    });
    storeCookies(jar, request.url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      request = { url: new URL(location, request.url), method: 'GET' };
      continue;
    }
    const body = await response.text();
    const form = response.status < 400 ? firstForm(body, request.url) : null;
    if (form !== null) {
      if (form.fields.has('login')) form.fields.set('login', credentials.login);
      if (form.fields.has('password')) form.fields.set('password', credentials.password);
    }
    const signature = form === null ? '' : `${form.action.href}?${form.fields.toString()}`;
    if (form === null || signature === submitted) {
      return { url: request.url, status: response.status, body, trail };
    }
    submitted = signature;
    request =
      form.method === 'post'
        ? { url: form.action, method: 'POST', body: form.fields }
        : { url: withQuery(form.action, form.fields), method: 'GET' };
  }
  throw new Error(`no end after ${MAX_STEPS} steps:\n${trail.join('\n')}`);
}

function firstForm(html: string, base: URL): Form | null {
  const match = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (match === null) return null;
  const attributes = match[1] ?? '';
  const fields = new URLSearchParams();
  for (const input of (match[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
    const name = attribute(input[1] ?? '', 'name');
    if (name !== null) fields.append(name, attribute(input[1] ?? '', 'value') ?? '');
  }
  return {
    action: new URL(attribute(attributes, 'action') ?? base.href, base),
    method: (attribute(attributes, 'method') ?? 'get').toLowerCase(),
    fields,
  };
}

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(attributes);
  return match === null ? null : decodeEntities(match[1] ?? '');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function withQuery(url: URL, fields: URLSearchParams): URL {
  const target = new URL(url);
  for (const [key, value] of fields) target.searchParams.append(key, value);
  return target;
}

function cookieHeader(jar: Map<string, Map<string, string>>, url: URL): string {
  return [...(jar.get(url.origin) ?? new Map<string, string>())]
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** Path and expiry are simplified: later cookies replace earlier ones of the same name. */
function storeCookies(jar: Map<string, Map<string, string>>, url: URL, headers: string[]): void {
  const cookies = jar.get(url.origin) ?? new Map<string, string>();
  jar.set(url.origin, cookies);
  for (const header of headers) {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((part) => {
      const [key = '', date = ''] = part.split('=');
      return key.trim().toLowerCase() === 'expires' && Date.parse(date) < Date.now();
    });
    if (expired || value === '') cookies.delete(name);
    else cookies.set(name, value);
  }
}
