// Preloaded by bench/catalog.mjs (`node --import ./bench/peak-rss.mjs …`): writes the process's
// peak resident memory in kilobytes to the file named by BENCH_PEAK_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
