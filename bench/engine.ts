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

interface Client {
  readonly label: string;
  readonly runs: number;
  readonly one: () => Promise<unknown>;
  /** Timed milliseconds, summed over the rounds. */
  ms: number;
  /** Connections the server accepted while this client ran, warm-up included. */
  connections: number;
}

/** Runs `one` `count` times in a row and returns the elapsed milliseconds. */
async function loop(count: number, one: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await one();
  return performance.now() - started;
}

function makeClient(label: string, runs: number, one: () => Promise<unknown>): Client {
  return { label, runs, one, ms: 0, connections: 0 };
}

/** A bearer token of a SailPoint access token's size: about 1 KB, JWT-shaped. */
const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${'eyJ0ZW5hbnQiOiJhY21lIn0'.repeat(40)}.${'c2lnbmF0dXJl'.repeat(8)}`;

/**
 * Sequential keep-alive GETs to one in-process server: keyhole's engine vs undici `request` on its
 * own Agent; the same again with a bearer token (keyhole then also scrubs the token out of every
 * response; undici just sends the header), and fetch for reference at half the count. Each pair
 * runs in ROUNDS rounds whose order alternates (AB, BA, …), so a burst of load from the other
 * people on the machine, GC debt or a JIT tier-up hits both sides about equally instead of
 * whichever ran in that second. Times are sums over the rounds.
 */
export async function requestThroughput(runs: number): Promise<{
  engineMs: number;
  undiciMs: number;
  fetchMs: number;
  /** With `Authorization: Bearer <1 KB token>` on every request, for both. */
  tokenEngineMs: number;
  tokenUndiciMs: number;
  rounds: number;
  /** Connections each client opened (undici request keeps two busy, keyhole one). */
  connections: { engine: number; undici: number; fetch: number };
}> {
  const ROUNDS = 10;
  let connections = 0;
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(BODY),
  );
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/v3/items`;
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const viaUndici = async (headers: Record<string, string>) => {
    const { body } = await request(url, { dispatcher: agent, headers });
    await body.arrayBuffer();
  };
  const authorization = { origin, getToken: () => Promise.resolve(TOKEN) };
  const undici = makeClient('undici request', runs, () => viaUndici({}));
  const engine = makeClient('keyhole sendRequest', runs, () =>
    sendRequest({ method: 'GET', url, headers: {} }),
  );
  const tokenUndici = makeClient('undici request, with a token', runs, () =>
    viaUndici({ authorization: `Bearer ${TOKEN}` }),
  );
  const tokenEngine = makeClient('keyhole sendRequest, with a token', runs, () =>
    sendRequest({ method: 'GET', url, headers: {} }, { authorization }),
  );
  const viaFetch = makeClient('fetch (for reference)', Math.floor(runs / 2), async () => {
    await (await fetch(url)).arrayBuffer();
  });
  // Counts the connections each client opens, so a difference in pooling shows next to the times.
  const timed = async (client: Client, count: number) => {
    const before = connections;
    const ms = await loop(count, client.one);
    client.connections += connections - before;
    return ms;
  };
  // The first two rounds (one in each order) are the warm-up: the JIT and the GC settle in them,
  // and are far from settled after a few hundred requests.
  const inRounds = async (clients: readonly Client[]) => {
    for (let round = -2; round < ROUNDS; round += 1) {
      for (const client of round % 2 === 0 ? clients : [...clients].reverse()) {
        const count = Math.floor(client.runs / ROUNDS) + (round < client.runs % ROUNDS ? 1 : 0);
        const ms = await timed(client, count);
        if (round >= 0) client.ms += ms;
      }
    }
  };
  const clients = [undici, engine, tokenUndici, tokenEngine, viaFetch];
  // Pair by pair, so in each pair both sides run first and last, after themselves and after the
  // other, equally often. Fetch leaves several times the garbage of the others (which whoever
  // runs next collects): it runs on its own.
  await inRounds([undici, engine]);
  await inRounds([tokenUndici, tokenEngine]);
  await inRounds([viaFetch]);
  for (const client of clients) {
    console.error(
      `  ${client.label}: ${client.runs} in ${client.ms.toFixed(0)} ms ` +
        `(${Math.round((client.runs / client.ms) * 1000)}/s)`,
    );
  }
  await agent.close();
  await closeDispatchers();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return {
    engineMs: engine.ms,
    undiciMs: undici.ms,
    fetchMs: (viaFetch.ms * runs) / viaFetch.runs,
    tokenEngineMs: tokenEngine.ms,
    tokenUndiciMs: tokenUndici.ms,
    rounds: ROUNDS,
    connections: {
      engine: engine.connections,
      undici: undici.connections,
      fetch: viaFetch.connections,
    },
  };
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
