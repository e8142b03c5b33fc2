import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/core/catalog/index.js';
import {
  bundledWorkerUrl,
  loadCatalogOffThread,
} from '../../../src/core/catalog/load-off-thread.js';
import { SPEC_TOO_LARGE } from '../../../src/core/catalog/source.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { bundleWorker } from '../../support/bundle-worker.js';
import { startServer, type TestServer } from '../../support/http-servers.js';
import { rejectionOf } from '../../support/wait-for.js';
import { tempCacheDir, tempSubdir } from './temp-dir.js';

/**
 * vitest runs the TypeScript source, beside which there is no worker file: these tests name the
 * one built into dist/ (test/support/build.ts builds it before every run).
 */
const WORKER = pathToFileURL(path.resolve('dist/catalog-worker.js'));
const FIXTURES = path.resolve('test/fixtures/specs');
const YAML_30 = path.join(FIXTURES, 'quirks-3.0.yaml');
const JSON_31 = path.join(FIXTURES, 'quirks-3.1.json');
const VARIABLES = path.join(FIXTURES, 'server-variables.yaml');
const GITHUB = path.resolve('node_modules/@octokit/openapi/generated/api.github.com.json');

/** A catalog as compared between loaders: load times differ from run to run. */
function comparable(catalog: Catalog) {
  return {
    ...catalog,
    specs: catalog.specs.map((spec) => ({ ...spec, elapsedMs: 0 })),
    failures: catalog.failures.map(({ source, error }) => ({ source, ...errorFields(error) })),
  };
}

/** What a person and a caller see of an error (the cause stays in the worker). */
function errorFields(error: unknown) {
  expect(error).toBeInstanceOf(KeyholeError);
  const { name, message, hint, code, exitCode } = error as KeyholeError;
  return { name, message, hint, code, exitCode };
}

/** Progress lines with their timings blanked, in the order they came. */
function progressRecorder() {
  const lines: string[] = [];
  return {
    lines,
    onProgress: (message: string, source?: string) =>
      lines.push(
        `${source === undefined ? '' : `${path.basename(source)}: `}${message}`.replace(
          /\d+ ms/g,
          'N ms',
        ),
      ),
  };
}

