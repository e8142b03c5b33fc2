// `node bench/idle-bytes.mjs [seconds] [columns]x[rows] [wait]`: how many bytes the TUI writes to its
// terminal per second while nobody touches it (the demo tenant, its token ready and counting
// down). Runs the built dist/keyhole.js in a tmux server on a private socket and counts what the
// pane outputs with pipe-pane, after `wait` more seconds (to reach the token's last minutes). Over SSH every one of these bytes crosses the network.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const seconds = Number(process.argv[2] ?? 10);
const [columns, rows] = (process.argv[3] ?? '120x40').split('x').map(Number);
const wait = Number(process.argv[4] ?? 0);
const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-idle-'));
const socket = path.join(dir, 'tmux.sock');
const capture = path.join(dir, 'pane.out');
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: dir,
  TMPDIR: dir,
  KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
};
const tmux = (...args) =>
  execFileSync('tmux', ['-u', '-S', socket, ...args], { env, encoding: 'utf8' });
const size = () => {
  try {
    return statSync(capture).size;
  } catch {
    return 0;
  }
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

try {
  writeFileSync(capture, '');
  tmux(
    'new-session',
    '-d',
    '-x',
    String(columns),
    '-y',
    String(rows),
    `exec node ${path.resolve('dist/keyhole.js')} --demo`,
  );
  tmux('pipe-pane', '-o', `cat >> ${capture}`);
  // Wait for the token to be ready: the header then counts down.
  const started = Date.now();
  while (!/authorities/.test(tmux('capture-pane', '-p'))) {
    if (Date.now() - started > 20_000)
      throw new Error(`no countdown:\n${tmux('capture-pane', '-p')}`);
    await sleep(100);
  }
  await sleep(1500 + wait * 1000);
  const before = size();
  await sleep(seconds * 1000);
  const written = size() - before;
  const shown = tmux('capture-pane', '-p').split('\n')[1] ?? '';
  console.log(
    `${columns}×${rows}, idle ${seconds} s: ${written} bytes, ${(written / seconds).toFixed(0)} B/s`,
  );
  console.log(`header: ${shown.trim()}`);
  if (process.env.IDLE_DUMP)
    console.log(JSON.stringify(readFileSync(capture, 'utf8').slice(-4000)));
} finally {
  spawnSync('tmux', ['-S', socket, 'kill-server'], { env, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
