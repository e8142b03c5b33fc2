import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, runKeyhole, tempDir } from '../support/cli.js';
import { waitFor } from '../support/wait-for.js';

/*
 * GitHub's dereferenced descriptions are 73-78 MB, past the default 64 MiB cap. A generated
 * document of ~66 MiB stands in for them (one long description string: quick to build, parse and
 * index), served from a local HTTP server with and without a Content-Length.
 */
const PADDING = 66 * 1024 * 1024;
let folder: { dir: string; cleanup: () => void };
let bigSpec: string;
let server: Server;
let origin: string;
/** The slow route sends half the body, then waits until the test opens this gate. */
let openGate: () => void = () => undefined;
let gate: Promise<void>;

function bigDocument(): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Big', version: '1', description: 'x'.repeat(PADDING) },
    paths: {
      '/repos/{owner}/{repo}': {
        get: {
          operationId: 'repos/get',
          summary: 'Get a repository',
          parameters: [
            { name: 'owner', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'repo', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  });
}

beforeAll(async () => {
  folder = tempDir('keyhole-big-spec-');
  bigSpec = path.join(folder.dir, 'big.json');
  writeFileSync(bigSpec, bigDocument());
  const size = statSync(bigSpec).size;
  server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/length/')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
      createReadStream(bigSpec).pipe(response);
    } else if (url.startsWith('/chunked/')) {
      // No Content-Length: the cap can only be met while the bytes arrive.
      response.writeHead(200, { 'content-type': 'application/json' });
      createReadStream(bigSpec).pipe(response);
    } else if (url.startsWith('/slow/')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
      const half = Math.floor(size / 2);
      createReadStream(bigSpec, { end: half - 1 })
        .on('end', () => {
          void gate.then(() => createReadStream(bigSpec, { start: half }).pipe(response));
        })
        .pipe(response, { end: false });
    } else if (url.startsWith('/small/')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ openapi: '3.0.3', info: { title: 'Small', version: '1' }, paths: {} }),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  folder.cleanup();
});