describe('loadCatalogOffThread', () => {
  it('gives the catalog loadCatalog gives, the operations a few to a message', async () => {
    // A copy of a spec (other bytes, not to race the first for its cache file): its operations
    // are dropped as loadCatalog drops them.
    const copy = path.join(tempSubdir(), 'copy.yaml');
    writeFileSync(copy, `${readFileSync(YAML_30, 'utf8')}\n# a copy\n`);
    const sources = [YAML_30, JSON_31, copy, VARIABLES];
    const inThread = progressRecorder();
    const offThread = progressRecorder();
    const expected = await loadCatalog(sources, { cacheDir: tempCacheDir(), ...inThread });
    const catalog = await loadCatalogOffThread(sources, {
      cacheDir: tempCacheDir(),
      workerUrl: WORKER,
      batchSize: 3,
      ...offThread,
    });
    expect(catalog.operations.length).toBeGreaterThan(10);
    expect(comparable(catalog)).toEqual(comparable(expected));
    expect(catalog.warnings.some((w) => w.includes('already listed by an earlier spec'))).toBe(
      true,
    );
    // The specs load in parallel in either thread: the same lines, perhaps interleaved otherwise.
    expect([...offThread.lines].sort()).toEqual([...inThread.lines].sort());
    expect(offThread.lines).toContain('quirks-3.1.json: parsing quirks-3.1.json (1.5 KB)…');
  });

  it('reads the cache the worker wrote: the same operations, from the cache', async () => {
    const cacheDir = tempCacheDir();
    const first = await loadCatalogOffThread([JSON_31], { cacheDir, workerUrl: WORKER });
    const second = await loadCatalogOffThread([JSON_31], { cacheDir, workerUrl: WORKER });
    expect(first.specs[0]?.fromCache).toBe(false);
    expect(second.specs[0]?.fromCache).toBe(true);
    expect(second.operations).toEqual(first.operations);
  });

  it('rejects with the error loadCatalog throws: message, hint, code and exit code', async () => {
    // The limits cross to the worker: a 100-byte limit refuses the file there.
    const limits = { maxBytes: 100, timeoutMs: 60_000, maxBytesSetBy: 'flag' as const };
    const options = { cacheDir: tempCacheDir(), limits };
    const expected = await rejectionOf(loadCatalog([YAML_30], options));
    const error = await rejectionOf(
      loadCatalogOffThread([YAML_30], { ...options, workerUrl: WORKER }),
    );
    expect(errorFields(error)).toEqual(errorFields(expected));
    expect(errorFields(error)).toMatchObject({ code: SPEC_TOO_LARGE, exitCode: 2 });
    expect((error as KeyholeError).hint).toContain('--max-spec-size');
  });

  it('keeps what loaded beside a spec that failed, the failure a KeyholeError still', async () => {
    const missing = path.join(tempSubdir(), 'nowhere.yaml');
    const expected = await loadCatalog([JSON_31, missing], { cacheDir: tempCacheDir() });
    const catalog = await loadCatalogOffThread([JSON_31, missing], {
      cacheDir: tempCacheDir(),
      workerUrl: WORKER,
    });
    expect(catalog.failures).toHaveLength(1);
    expect(comparable(catalog)).toEqual(comparable(expected));
  });

  it('hands a cache it cannot write to onCacheError as a KeyholeError', async () => {
    // A file where the cache folder should be: the index cannot be written, the load succeeds.
    const blocked = path.join(tempSubdir(), 'a-file');
    writeFileSync(blocked, '');
    const cacheDir = path.join(blocked, 'cache');
    const inThread: KeyholeError[] = [];
    const offThread: KeyholeError[] = [];
    await loadCatalog([JSON_31], { cacheDir, onCacheError: (e) => inThread.push(e) });
    const catalog = await loadCatalogOffThread([JSON_31], {
      cacheDir,
      workerUrl: WORKER,
      onCacheError: (e) => offThread.push(e),
    });
    expect(catalog.operations.length).toBeGreaterThan(0);
    expect(offThread.map(errorFields)).toEqual(inThread.map(errorFields));
    expect(offThread).toHaveLength(1);
  });

  describe('a spec downloaded from a URL', () => {
    let server: TestServer;
    const bytes = readFileSync(VARIABLES);
    beforeAll(async () => {
      server = await startServer((_req, res) =>
        res.writeHead(200, { 'content-length': bytes.length }).end(bytes),
      );
    });
    afterAll(() => server.close());

    it('reports the download on this thread and resolves servers as loadCatalog does', async () => {
      const url = `${server.origin}/specs/variables.yaml`;
      const downloads: unknown[] = [];
      const expected = await loadCatalog([url], { cacheDir: tempCacheDir() });
      const catalog = await loadCatalogOffThread([url], {
        cacheDir: tempCacheDir(),
        workerUrl: WORKER,
        onDownload: (progress) => downloads.push(progress),
      });
      expect(downloads).toEqual([
        { source: url, name: url, received: bytes.length, total: bytes.length },
      ]);
      const withoutTimes = (c: Catalog) => {
        const spec = comparable(c).specs.map((s) => ({
          ...s,
          download: { ...s.download, fetchedAt: 0 },
        }));
        return { ...comparable(c), specs: spec };
      };
      expect(withoutTimes(catalog)).toEqual(withoutTimes(expected));
    });
  });

  it('ends the worker when aborted and rejects with the reason', async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      loadCatalogOffThread([GITHUB], {
        cacheDir: tempCacheDir(),
        workerUrl: WORKER,
        signal: controller.signal,
        // Said as the worker starts parsing the 13 MB document.
        onProgress: () => controller.abort(),
      }),
    );
    expect(error).toBe(controller.signal.reason);
  });

  describe('leaves nothing running: a process that loads and returns ends by itself', () => {
    let child: string;
    beforeAll(async () => {
      child = await bundleWorker('test/support/off-thread-load.ts');
    });
    const run = async (...args: string[]) => {
      const { stdout } = await promisify(execFile)(process.execPath, [child, ...args]);
      return JSON.parse(stdout) as unknown;
    };

    it('after a load', async () => {
      expect(await run(JSON_31, tempCacheDir())).toEqual({ operations: 3 });
    });

    it('after an abort', async () => {
      expect(await run(GITHUB, tempCacheDir(), 'abort')).toEqual({ error: 'AbortError' });
    });
  });

  describe('a worker that dies after it started: a KeyholeError, not a second load', () => {
    // Stand-ins for a crash (out of memory, a bug): the real worker cannot be made to die so.
    const dying = (body: string) => {
      const file = path.join(tempSubdir(), 'catalog-worker.mjs');
      writeFileSync(
        file,
        `import { workerData } from 'node:worker_threads';\n` +
          `Atomics.store(workerData.started, 0, 1);\n${body}\n`,
      );
      return pathToFileURL(file);
    };

    it('by an exception', async () => {
      const workerUrl = dying("throw new Error('out of luck');");
      const error = await rejectionOf(loadCatalogOffThread([JSON_31], { workerUrl }));
      expect(error).toBeInstanceOf(KeyholeError);
      expect((error as Error).message).toBe('the thread loading the specs stopped: out of luck');
    });

    it('by exiting', async () => {
      const workerUrl = dying('process.exit(3);');
      const error = await rejectionOf(loadCatalogOffThread([JSON_31], { workerUrl }));
      expect((error as Error).message).toBe(
        'the thread loading the specs stopped: it exited with code 3',
      );
    });
  });

  describe('without a worker it can start, it loads in this thread', () => {
    it('when the file is missing (the TypeScript source has none beside it)', async () => {
      const expected = await loadCatalog([JSON_31], { cacheDir: tempCacheDir() });
      const catalog = await loadCatalogOffThread([JSON_31], {
        cacheDir: tempCacheDir(),
        workerUrl: pathToFileURL(path.join(tempSubdir(), 'catalog-worker.js')),
      });
      expect(comparable(catalog)).toEqual(comparable(expected));
    });

    it('when the worker fails before it starts (a chunk missing)', async () => {
      const broken = path.join(tempSubdir(), 'catalog-worker.mjs');
      writeFileSync(broken, "import './chunks/gone.js';\n");
      const expected = await loadCatalog([JSON_31], { cacheDir: tempCacheDir() });
      const catalog = await loadCatalogOffThread([JSON_31], {
        cacheDir: tempCacheDir(),
        workerUrl: pathToFileURL(broken),
      });
      expect(comparable(catalog)).toEqual(comparable(expected));
    });
  });
});

