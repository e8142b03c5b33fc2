// `node bench/body.mjs`: a big JSON response body in the TUI, measured on the app as people run it:
// the built dist/keyhole.js in a real pseudo-terminal (util-linux `script`, 120×40), sending a GET
// to a server in this process on 127.0.0.1 that serves a generated body (bench/body-json.mjs) with
// a static-token profile. A probe preloaded into the TUI (bench/body-probe.mjs) records every gap
// of its main thread's event loop and its peak RSS; this process reads what the terminal shows.
// - last byte → first body frame: from the server handing the body's last byte to the socket to
//   the terminal receiving the frame that shows the body's first record (the note adds when the
//   frame with the whole body's line count came);
// - longest frame while formatting: the longest gap of the TUI's event loop from that last byte
//   to one second after the whole body is shown (no key is read, no repaint happens in a gap);
// - scroll key → next frame: a key written to the terminal (j ×10, then G and g) until the
//   frame that shows the new window ("lines 2-…") arrives, median of those keys;
// - peak RSS: the TUI process's maximum resident set, worker threads included.
// Each size runs in a TUI process of its own, BENCH_BODY_RUNS times (3); figures are medians.
// Needs dist/: `npm run build` first (npm run bench does).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { FIRST_RECORD_ID, generatedJsonBody } from './body-json.mjs';
import { row } from './rows.mjs';

const RUNS = Number(process.env.BENCH_BODY_RUNS ?? 3);
const MIB = 1024 * 1024;
const DEADLINE_MS = 120_000;
const SETTLE_MS = 1000;
const keyhole = path.resolve('dist/keyhole.js');
const probe = path.resolve('bench/body-probe.mjs');
if (!existsSync(keyhole)) {
  console.log(`FAIL  body bench: ${keyhole} is absent (run npm run build first)`);
  process.exit(1);
}

const wall = () => performance.timeOrigin + performance.now();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// eslint-disable-next-line no-control-regex -- the terminal's escape sequences are what is cut
const plain = (text) => text.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');

const sizes = {
  twenty: { mb: 20, body: generatedJsonBody(20 * MIB) },
  fifty: { mb: 50, body: generatedJsonBody(50 * MIB) },
};
/** When the server handed the last byte of each body to the socket, by size name. */
const lastByteAt = new Map();
const server = createServer(async (request, response) => {
  const name = /^\/bodies\/(\w+)$/.exec(request.url ?? '')?.[1];
  const size = name && sizes[name];
  if (!size) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': size.body.length,
  });
  // 64 KiB writes, as a server streaming a big response does.
  for (let at = 0; at < size.body.length; at += 64 * 1024) {
    if (!response.write(size.body.subarray(at, at + 64 * 1024))) {
      await new Promise((resolve) => response.once('drain', resolve));
    }
  }
  response.end(() => lastByteAt.set(name, wall()));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-body-'));
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: dir,
  TMPDIR: dir,
  KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
  BENCH_TOKEN: 'bench-static-token',
};
const spec = path.join(dir, 'bodies.json');
writeFileSync(
  spec,
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'bench bodies', version: '1' },
    paths: Object.fromEntries(
      Object.keys(sizes).map((name) => [
        `/bodies/${name}`,
        { get: { operationId: `get-${name}`, responses: { 200: { description: 'a big body' } } } },
      ]),
    ),
  }),
);
const added = spawnSync(
  process.execPath,
  [
    ...[keyhole, 'profiles', 'add', 'bench', '--base-url', `http://127.0.0.1:${port}`],
    ...['--grant', 'static', '--secret', 'env:BENCH_TOKEN', '--spec', spec],
  ],
  { env, encoding: 'utf8' },
);
if (added.status !== 0) throw new Error(`profiles add exited ${added.status}: ${added.stderr}`);

