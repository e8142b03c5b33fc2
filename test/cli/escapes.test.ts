import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runKeyhole, tempDir } from '../support/cli.js';
import {
  type HostileWorld,
  SEQUENCES,
  sequencesOf,
  SOURCES,
  hostile,
  marker,
  startHostileWorld,
  unsafeCharacters,
} from '../support/hostile-world.js';

type Source = keyof typeof SOURCES;

let world: HostileWorld;
let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

const keyhole = (args: string[]) => runKeyhole(args, { env });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  world = await startHostileWorld(dir);
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), HOSTILE_SECRET: 'hostile-secret' };
  const add = (name: string, ...extra: string[]) =>
    keyhole([
      'profiles',
      'add',
      name,
      '--base-url',
      world.origin,
      '--client-id',
      'hostile-client',
      '--secret',
      'env:HOSTILE_SECRET',
      ...extra,
    ]);
  const added = await Promise.all([
    add('hostile', '--kind', 'pat', '--preset', 'sailpoint', '--spec', world.specFile),
    add('hostile-two', '--kind', 'pat', '--preset', 'sailpoint', '--spec', world.specFile),
    add('bad-token', '--token-url', `${world.origin}/bad/oauth/token`),
    add('foreign-issuer', '--preset', 'oidc', '--issuer', `${world.origin}/oidc`),
  ]);
  for (const result of added) expect(result.code, result.stderr).toBe(0);
});
afterAll(async () => {
  await world?.close();
  cleanup?.();
});

/**
 * One run of the real CLI in the hostile world: what it is, and which sources it must show
 * (their markers prove the hostile value was printed, not merely absent). `rawStdout` marks the
 * one output the user asked to get byte for byte: a body piped to a file.
 */
interface Run {
  args: string[];
  shows: Source[];
  json?: boolean;
  rawStdout?: boolean;
}

const RUNS: Record<string, Run> = {
  whoami: {
    args: ['whoami', 'hostile'],
    shows: ['claimUserName', 'claimOrg', 'claimAuthority', 'claimScope', 'claimIssuer'],
  },
  'whoami --json': {
    args: ['whoami', 'hostile', '--json'],
    shows: ['claimUserName', 'claimOrg', 'claimAuthority', 'claimScope', 'claimIssuer'],
    json: true,
  },
  token: {
    args: ['token', 'hostile'],
    shows: ['claimName', 'claimUserName', 'claimSub', 'claimOrg', 'claimAuthority', 'claimScope'],
  },
  'token --json': {
    args: ['token', 'hostile', '--json'],
    shows: ['claimName', 'claimSub', 'tokenResponseField'],
    json: true,
  },
  'whoami (token endpoint error)': {
    args: ['whoami', 'bad-token'],
    shows: ['tokenError', 'tokenErrorDescription'],
  },
  'whoami (foreign OIDC issuer)': {
    args: ['whoami', 'foreign-issuer'],
    shows: ['oidcIssuer'],
  },
  'call (403)': {
    args: ['call', 'hostile', 'GET', '/v3/forbidden'],
    shows: ['trackingId403'],
    rawStdout: true,
  },
  'call (500)': {
    args: ['call', 'hostile', 'GET', '/v3/broken'],
    shows: ['trackingId500'],
    rawStdout: true,
  },
  'call -v': {
    args: ['call', 'hostile', 'GET', '/v3/things', '-v'],
    shows: ['reasonPhrase', 'headerValue', 'specOperationId'],
    rawStdout: true,
  },
  'call --json': {
    args: ['call', 'hostile', 'GET', '/v3/things', '--json'],
    shows: ['bodyField', 'headerValue'],
    json: true,
  },
  'call --json (403)': {
    args: ['call', 'hostile', 'GET', '/v3/forbidden', '--json'],
    shows: ['trackingId403'],
    json: true,
  },
  endpoints: {
    args: ['endpoints', 'hostile'],
    shows: ['specPath', 'specSummary', 'specOperationId'],
  },
  // The spec's own warnings are said when it is parsed, and kept for `specs list` after that.
  'specs list': {
    args: ['specs', 'list', 'hostile'],
    shows: ['specRef', 'specConversionWarning'],
  },
  'endpoints --json': {
    args: ['endpoints', 'hostile', '--json'],
    shows: ['specPath', 'specSummary', 'specOperationId', 'specTag'],
    json: true,
  },
  'endpoints (broken spec)': {
    args: ['endpoints', '--spec', '@broken'],
    shows: ['specParserError'],
  },
  matrix: { args: ['matrix', 'hostile,hostile-two'], shows: ['specPath'] },
  'matrix --json': {
    args: ['matrix', 'hostile,hostile-two', '--json'],
    shows: ['specPath'],
    json: true,
  },
  compare: {
    args: ['compare', 'hostile,hostile-two', 'GET', '/v3/forbidden'],
    shows: ['reasonPhrase', 'claimUserName', 'claimAuthority', 'trackingId403'],
  },
  'compare --json': {
    args: ['compare', 'hostile,hostile-two', 'GET', '/v3/forbidden', '--json'],
    shows: ['trackingId403', 'claimUserName', 'claimAuthority'],
    json: true,
  },
};

