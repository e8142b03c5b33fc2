// `npm run bench`: speed targets as ratios against a baseline measured in the same run, so the
// figures mean the same on a fast laptop and a busy CI box. Exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const configDir = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-'));
const env = { ...process.env, KEYHOLE_CONFIG_DIR: configDir, NO_COLOR: '1' };

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

const baseline = median(['-e', '0']);
spawnSync(
  process.execPath,
  ['dist/keyhole.js', 'profiles', 'add', 'bench', '--base-url', 'https://a.example.com'],
  { env },
);

const cases = [
  { name: 'keyhole --help', args: ['dist/keyhole.js', '--help'], maxRatio: 2.5 },
  { name: 'keyhole profiles list', args: ['dist/keyhole.js', 'profiles', 'list'], maxRatio: 3 },
  {
    name: 'keyhole profiles list --json',
    args: ['dist/keyhole.js', 'profiles', 'list', '--json'],
    maxRatio: 3,
  },
];

let failed = false;
console.log(`baseline  node -e 0: ${baseline.toFixed(1)} ms (median of ${RUNS})`);
for (const c of cases) {
  const ms = median(c.args);
  const ratio = ms / baseline;
  const ok = ratio <= c.maxRatio;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${ms.toFixed(1)} ms = ${ratio.toFixed(2)}× baseline (target ≤ ${c.maxRatio}×)`,
  );
}
rmSync(configDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
