// `npm run bench`: speed targets as ratios against a baseline measured in the same run, so the
// figures mean the same on a fast laptop and a busy CI box. Exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleBenchFile } from './bundle.mjs';
import { row } from './rows.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const configDir = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-'));
// Every bench script reports its rows here too (bench/rows.mjs), for the table at the end.
const rowsFile = path.join(configDir, 'rows.jsonl');
process.env.KEYHOLE_BENCH_ROWS = rowsFile;
const env = { ...process.env, KEYHOLE_CONFIG_DIR: configDir, NO_COLOR: '1' };
const results = [];

/** Median wall time of a command over RUNS runs, after one warm-up. */
function median(args) {
  const times = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    if (i > 0) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

console.log(`start-up (median of ${RUNS}; baseline: node -e 0)`);
const baseline = median(['-e', '0']);
spawnSync(
  process.execPath,
  ['dist/keyhole.js', 'profiles', 'add', 'bench', '--base-url', 'https://a.example.com'],
  { env },
);
const startUp = (figure, args, maxRatio) =>
  results.push(
    row({ figure, measured: median(args), baseline, baselineName: 'node -e 0', maxRatio }),
  );
startUp('keyhole --help', ['dist/keyhole.js', '--help'], 1.5);
startUp('keyhole profiles list', ['dist/keyhole.js', 'profiles', 'list'], 2);
startUp('keyhole profiles list --json', ['dist/keyhole.js', 'profiles', 'list', '--json'], 2);

const engineFile = await bundleBenchFile('engine');
const engine = await import(pathToFileURL(engineFile).href);

console.log('request engine (sequential keep-alive GETs on 127.0.0.1; baseline: undici request)');
const requests = Number(process.env.BENCH_REQUESTS ?? 3000);
const throughput = await engine.requestThroughput(requests);
results.push(
  row({
    figure: `engine: ${requests} keep-alive GETs through sendRequest`,
    measured: throughput.engineMs,
    baseline: throughput.undiciMs,
    baselineName: 'undici request',
    maxRatio: 1.1,
  }),
);
console.log(
  `      (fetch for reference: ${(throughput.fetchMs / throughput.undiciMs).toFixed(2)}× undici request)`,
);

const spec = path.resolve(
  process.env.KEYHOLE_SPECS_DIR || '../shared/specs/sailpoint',
  'beta.yaml',
);
if (existsSync(spec)) {
  console.log(`OpenAPI catalog (${spec}; baseline: the first, uncached load)`);
  const catalog = await engine.catalogLoad(spec);
  results.push(
    row({
      figure: `cached load of SailPoint beta (${catalog.operations} operations)`,
      measured: catalog.cachedMs,
      baseline: catalog.firstMs,
      baselineName: 'first load',
      maxRatio: 0.1,
    }),
  );
  console.log(
    `      (search: ${catalog.searchMs.toFixed(2)} ms a keystroke over ${catalog.operations} operations)`,
  );
} else {
  console.log(`SKIPPED catalog bench: ${spec} is absent`);
}

// One CLI call with the token cached, and token reuse across processes (bench/call.mjs).
const oneCall = spawnSync(process.execPath, ['bench/call.mjs'], { stdio: 'inherit' });
results.push(oneCall.status === 0);

// The TUI's first frame in a pseudo-terminal, beside Node + Ink + React alone (bench/tui-start.mjs).
const tuiStart = spawnSync(process.execPath, ['bench/tui-start.mjs'], { stdio: 'inherit' });
results.push(tuiStart.status === 0);

// A 20 MB and a 50 MB JSON body in the TUI (bench/body.mjs).
const body = spawnSync(process.execPath, ['bench/body.mjs'], { stdio: 'inherit' });
results.push(body.status === 0);

// The catalog at real-world scale: Graph beta, DocuSign, GitHub, Kubernetes (bench/catalog.mjs).
const catalogScale = spawnSync(process.execPath, ['bench/catalog.mjs'], { stdio: 'inherit' });
results.push(catalogScale.status === 0);

// Typing in the endpoint search over a Graph-beta-sized catalog (bench/search.mjs, ≤ 50 ms a key).
const search = spawnSync(process.execPath, ['bench/search.mjs'], { stdio: 'inherit' });
results.push(search.status === 0);

// The TUI's thread while Graph beta loads through the catalog worker (bench/tui-load.mjs,
// no stall over 100 ms), beside loading it in the thread itself.
const tuiLoad = spawnSync(process.execPath, ['bench/tui-load.mjs'], { stdio: 'inherit' });
results.push(tuiLoad.status === 0);

printTable(readFileSync(rowsFile, 'utf8'));
rmSync(configDir, { recursive: true, force: true });
process.exit(results.every(Boolean) ? 0 : 1);

/** Every row of the run side by side, as a Markdown table (README's performance section). */
function printTable(jsonLines) {
  const rows = jsonLines
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const columns = ['figure', 'measured', 'baseline', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [
    r.figure,
    r.measured,
    r.baseline,
    r.ratio,
    r.target,
    r.ok === undefined ? '' : r.ok ? 'yes' : 'no',
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `\nall rows of this run (node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}):\n`,
  );
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  cells.forEach((r) => console.log(line(r)));
}