/** Runs after the others: the history they left behind. */
const HISTORY_RUNS: Record<string, Run> = {
  history: { args: ['history', 'hostile'], shows: [] },
  'history --json': {
    args: ['history', 'hostile', '--json'],
    shows: ['bodyField', 'trackingId403', 'headerValue', 'claimUserName'],
    json: true,
  },
};

const results = new Map<string, CliResult>();

async function run(name: string, spec: Run): Promise<CliResult> {
  const args = spec.args.map((arg) => (arg === '@broken' ? world.brokenSpecFile : arg));
  const result = await keyhole(args);
  results.set(name, result);
  return result;
}

/** Whether a string in a JSON document holds `wanted`. */
function holds(document: unknown, wanted: string): boolean {
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') return value.includes(wanted);
    if (Array.isArray(value)) return value.some(visit);
    if (value && typeof value === 'object') return Object.values(value).some(visit);
    return false;
  };
  return visit(document);
}

let cases = 0;

describe('nothing a server sends reaches the terminal as a control sequence (CLI)', () => {
  const casesOf = (spec: Run) =>
    spec.shows.reduce((sum, source) => sum + sequencesOf(SOURCES[source]).length, 0);
  const check = (name: string, spec: Run) =>
    it(`${name}: ${spec.shows.length} sources, ${casesOf(spec)} source × sequence cases`, async () => {
      const result = await run(name, spec);
      const terminalText = spec.rawStdout ? result.stderr : result.stdout + result.stderr;
      expect(unsafeCharacters(terminalText), `${name}\n${terminalText}`).toEqual([]);
      if (spec.json) {
        const document = JSON.parse(result.stdout) as unknown;
        for (const source of spec.shows) {
          const held = holds(document, marker(SOURCES[source]));
          expect(held, `${name} holds ${source} intact:\n${result.stdout}`).toBe(true);
        }
      } else {
        for (const source of spec.shows) {
          const shown = terminalText.includes(marker(SOURCES[source]));
          expect(shown, `${name} shows ${source}:\n${terminalText}`).toBe(true);
        }
      }
      cases += casesOf(spec);
    });
  for (const [name, spec] of Object.entries(RUNS)) check(name, spec);
  for (const [name, spec] of Object.entries(HISTORY_RUNS)) check(name, spec);

  it('a body piped to a file stays byte for byte what the server sent', () => {
    const piped = results.get('call -v');
    expect(piped?.stdout).toBe(JSON.stringify({ name: hostile(SOURCES.bodyField) }));
  });

  it('--json keeps what the server sent, escaped rather than removed', () => {
    const whoami = JSON.parse(results.get('whoami --json')?.stdout ?? '{}') as {
      userName?: string;
    };
    expect(whoami.userName).toBe(hostile(SOURCES.claimUserName));
    const call = JSON.parse(results.get('call --json')?.stdout ?? '{}') as { body?: unknown };
    expect(call.body).toEqual({ name: hostile(SOURCES.bodyField) });
  });

  it('the history file on disk holds no raw C1, separator or bidi character', () => {
    const file = readFileSync(path.join(dir, 'config', 'history', 'hostile.jsonl'), 'utf8');
    expect(unsafeCharacters(file)).toEqual([]);
    const entries = file
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(entries.some((entry) => holds(entry, marker(SOURCES.bodyField)))).toBe(true);
    cases += SEQUENCES.length;
  });

  it('counts its cases', () => {
    // Printed for the README's security counts; the assertion keeps the table from shrinking.
    console.log(`escape cases held: ${cases}`);
    expect(cases).toBeGreaterThan(300);
  });
});
