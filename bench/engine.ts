// Bundled by bench/run.mjs: measures keyhole's core against plain library baselines in one run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { loadSpec } from '../src/core/catalog/index.js';
import { searchOperations } from '../src/core/catalog/index.js';
import { closeDispatchers, sendRequest } from '../src/core/http/index.js';

const BODY = JSON.stringify({
  items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}` })),
});

async function time(label: string, runs: number, body: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, runs); i += 1) await body();
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) await body();
  const ms = performance.now() - started;
  console.error(`  ${label}: ${runs} in ${ms.toFixed(0)} ms (${Math.round((runs / ms) * 1000)}/s)`);
  return ms;
}

/** Sequential keep-alive requests: keyhole's engine vs undici `request` on its own Agent. */
export async function requestThroughput(
  runs: number,
): Promise<{ engineMs: number; undiciMs: number; fetchMs: number }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(BODY),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/items`;
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const undiciMs = await time('undici request', runs, async () => {
    const { body } = await request(url, { dispatcher: agent });
    await body.arrayBuffer();
  });
  const engineMs = await time('keyhole sendRequest', runs, () =>
    sendRequest({ method: 'GET', url, headers: {} }),
  );
  const fetchMs = await time('fetch (for reference)', Math.floor(runs / 2), async () => {
    await (await fetch(url)).arrayBuffer();
  });
  await agent.close();
  await closeDispatchers();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return { engineMs, undiciMs, fetchMs: fetchMs * 2 };
}

/** A spec loaded cold (parse + dereference) vs from the content-hash index cache. */
export async function catalogLoad(
  spec: string,
): Promise<{ firstMs: number; cachedMs: number; operations: number; searchMs: number }> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-cache-'));
  try {
    const first = await loadSpec(spec, { cacheDir });
    const cachedRuns = 5;
    let cachedMs = 0;
    for (let i = 0; i < cachedRuns; i += 1)
      cachedMs += (await loadSpec(spec, { cacheDir })).elapsedMs;
    const queries = [
      'a',
      'ac',
      'acc',
      'acce',
      'acces',
      'access',
      'access r',
      'access re',
      'access req',
    ];
    searchOperations(first.operations, 'warm');
    const started = performance.now();
    for (const query of queries) searchOperations(first.operations, query, 50);
    return {
      firstMs: first.elapsedMs,
      cachedMs: cachedMs / cachedRuns,
      operations: first.operations.length,
      searchMs: (performance.now() - started) / queries.length,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
