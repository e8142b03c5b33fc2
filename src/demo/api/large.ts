import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { badRequest } from '../errors.js';
import type { ApiHandler } from './types.js';

/** Enough for any benchmark, small enough that a typo cannot tie the server up. */
export const MAX_LARGE_MB = 50;
const MIB = 1024 * 1024;
/** Records are batched so a 50 MB body is a few hundred writes, not a million. */
const CHUNK_BYTES = 64 * 1024;

function record(index: number): string {
  return JSON.stringify({
    id: index.toString(16).padStart(32, '0'),
    index,
    name: `Generated record ${index}`,
    email: `record.${index}@demo.example.com`,
    active: index % 3 !== 0,
    tags: ['demo', 'large', `group-${index % 10}`],
  });
}

/** A JSON array of at least `bytes` bytes, produced lazily so memory stays flat. */
function* jsonArray(bytes: number): Generator<string> {
  let written = 1;
  let chunk = '[';
  for (let index = 0; written < bytes; index += 1) {
    const piece = (index === 0 ? '' : ',') + record(index);
    chunk += piece;
    written += piece.length;
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}]`;
}

/** GET /demo/large?mb=N: N MiB of JSON (N from 0 to 50, fractions allowed), streamed. */
export const getLargeDemoPayload: ApiHandler = async (_context, { url }, res) => {
  const raw = url.searchParams.get('mb') ?? '1';
  const mb = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || mb > MAX_LARGE_MB) {
    throw badRequest(`mb: must be a number from 0 to ${MAX_LARGE_MB}, got "${raw}"`);
  }
  res.writeHead(200, { 'Content-Type': 'application/json;charset=utf-8' });
  // A client that hangs up mid-body rejects the pipeline; there is no one left to answer.
  await pipeline(Readable.from(jsonArray(Math.round(mb * MIB))), res).catch(() => undefined);
};
