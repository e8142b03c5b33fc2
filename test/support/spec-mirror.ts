import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, type TestServer } from './http-servers.js';
import { SPECS_DIR } from './sailpoint-specs.js';

/** A local stand-in for raw.githubusercontent.com/sailpoint-oss/api-specs/main/dereferenced/. */
export interface SpecMirror {
  readonly server: TestServer;
  /** The value for KEYHOLE_SAILPOINT_SPECS_URL. */
  readonly baseUrl: string;
  /** GETs of each file so far, and how many of them were answered 304. */
  gets(version: string): number;
  notModified(version: string): number;
  /** Serve these bytes for a version from now on (a new ETag), or `undefined` to serve a 404. */
  replace(version: string, bytes: Buffer | undefined): void;
  /** Answer every request with this status (503: the mirror is down) until set back to null. */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

/**
 * Serves `../shared/specs/sailpoint/<v>.yaml` as `deref-sailpoint-api.<v>.yaml`, the way GitHub's
 * raw host does: a strong ETag per content, 304 to a matching If-None-Match, 404 for the rest.
 */
export async function startSpecMirror(
  versions: readonly string[] = ['v3', 'beta', 'v2024', 'v2025'],
): Promise<SpecMirror> {
  const files = new Map<string, Buffer>();
  for (const version of versions) {
    files.set(version, readFileSync(path.join(SPECS_DIR, `${version}.yaml`)));
  }
  const notModified = new Map<string, number>();
  let failure: number | null = null;
  const server = await startServer((req, res) => {
    const match = /\/deref-sailpoint-api\.([a-z0-9]+)\.yaml$/.exec(req.url ?? '');
    const bytes = match ? files.get(match[1] ?? '') : undefined;
    if (failure !== null) {
      res.writeHead(failure).end('unavailable');
      return;
    }
    if (!match || !bytes) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found');
      return;
    }
    const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;
    if (req.headers['if-none-match'] === etag) {
      notModified.set(match[1] ?? '', (notModified.get(match[1] ?? '') ?? 0) + 1);
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag }).end(bytes);
  });
  const gets = (version: string) =>
    server.received.filter((r) => r.url.endsWith(`/deref-sailpoint-api.${version}.yaml`)).length;
  return {
    server,
    baseUrl: `${server.origin}/sailpoint-oss/api-specs/main/dereferenced/`,
    gets,
    notModified: (version) => notModified.get(version) ?? 0,
    replace: (version, bytes) => {
      if (bytes === undefined) files.delete(version);
      else files.set(version, bytes);
    },
    failWith: (status) => {
      failure = status;
    },
    close: () => server.close(),
  };
}