/** One TUI process: send the body's request, read it, scroll it, quit. */
async function measure(name) {
  const probeFile = path.join(dir, `probe-${name}-${Date.now()}.json`);
  const nodeArgs = process.env.BENCH_BODY_NODE_ARGS ?? '';
  const command = `stty cols 120 rows 40; exec node ${nodeArgs} --import ${probe} ${keyhole} --profile bench`;
  const child = spawn('script', ['-qfc', command, '/dev/null'], {
    env: { ...env, BENCH_PROBE_FILE: probeFile },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const decoder = new StringDecoder('utf8');
  let screen = '';
  let waiter = null;
  child.stdout.on('data', (chunk) => {
    screen += decoder.write(chunk);
    const found = waiter?.test(screen.slice(waiter.from));
    if (found) {
      const { resolve } = waiter;
      waiter = null;
      resolve({ at: wall(), found });
    }
  });
  /** When (wall clock, ms) the terminal received text after offset `from` that `test` accepts. */
  const until = (test, what, from) => {
    const found = test(screen.slice(from));
    if (found) return Promise.resolve({ at: wall(), found });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter = null;
        reject(new Error(`no ${what} on screen; the last of it:\n${plain(screen.slice(-3000))}`));
      }, DEADLINE_MS);
      waiter = { test, from, resolve: (result) => (clearTimeout(timer), resolve(result)) };
    });
  };
  const waitFor = async (text, from = 0) =>
    (await until((since) => since.includes(text), `"${text}"`, from)).at;
  const press = (key) => {
    const from = screen.length;
    child.stdin.write(key);
    return { from, at: wall() };
  };
  try {
    await waitFor(`/bodies/${name}`);
    press('/');
    await waitFor('type to filter');
    // Enter once the list holds only this body's operation (of the spec's two).
    const typed = press(name);
    await waitFor(' 1/2 · predicted', typed.from);
    press('\r');
    await waitFor(`127.0.0.1:${port}/bodies/${name}`);
    lastByteAt.delete(name);
    const sent = press('s');
    const frameAt = await waitFor(FIRST_RECORD_ID, sent.from);
    const lastAt = lastByteAt.get(name);
    if (lastAt === undefined) throw new Error('the body was shown before it was sent whole');
    // Formatted whole: the line count without the "+ · formatting…" of the first screen.
    const whole = await until(
      (since) => /lines 1-\d+ of ([\d,]+)(?![\d,+])/.exec(plain(since)),
      'the whole body',
      sent.from,
    );
    const formattedAt = whole.at;
    const total = whole.found[1];
    await sleep(SETTLE_MS);
    const scrolls = [];
    for (let line = 2; line <= 11; line += 1) {
      const key = press('j');
      scrolls.push((await waitFor(`lines ${line}-`, key.from)) - key.at);
      await sleep(100);
    }
    const bottom = press('G');
    scrolls.push((await waitFor(`-${total} of ${total}`, bottom.from)) - bottom.at);
    await sleep(100);
    const top = press('g');
    scrolls.push((await waitFor('lines 1-', top.from)) - top.at);
    press('q');
    await exited;
    const { gaps, maxRssKb, clocks } = JSON.parse(readFileSync(probeFile, 'utf8'));
    const longest = Math.max(
      0,
      ...gaps
        .filter(([end, gap]) => end > lastAt && end - gap < formattedAt + SETTLE_MS)
        .map(([, gap]) => gap),
    );
    if (process.env.BENCH_BODY_DEBUG) {
      writeFileSync(path.join(tmpdir(), `keyhole-bench-body-${name}.screen`), plain(screen));
      writeFileSync(
        path.join(tmpdir(), `keyhole-bench-body-${name}.gaps.json`),
        JSON.stringify({ gaps, clocks, lastAt, frameAt, formattedAt }),
      );
      const near = gaps.filter(([end]) => end > sent.at && end < formattedAt + SETTLE_MS);
      console.log(
        `${name}: sent at -${ms(lastAt - sent.at)} ms, first frame at +${ms(frameAt - lastAt)} ms, whole at +${ms(formattedAt - lastAt)} ms; gaps (end, length):`,
        near.map(([end, gap]) => `+${ms(end - lastAt)}:${ms(gap)}`).join(' '),
      );
    }
    return {
      toFrame: frameAt - lastAt,
      toWhole: formattedAt - lastAt,
      longest,
      scroll: median(scrolls),
      slowestScroll: Math.max(...scrolls),
      rssMb: maxRssKb / 1024,
      lines: total,
    };
  } finally {
    child.kill('SIGKILL');
  }
}

const ms = (value) => `${Math.round(value)}`;
const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(', ');
console.log(`a big JSON body in the TUI (120×40 pty), median of ${RUNS}; load average ${load}`);
const results = { twenty: [], fifty: [] };
try {
  for (let run = 0; run < RUNS; run += 1) {
    for (const name of Object.keys(results)) results[name].push(await measure(name));
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

const figure = (name, key) => median(results[name].map((r) => r[key]));
const runs = (name, key) => `(runs: ${results[name].map((r) => ms(r[key])).join(', ')})`;
const about = (name) =>
  `${(sizes[name].body.length / MIB).toFixed(1)} MiB, ${results[name][0].lines} lines`;
const ok = [
  row({
    figure: '20 MB body: last byte → first body frame',
    measured: figure('twenty', 'toFrame'),
    max: 1000,
    note: `${runs('twenty', 'toFrame')} ${about('twenty')}; formatted whole at ${ms(figure('twenty', 'toWhole'))} ms`,
  }),
  row({
    figure: '20 MB body: longest frame while formatting',
    measured: figure('twenty', 'longest'),
    max: 100,
    note: runs('twenty', 'longest'),
  }),
  row({
    figure: '20 MB body: scroll key → next frame',
    measured: figure('twenty', 'scroll'),
    max: 50,
    note: `(j ×10, G, g; slowest key ${ms(figure('twenty', 'slowestScroll'))} ms)`,
  }),
  row({
    figure: '20 MB body: peak RSS',
    measured: figure('twenty', 'rssMb'),
    max: 300,
    unit: 'MB',
    note: runs('twenty', 'rssMb'),
  }),
  row({
    figure: '50 MB body: last byte → first body frame',
    measured: figure('fifty', 'toFrame'),
    max: 2500,
    note: `${runs('fifty', 'toFrame')} ${about('fifty')}; formatted whole at ${ms(figure('fifty', 'toWhole'))} ms; longest frame ${ms(figure('fifty', 'longest'))} ms`,
  }),
  row({
    figure: '50 MB body: peak RSS',
    measured: figure('fifty', 'rssMb'),
    max: 600,
    unit: 'MB',
    note: runs('fifty', 'rssMb'),
  }),
].every(Boolean);
process.exit(ok ? 0 : 1);
