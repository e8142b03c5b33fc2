/*
 * Redirects are followed here rather than by undici's interceptor, because credentials must be
 * decided hop by hop: a redirect may point anywhere, and the token is for one origin only.
 */
/** Status codes that carry a Location to follow. */
export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** The absolute target of a Location header, or null when it is not an http(s) URL. */
export function redirectTarget(current: URL, location: string): URL | null {
  try {
    const next = new URL(location, current);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : null;
  } catch {
    return null;
  }
}

/**
 * The method of the next hop and whether the body goes along. 303 always becomes GET (HEAD
 * stays HEAD); 301 and 302 turn a POST into a GET, as browsers and curl do; 307 and 308 keep
 * both method and body.
 */
export function redirectMethod(
  status: number,
  method: string,
): { method: string; keepBody: boolean } {
  if (status === 303) return { method: method === 'HEAD' ? 'HEAD' : 'GET', keepBody: false };
  if ((status === 301 || status === 302) && method === 'POST') {
    return { method: 'GET', keepBody: false };
  }
  return { method, keepBody: true };
}

const BODY_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
]);

/** Headers without those describing a body that is no longer sent. */
export function withoutBodyHeaders(
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  return without(headers, BODY_HEADERS);
}

function without(headers: Readonly<Record<string, string>>, names: ReadonlySet<string>) {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase())),
  );
}
