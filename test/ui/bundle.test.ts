import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Metafile {
  outputs: Record<
    string,
    {
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}

const meta = JSON.parse(readFileSync('dist/meta.json', 'utf8')) as Metafile;
const UI_STACK = /node_modules\/(ink|react|react-reconciler|yoga-layout)\//;

/** Source files a chunk loads before it runs: static imports followed, import() not. */
function staticInputs(output: string, seen = new Set<string>()): Set<string> {
  const inputs = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const chunk = meta.outputs[name];
    if (!chunk) return;
    Object.keys(chunk.inputs).forEach((input) => inputs.add(input));
    chunk.imports
      .filter((i) => i.kind === 'import-statement' && !i.external)
      .forEach((i) => visit(i.path));
  };
  visit(output);
  return inputs;
}

const chunkOf = (source: string) => {
  const found = Object.entries(meta.outputs).find(([, o]) => source in o.inputs);
  if (!found) throw new Error(`${source} is not in the bundle`);
  return found[0];
};

describe('the TUI in the bundle', () => {
  it('its launcher checks for a terminal before Ink or React is loaded', () => {
    const loaded = [...staticInputs(chunkOf('src/ui/launch.ts'))];
    expect(loaded.filter((input) => UI_STACK.test(input))).toEqual([]);
  });

  it('Ink and React load with the TUI itself', () => {
    const loaded = [...staticInputs(chunkOf('src/ui/run.tsx'))];
    expect(loaded.some((input) => /node_modules\/ink\//.test(input))).toBe(true);
    expect(loaded).toContain('src/core/session/workbench.ts');
  });
});
