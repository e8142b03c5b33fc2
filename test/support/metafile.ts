import { readFileSync } from 'node:fs';

/** The parts of esbuild's metafile (dist/meta.json) the loading tests read. */
export interface Metafile {
  outputs: Record<
    string,
    {
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
      entryPoint?: string;
    }
  >;
}

/** dist/meta.json, written by scripts/build.mjs (the tests' global setup builds first). */
export function readMetafile(): Metafile {
  return JSON.parse(readFileSync('dist/meta.json', 'utf8')) as Metafile;
}

/**
 * The source files an output chunk loads before it runs. Static imports are followed; dynamic
 * import() is a boundary, so what loads lazily never counts.
 */
export function staticClosure(meta: Metafile, start: string): string[] {
  const inputs = new Set<string>();
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    const chunk = meta.outputs[output];
    if (!chunk) throw new Error(`no output ${output} in dist/meta.json`);
    Object.keys(chunk.inputs).forEach((input) => inputs.add(input));
    chunk.imports
      .filter((i) => i.kind === 'import-statement' && !i.external)
      .forEach((i) => visit(i.path));
  };
  visit(start);
  return [...inputs];
}

/** The output chunk that holds `source` (an entry point or a module bundled into it). */
export function outputWith(meta: Metafile, source: string): string {
  const found = Object.entries(meta.outputs).find(
    ([output, o]) => output.endsWith('.js') && (o.entryPoint === source || source in o.inputs),
  );
  if (!found) throw new Error(`${source} is not in the bundle`);
  return found[0];
}
