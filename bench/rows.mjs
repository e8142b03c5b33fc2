// One row of `npm run bench`'s table: every bench script reports its figures through row(), which
// prints the row's line as it is measured and, when run from bench/run.mjs (KEYHOLE_BENCH_ROWS
// names a file), appends it as one JSON line, so run.mjs can print every figure side by side at
// the end: measured, baseline, ratio and target.
import { appendFileSync } from 'node:fs';

/**
 * Reports one figure and says whether it meets its target.
 * - a ratio row: `{ figure, measured, baseline, baselineName, maxRatio, unit }`, judged by
 *   measured / baseline against maxRatio;
 * - an absolute row: `{ figure, measured, max, unit, baseline?, baselineName? }`, judged by
 *   measured against max (a baseline, when given, is shown for scale only);
 * - an exact row: `{ figure, measured, exactly, unit }`.
 * `note` is printed after the figures (runs, sizes); it does not reach the table.
 * @returns {boolean} whether the target is met
 */
export function row(spec) {
  const { figure, measured, baseline, unit = 'ms', note = '' } = spec;
  const ratio = baseline === undefined ? undefined : measured / baseline;
  let ok;
  let target;
  if (spec.maxRatio !== undefined) {
    ok = ratio <= spec.maxRatio;
    target = `≤ ${spec.maxRatio}×`;
  } else if (spec.max !== undefined) {
    ok = measured <= spec.max;
    target = unit === '' ? `≤ ${spec.max}` : `≤ ${spec.max} ${unit}`;
  } else if (spec.exactly !== undefined) {
    ok = measured === spec.exactly;
    target = `exactly ${spec.exactly}`;
  } else {
    ok = true;
    target = '—';
  }
  const amount = (value) => (unit === '' ? format(value) : `${format(value)} ${unit}`);
  const against =
    baseline === undefined ? '' : ` vs ${amount(baseline)} ${spec.baselineName ?? 'baseline'}`;
  const times = ratio === undefined ? '' : ` = ${ratio.toFixed(2)}×`;
  const mark = target === '—' ? '    ' : ok ? 'ok  ' : 'FAIL';
  console.log(
    `${mark}  ${figure}: ${amount(measured)}${against}${times}${target === '—' ? '' : ` (target ${target})`}${note ? ` ${note}` : ''}`,
  );
  const file = process.env.KEYHOLE_BENCH_ROWS;
  if (file) {
    const line = {
      figure,
      measured: amount(measured),
      baseline: baseline === undefined ? '—' : `${amount(baseline)} (${spec.baselineName ?? ''})`,
      ratio: ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
      target,
      ok: target === '—' ? undefined : ok,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
  return ok;
}

function format(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
