// `node bench/tui-start.mjs` (part of `npm run bench`; needs dist/, so build first): how long
// `keyhole --demo` takes from spawn to its first full frame in a pseudo-terminal, as a multiple of
// `node -e` printing one line through the same pseudo-terminal in the same run (target ≤ 2.5×).
//
// Each process runs under `script -qfc "stty cols 120 rows 40; exec …" /dev/null` (a real pty of
// 120×40; without stty it has 0 columns), spawned with pipes. The time runs from spawn until the
// pty's output, ANSI codes stripped, holds the frame's marker:
// - keyhole: every demo profile's name (the Profiles panel lists them all), then after the last
//   of them the footer's "? help", the frame's last line. Ink writes a frame in one write, so the
//   footer after the list proves the whole frame reached the terminal, not only its top;
// - the floor: "ready" and the box's bottom border after it;
// - the baseline: the line it prints.
// Then the process is killed (SIGTERM to the pid the shell prints before exec: keyhole cleans up
// its demo folder) and the next starts once `script` is gone. The three alternate within each
// round, so load that comes and goes weighs on all of them; medians over BENCH_RUNS (15) rounds
// after one warm-up round.
//
// The floor is Node + Ink + React alone drawing one round box (bench/tui-floor.tsx), bundled as
// dist/ is (bench/bundle.mjs, packages bundled): no Node TUI on Ink starts sooner. Its ratio is
// printed so a missed target can be told apart from what the stack itself costs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { row } from './rows.mjs';
import { bundleBenchFile } from './bundle.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET = 2.5;
/** The demo tenant's clients as profiles (src/demo/clients.ts), in the order they are listed. */
const DEMO_PROFILES = ['demo-api', 'demo-pat', 'demo-helpdesk', 'demo-app', 'demo-scoped'];
const TIMEOUT_MS = 20_000;

if (spawnSync('script', ['--version']).error) {
  console.log('SKIPPED TUI first frame bench: util-linux `script` is not installed');
  process.exit(0);
}

const work = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-tui-start-'));
const env = {
  ...process.env,
  KEYHOLE_CONFIG_DIR: path.join(work, 'config'),
  TERM: 'xterm-256color',
};
delete env.CI;
delete env.NO_COLOR;

/** Escape sequences: CSI (colours, cursor moves), OSC (titles, links), charset and 2-byte ones. */
const ANSI =
  // eslint-disable-next-line no-control-regex
  /\u001B(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[()][0-9A-B]|.)/g;

/** After the last of `words`, `then`: the frame down to that line has been written. */
function drawn(words, then) {
  return (text) => {
    if (!words.every((word) => text.includes(word))) return false;
    const last = Math.max(...words.map((word) => text.lastIndexOf(word) + word.length));
    return text.indexOf(then, last) !== -1;
  };
}

/** Signals a process that may have ended by itself already (the baseline does). */
function stop(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

const quote = (word) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Milliseconds from spawning `argv` in a 120×40 pty until `done(output without ANSI codes)`;
 * then the process is stopped and awaited.
 */
function firstFrame(argv, done) {
  const shell = `stty cols 120 rows 40; echo "pid:$$:"; exec ${argv.map(quote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfc', shell, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let output = '';
    let pid;
    let elapsed;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      if (pid) stop(pid, 'SIGKILL');
      reject(new Error(`${argv.join(' ')}: no frame after ${TIMEOUT_MS} ms:\n${output}`));
    }, TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data) => {
      if (elapsed !== undefined) return;
      output += data;
      const text = output.replace(ANSI, '');
      pid ??= Number(/pid:(\d+):/.exec(text)?.[1]) || undefined;
      if (pid === undefined || !done(text.slice(text.indexOf(`pid:${pid}:`)))) return;
      elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      stop(pid, 'SIGTERM');
    });
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      if (elapsed === undefined) reject(new Error(`${argv.join(' ')} ended early:\n${output}`));
      else resolve(elapsed);
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const floorFile = await bundleBenchFile('tui-floor', {
  file: 'bench/tui-floor.tsx',
  packages: 'bundled',
});
const subjects = {
  baseline: {
    argv: [process.execPath, '-e', 'console.log("node-ready")'],
    done: (text) => text.includes('node-ready'),
  },
  floor: { argv: [process.execPath, floorFile], done: drawn(['ready'], '╰') },
  keyhole: {
    argv: [process.execPath, 'dist/keyhole.js', '--demo'],
    done: drawn(DEMO_PROFILES, '? help'),
  },
};
const times = { baseline: [], floor: [], keyhole: [] };
try {
  for (let round = 0; round <= RUNS; round += 1) {
    for (const [name, { argv, done }] of Object.entries(subjects)) {
      const ms = await firstFrame(argv, done);
      if (round > 0) times[name].push(ms);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const baseline = median(times.baseline);
const floor = median(times.floor);
const keyhole = median(times.keyhole);
console.log(`TUI start-up in a 120×40 pty (median of ${RUNS}; baseline: node -e printing a line)`);
const ok = row({
  figure: 'TUI first frame (keyhole --demo)',
  measured: keyhole,
  baseline,
  baselineName: 'node -e',
  maxRatio: TARGET,
  note: `(${(keyhole - floor).toFixed(0)} ms above the floor)`,
});
row({
  figure: 'floor: Node + Ink + React, one Box',
  measured: floor,
  baseline,
  baselineName: 'node -e',
});
process.exit(ok ? 0 : 1);
