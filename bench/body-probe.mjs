// Preloaded into the TUI by bench/body.mjs (`node --import ./bench/body-probe.mjs dist/keyhole.js`):
// a 2 ms heartbeat on the TUI's main thread notes every gap over 10 ms (a turn of the event loop
// that long is a frame that long: no key, no repaint), with the wall-clock time it ended; at exit
// it writes them and the process's peak resident memory (threads included) to BENCH_PROBE_FILE.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_PROBE_FILE;
// Worker threads inherit --import: only the TUI's own thread is measured.
if (file && isMainThread) {
  const wall = () => performance.timeOrigin + performance.now();
  const gaps = [];
  let last = wall();
  setInterval(() => {
    const now = wall();
    if (now - last > 10) gaps.push([now, now - last]);
    last = now;
  }, 2).unref();
  process.on('exit', () => {
    // The monotonic clock beside the wall clock: lines a --cpu-prof profile up with the gaps.
    const clocks = { wallMs: wall(), monotonicUs: Number(process.hrtime.bigint() / 1000n) };
    writeFileSync(file, JSON.stringify({ gaps, maxRssKb: process.resourceUsage().maxRSS, clocks }));
  });
}