describe('bundledWorkerUrl', () => {
  it('finds dist/catalog-worker.js from the entry or from a chunk', () => {
    const worker = 'file:///opt/keyhole/dist/catalog-worker.js';
    expect(bundledWorkerUrl('file:///opt/keyhole/dist/keyhole.js').href).toBe(worker);
    expect(bundledWorkerUrl('file:///opt/keyhole/dist/chunks/run-ABC.js').href).toBe(worker);
  });

  it('names the worker the build wrote, from the chunk that holds the loader', () => {
    const meta = JSON.parse(readFileSync('dist/meta.json', 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown>; entryPoint?: string }>;
    };
    const [chunk] =
      Object.entries(meta.outputs).find(
        ([, output]) => 'src/core/catalog/load-off-thread.ts' in output.inputs,
      ) ?? [];
    const [worker] =
      Object.entries(meta.outputs).find(
        ([, output]) => output.entryPoint === 'src/core/catalog/catalog-worker.ts',
      ) ?? [];
    expect(chunk).toBeDefined();
    expect(worker).toBe('dist/catalog-worker.js');
    expect(bundledWorkerUrl(pathToFileURL(path.resolve(chunk ?? '')).href).href).toBe(
      pathToFileURL(path.resolve('dist/catalog-worker.js')).href,
    );
  });
});
