import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One package as the registry serves it: its manifest and its tarball. */
interface Served {
  readonly manifest: Record<string, unknown> & { name: string; version: string };
  readonly tarball: Buffer;
  readonly integrity: string;
  readonly shasum: string;
}

export interface LocalRegistry {
  /** For npm's --registry. */
  readonly url: string;
  /** The packages npm asked for that were served, by name. */
  readonly served: ReadonlySet<string>;
  /** The packages npm asked for that node_modules does not hold (404). */
  readonly missing: ReadonlySet<string>;
  close(): Promise<void>;
}

/**
 * An npm registry on 127.0.0.1 that serves the packages installed in `modules`, each at the
 * version installed there, packed from its folder with `npm pack`. It lets a test run a real
 * `npm install` of keyhole's tarball with no network: npm's cache after `npm ci` cannot do it,
 * since npm 11 resolves a new dependency from the registry's full package document and `npm ci`
 * caches only the abbreviated ones. A package node_modules lacks (another platform's keychain
 * binary) is a 404, as the real registry answers for a name it does not know.
 */
export async function startLocalRegistry(modules: string, scratch: string): Promise<LocalRegistry> {
  const packed = new Map<string, Promise<Served | undefined>>();
  const served = new Set<string>();
  const missing = new Set<string>();

  const pack = async (name: string): Promise<Served | undefined> => {
    const folder = path.join(modules, name);
    if (!existsSync(path.join(folder, 'package.json'))) return undefined;
    const manifest = JSON.parse(
      readFileSync(path.join(folder, 'package.json'), 'utf8'),
    ) as Served['manifest'];
    const { stdout } = await run(
      'npm',
      ['pack', folder, '--json', '--ignore-scripts', '--pack-destination', scratch],
      { cwd: scratch, maxBuffer: 16 * 1024 * 1024 },
    );
    const [result] = JSON.parse(stdout.slice(stdout.indexOf('['))) as {
      filename: string;
      integrity: string;
      shasum: string;
    }[];
    if (!result) throw new Error(`npm pack ${folder} printed no result`);
    const tarball = readFileSync(path.join(scratch, result.filename));
    return { manifest, tarball, integrity: result.integrity, shasum: result.shasum };
  };
  const lookup = (name: string) => {
    if (!packed.has(name)) packed.set(name, pack(name));
    return packed.get(name) as Promise<Served | undefined>;
  };

  const server = createServer((request, response) => {
    const address = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${address.port}`;
    const url = new URL(request.url ?? '/', base);
    const tarballPath = /^\/-\/tarballs\/(.+)\.tgz$/.exec(url.pathname);
    const name = decodeURIComponent(
      tarballPath ? (tarballPath[1] as string) : url.pathname.slice(1),
    );
    lookup(name).then(
      (found) => {
        if (!found) {
          missing.add(name);
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end('{"error":"not found"}');
          return;
        }
        served.add(name);
        if (tarballPath) {
          response.writeHead(200, { 'content-type': 'application/octet-stream' });
          response.end(found.tarball);
          return;
        }
        const { version } = found.manifest;
        const tarball = `${base}/-/tarballs/${encodeURIComponent(name)}.tgz`;
        const packument = {
          name,
          'dist-tags': { latest: version },
          versions: {
            [version]: {
              ...found.manifest,
              _id: `${name}@${version}`,
              dist: { tarball, integrity: found.integrity, shasum: found.shasum },
            },
          },
        };
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(packument));
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    served,
    missing,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
