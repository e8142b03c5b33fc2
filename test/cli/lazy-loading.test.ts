import { describe, expect, it } from 'vitest';
import { outputWith, readMetafile, staticClosure } from '../support/metafile.js';

// esbuild's metafile of the real bundle: which source files each command can load before it runs
// (test/support/metafile.ts follows static imports; a dynamic import() is a boundary).
const meta = readMetafile();
const outputFor = (source: string) => outputWith(meta, source);
const UI_STACK = /node_modules\/(ink|react|react-reconciler|yoga-layout|ink-select-input)\//;

describe('start-up stays lazy', () => {
  it('the entry chunk loads no command bodies, no UI and no keychain addon', () => {
    const loaded = [...staticClosure(meta, 'dist/keyhole.js')];
    expect(loaded.some((input) => input.includes('src/cli/main.ts'))).toBe(true);
    expect(loaded.filter((input) => UI_STACK.test(input))).toEqual([]);
    expect(loaded.filter((input) => /src\/cli\/commands\//.test(input))).toEqual([]);
    expect(loaded.filter((input) => /node_modules\/(conf|zod|js-yaml)\//.test(input))).toEqual([]);
  });

  it('the catalog worker loads the loader alone: no command bodies, no UI', () => {
    const loaded = [...staticClosure(meta, 'dist/catalog-worker.js')];
    expect(loaded).toContain('src/core/catalog/load.ts');
    expect(loaded.filter((input) => UI_STACK.test(input))).toEqual([]);
    expect(loaded.filter((input) => /src\/(cli|ui)\//.test(input))).toEqual([]);
  });

  it.each([
    'src/cli/commands/profiles.ts',
    'src/cli/commands/profiles-add.ts',
    'src/cli/commands/config.ts',
    'src/cli/commands/completion.ts',
  ])('%s never loads Ink or React', (command) => {
    const loaded = [...staticClosure(meta, outputFor(command))];
    expect(loaded.length).toBeGreaterThan(3);
    expect(loaded.filter((input) => UI_STACK.test(input))).toEqual([]);
  });
});

describe('shell completion stays quick', () => {
  // Every Tab on a profile argument runs `keyhole completion --list-profiles`: config.json is read
  // as plain JSON, without the profile store, its schema or its lock.
  it('src/cli/commands/completion.ts loads none of conf, zod, proper-lockfile or the repository', () => {
    const loaded = [...staticClosure(meta, outputFor('src/cli/commands/completion.ts'))];
    expect(loaded).toContain('src/core/profiles/saved-names.ts');
    expect(
      loaded.filter((input) =>
        /node_modules\/(conf|zod|proper-lockfile)\/|src\/core\/profiles\/(repository|schema)\.ts$/.test(
          input,
        ),
      ),
    ).toEqual([]);
  });
});

describe('a cached endpoint search stays lean', () => {
  // `keyhole endpoints --spec FILE --search …` from the cache: no parser, no HTTP client, no
  // profile store. Each of these is loaded by the code that needs it, when it does.
  const HEAVY = /node_modules\/(undici|js-yaml|swagger2openapi|conf|zod|ajv|jose|openid-client)\//;

  it.each(['src/cli/commands/endpoints.ts', 'src/core/catalog/index.ts'])(
    '%s loads none of undici, js-yaml, the Swagger converter, conf, zod or jose',
    (source) => {
      const loaded = [...staticClosure(meta, outputFor(source))];
      expect(loaded.some((input) => input.includes('src/core/catalog/load.ts'))).toBe(
        source === 'src/core/catalog/index.ts',
      );
      expect(loaded.filter((input) => HEAVY.test(input))).toEqual([]);
    },
  );
});

describe('a call with a cached token stays lean', () => {
  // `keyhole call PROFILE GET /path`: the profile store, the token cache and undici's dispatcher.
  // The OAuth flows, the catalog, undici's fetch and conf's schema validator load only when a
  // token must be fetched, a spec is there to use, or never.
  const NOT_ON_THE_PATH = [
    /node_modules\/openid-client\//,
    /node_modules\/oauth4webapi\//,
    /node_modules\/undici\/index\.js$/,
    /node_modules\/undici\/lib\/web\/fetch\/index\.js$/,
    /node_modules\/(ajv|ajv-formats|semver)\//,
    /node_modules\/zod\/v4\/(classic|locales\/(?!en))/,
    /node_modules\/(js-yaml|swagger2openapi)\//,
    /src\/core\/catalog\/(load|source|cache|search)\.ts$/,
  ];

  it('src/cli/commands/call.ts loads none of them before it runs', () => {
    const loaded = [...staticClosure(meta, outputFor('src/cli/commands/call.ts'))];
    expect(loaded).toContain('node_modules/undici/lib/dispatcher/agent.js');
    expect(loaded).toContain('node_modules/conf/dist/source/index.js');
    expect(loaded.filter((input) => NOT_ON_THE_PATH.some((heavy) => heavy.test(input)))).toEqual(
      [],
    );
  });

  it("conf's schema and migration libraries are stubbed, never bundled anywhere", () => {
    const everything = Object.values(meta.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(
      everything.filter((input) => /node_modules\/(ajv|ajv-formats|semver)\//.test(input)),
    ).toEqual([]);
    expect(everything).toContain('scripts/conf-without-schema.mjs');
  });
});
