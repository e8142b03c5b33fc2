/**
 * Joins the base URL and a relative path (keeping the base's own path) and appends the query.
 * Apart from execute.ts so that showing a request's URL (the TUI, curl export, history) needs
 * none of the engine that sends it.
 */
export function resolveUrl(
  baseUrl: string,
  path: string,
  query: ReadonlyArray<readonly [string, string]> = [],
): string {
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of query) url.searchParams.append(key, value);
  return url.href;
}