function downloads(configDir: string): string[] {
  const dir = path.join(configDir, 'cache', 'specs', 'downloads');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('a spec bigger than the default 64 MB cap', () => {
  it('is refused before its body is read, naming --max-spec-size and KEYHOLE_MAX_SPEC_MB', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = await runKeyhole(['endpoints', '--spec', `${origin}/length/spec.json`], {
        env: { KEYHOLE_CONFIG_DIR: dir },
      });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(
        `the spec ${origin}/length/spec.json is 66 MB, more than 64 MB (keyhole's default limit`,
      );
      expect(result.stderr).toContain('--max-spec-size 68MiB');
      expect(result.stderr).toContain('KEYHOLE_MAX_SPEC_MB=68');
      expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      expect(downloads(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('without a Content-Length, is cut at the cap with the same advice and leaves no partial file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = await runKeyhole(['endpoints', '--spec', `${origin}/chunked/spec.json`], {
        env: { KEYHOLE_CONFIG_DIR: dir },
      });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`is larger than 64 MB (keyhole's default limit`);
      expect(result.stderr).toContain('--max-spec-size');
      expect(result.stderr).toContain('KEYHOLE_MAX_SPEC_MB=');
      expect(downloads(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('a flag that is too low names itself as the limit', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = await runKeyhole(
        ['endpoints', '--spec', `${origin}/length/spec.json`, '--max-spec-size', '10MB'],
        { env: { KEYHOLE_CONFIG_DIR: dir } },
      );
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('more than 9.5 MB (the limit set by --max-spec-size)');
      const env = await runKeyhole(['endpoints', '--spec', `${origin}/length/spec.json`], {
        env: { KEYHOLE_CONFIG_DIR: dir, KEYHOLE_MAX_SPEC_MB: '20' },
      });
      expect(env.code, env.stderr).toBe(2);
      expect(env.stderr).toContain('more than 20 MB (the limit set by KEYHOLE_MAX_SPEC_MB)');
    } finally {
      cleanup();
    }
  });

  it('loads with --max-spec-size 100MB, and the copy is kept whole in the download cache', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = await runKeyhole(
        ['endpoints', '--spec', `${origin}/chunked/spec.json`, '--max-spec-size', '100MB'],
        { env: { KEYHOLE_CONFIG_DIR: dir } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/GET\s+\/repos\/\{owner\}\/\{repo\}\s+repos\/get/);
      const kept = downloads(dir);
      expect(kept.filter((name) => name.endsWith('.part'))).toEqual([]);
      const spec = kept.find((name) => name.endsWith('.spec'));
      expect(spec).toBeDefined();
      const downloadsDir = path.join(dir, 'cache', 'specs', 'downloads');
      expect(statSync(path.join(downloadsDir, spec ?? '')).size).toBe(statSync(bigSpec).size);
      // The next run reads the kept copy (a day has not passed): the server is not needed.
      const again = await runKeyhole(
        ['endpoints', '--spec', `${origin}/chunked/spec.json`, '--max-spec-size', 'none'],
        { env: { KEYHOLE_CONFIG_DIR: dir } },
      );
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('repos/get');
    } finally {
      cleanup();
    }
  });

  it('streams to a temporary file in the cache folder as it arrives, renamed into place at the end', async () => {
    const { dir, cleanup } = tempDir();
    gate = new Promise((resolve) => (openGate = resolve));
    try {
      const running = runKeyhole(
        ['endpoints', '--spec', `${origin}/slow/spec.json`, '--max-spec-size', '100MB'],
        { env: { KEYHOLE_CONFIG_DIR: dir } },
      );
      const downloadsDir = path.join(dir, 'cache', 'specs', 'downloads');
      const half = Math.floor(statSync(bigSpec).size / 2);
      // Half the body has been sent and the server waits: that half must already be on disk.
      const part = await waitFor(
        () =>
          downloads(dir).find(
            (name) =>
              name.endsWith('.part') && statSync(path.join(downloadsDir, name)).size >= half,
          ),
        'half of the download in a .part file',
        20_000,
      );
      const handle = await open(path.join(downloadsDir, part), 'r');
      const start = Buffer.alloc(16);
      await handle.read(start, 0, 16, 0);
      await handle.close();
      expect(start.toString('utf8')).toBe('{"openapi":"3.0.');
      openGate();
      const result = await running;
      expect(result.code, result.stderr).toBe(0);
      expect(downloads(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
      expect(downloads(dir).filter((name) => name.endsWith('.spec'))).toHaveLength(1);
    } finally {
      openGate();
      cleanup();
    }
  });

  it('a download stopped by Ctrl+C leaves a .part file that the next download removes', async () => {
    const { dir, cleanup } = tempDir();
    gate = new Promise((resolve) => (openGate = resolve));
    try {
      const child = spawn(
        process.execPath,
        [
          KEYHOLE_BIN,
          'endpoints',
          '--spec',
          `${origin}/slow/spec.json`,
          '--max-spec-size',
          '100MB',
        ],
        {
          env: { PATH: process.env.PATH ?? '', HOME: dir, KEYHOLE_CONFIG_DIR: dir },
          stdio: 'ignore',
        },
      );
      const ended = new Promise((resolve) => child.on('close', resolve));
      const part = await waitFor(
        () => downloads(dir).find((name) => name.endsWith('.part')),
        'the download under way',
        20_000,
      );
      child.kill('SIGINT');
      await ended;
      expect(downloads(dir)).toContain(part);
      // Any next download (another spec here) clears what a run that is gone left.
      const next = await runKeyhole(['endpoints', '--spec', `${origin}/small/spec.json`], {
        env: { KEYHOLE_CONFIG_DIR: dir },
      });
      expect(next.code, next.stderr).toBe(0);
      expect(downloads(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
    } finally {
      openGate();
      cleanup();
    }
  });

  it('a file over the cap is refused with the same advice', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = await runKeyhole(['endpoints', '--spec', bigSpec], {
        env: { KEYHOLE_CONFIG_DIR: dir },
      });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('is 66 MB, more than 64 MB');
      expect(result.stderr).toContain('--max-spec-size 68MiB');
    } finally {
      cleanup();
    }
  });
});
