import { describe, expect, it } from 'vitest';
import { outputWith, readMetafile, staticClosure } from '../support/metafile.js';

describe('what the TUI loads before its first frame (bench/tui-start.mjs times it)', () => {
  // The engine that sends requests (undici and keyhole's HTTP code, half a megabyte) loads with
  // the first call, compare or probe: src/ui/run.tsx draws without it.
  const ENGINE = [
    /node_modules\/undici\//,
    /src\/core\/http\/(send|agent|exchange|undici-dispatchers)\.ts$/,
    /src\/core\/call\/execute\.ts$/,
    /src\/core\/(compare\/compare|matrix\/probe)\.ts$/,
  ];

  it('holds none of the request engine', () => {
    const meta = readMetafile();
    const loaded = staticClosure(meta, outputWith(meta, 'src/ui/run.tsx'));
    expect(loaded).toContain('src/core/session/workbench.ts');
    expect(loaded.filter((input) => ENGINE.some((heavy) => heavy.test(input)))).toEqual([]);
  });
});
