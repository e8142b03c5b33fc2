import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, runKeyhole, tempDir } from '../support/cli.js';

// The scripts of `keyhole completion bash|zsh|fish`, checked by the shells themselves: their syntax
// with `-n`, and what Tab offers. bash's function runs with COMP_WORDS set as bash sets them, fish
// answers `complete -C` with its own engine, and zsh's function runs with its completion builtins
// replaced by stubs that print what they are given. Profile names come from a `keyhole` on PATH,
// as they do for a user.

const MUST_RUN = process.env.CI === 'true';
const have = (shell: string) =>
  spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
const SHELLS = { bash: have('bash'), zsh: have('zsh'), fish: have('fish') };
for (const [shell, present] of Object.entries(SHELLS)) {
  if (!present && !MUST_RUN) {
    console.warn(`SKIPPED test/cli/completion.test.ts (${shell}): ${shell} is not installed`);
  }
}

const { dir, cleanup } = tempDir('keyhole-completion-');
const env: Record<string, string> = {
  PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  HOME: dir,
  XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
  XDG_DATA_HOME: path.join(dir, 'xdg-data'),
  KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
};
const scripts: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(path.join(dir, 'bin'));
  const shim = path.join(dir, 'bin', 'keyhole');
  writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${KEYHOLE_BIN}' "$@"\n`);
  chmodSync(shim, 0o755);
  for (const name of ['acme-pat', 'acme-api']) {
    const add = await runKeyhole(
      ['profiles', 'add', name, '--base-url', 'https://acme.api.identitynow.com'],
      { env },
    );
    expect(add.code, add.stderr).toBe(0);
  }
  for (const shell of ['bash', 'zsh', 'fish']) {
    const printed = await runKeyhole(['completion', shell], { env });
    expect(printed.code, printed.stderr).toBe(0);
    scripts[shell] = path.join(dir, `keyhole.${shell}`);
    writeFileSync(scripts[shell], printed.stdout);
  }
});
afterAll(() => cleanup());

function run(shell: string, args: readonly string[]): string {
  const result = spawnSync(shell, args, { env, encoding: 'utf8', timeout: 60_000 });
  expect(result.status, `${shell} ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** What bash's function puts in COMPREPLY for these words, the last one under the cursor. */
function bashOffers(...words: string[]): string[] {
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _keyhole; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return lines(run('bash', ['-c', program, 'bash', scripts.bash as string, 'keyhole', ...words]));
}

/** What fish offers for a command line (a trailing space: a new word), without descriptions. */
function fishOffers(commandLine: string): string[] {
  const program = `source $argv[1]; complete -C $argv[2]`;
  const out = run('fish', ['-c', program, scripts.fish as string, `keyhole ${commandLine}`]);
  return lines(out).map((line) => line.split('\t')[0] as string);
}

/** zsh's function with compadd, _describe, _wanted and _files as stubs that print. */
const ZSH_STUBS = `
compdef() { : }
compset() { : }
_files() { print -r -- '<files>' }
_wanted() { shift 3; "$@" }
_describe() { print -rl -- \${(P)4} }
compadd() {
  local from_array=''
  while [[ $1 == -* ]]; do
    case $1 in
      -a) from_array=1; shift ;;
      -S) shift 2 ;;
      *) shift ;;
    esac
  done
  if [[ -n $from_array ]]; then print -rl -- \${(P)1}; else print -rl -- "$@"; fi
}
source "$1"; shift
words=("$@"); CURRENT=$#
_keyhole
`;
function zshOffers(...words: string[]): string[] {
  const out = run('zsh', [
    '-f',
    '-c',
    ZSH_STUBS,
    'zsh',
    scripts.zsh as string,
    'keyhole',
    ...words,
  ]);
  return lines(out).map((line) => line.split(':')[0] as string);
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('keyhole completion', () => {
  it('--list-profiles prints the saved names, and nothing (exit 0) when config.json is corrupt', async () => {
    const listed = await runKeyhole(['completion', '--list-profiles'], { env });
    expect(listed).toMatchObject({ code: 0, stdout: 'acme-api\nacme-pat\n', stderr: '' });
    const corrupt = tempDir('keyhole-completion-corrupt-');
    try {
      writeFileSync(path.join(corrupt.dir, 'config.json'), '{"profiles": [{"name": "a');
      const broken = await runKeyhole(['completion', '--list-profiles'], {
        env: { KEYHOLE_CONFIG_DIR: corrupt.dir },
      });
      expect(broken).toMatchObject({ code: 0, stdout: '', stderr: '' });
    } finally {
      corrupt.cleanup();
    }
  });

  it('without a shell is a usage error (exit 2) that names the shells', async () => {
    const missing = await runKeyhole(['completion'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('bash, zsh or fish');
    expect((await runKeyhole(['completion', 'tcsh'], { env })).code).toBe(2);
  });
});

describe.skipIf(!SHELLS.bash && !MUST_RUN)('the bash script', () => {
  it('is valid bash (bash -n)', () => {
    run('bash', ['-n', scripts.bash as string]);
  });

  it('completes commands, subcommands (aliases too) and options', () => {
    expect(bashOffers('')).toEqual(expect.arrayContaining(['profiles', 'whoami', 'completion']));
    expect(bashOffers('pro')).toEqual(['profiles']);
    expect(bashOffers('profiles', '')).toEqual(expect.arrayContaining(['add', 'set-secret']));
    expect(bashOffers('profiles', 'ls', '--')).toEqual(['--json', '--help']);
    expect(bashOffers('token', 'acme-api', '--r')).toEqual(['--raw']);
    expect(bashOffers('--')).toEqual(expect.arrayContaining(['--demo', '--profile', '--version']));
  });

  it('completes saved profile names where a command takes one, and only there', () => {
    expect(bashOffers('whoami', '')).toEqual(['acme-api', 'acme-pat']);
    expect(bashOffers('profiles', 'show', 'acme-p')).toEqual(['acme-pat']);
    expect(bashOffers('--profile', '')).toEqual(['acme-api', 'acme-pat']);
    expect(bashOffers('call', '-v', 'acme-api', '')).toEqual([]);
    expect(bashOffers('specs', 'add', 'acme-api', 'v3', '')).toEqual([]);
    expect(bashOffers('profiles', 'add', '')).toEqual([]);
    // A list of profiles: the names after the last comma.
    expect(bashOffers('compare', 'acme-api,acme-p')).toEqual(['acme-api,acme-pat']);
  });

  it("completes an option's choices, also after --opt= (which bash splits at the =)", () => {
    expect(bashOffers('profiles', 'add', 'x', '--grant', 'a')).toEqual(['authorization_code']);
    expect(bashOffers('profiles', 'add', 'x', '--kind', '=', 'p')).toEqual(['pat']);
    expect(bashOffers('profiles', 'add', 'x', '--preset', '=')).toEqual([
      'sailpoint',
      'oidc',
      'generic',
    ]);
    // An option's value is not an argument: the profile after it still is the first one.
    expect(bashOffers('matrix', '--tag', 'prod', '')).toEqual(['acme-api', 'acme-pat']);
  });
});

describe.skipIf(!SHELLS.zsh && !MUST_RUN)('the zsh script', () => {
  it('is valid zsh (zsh -n)', () => {
    run('zsh', ['-n', scripts.zsh as string]);
  });

  it('offers commands, options, profile names and choices', () => {
    expect(zshOffers('')).toEqual(expect.arrayContaining(['profiles', 'whoami']));
    expect(zshOffers('whoami', '')).toEqual(['acme-api', 'acme-pat']);
    expect(zshOffers('token', 'acme-api', '--')).toContain('--raw');
    expect(zshOffers('profiles', 'add', 'x', '--grant', '')).toContain('device_code');
    expect(zshOffers('call', 'acme-api', 'GET', '')).toEqual(['<files>']);
  });
});

describe.skipIf(!SHELLS.fish && !MUST_RUN)('the fish script', () => {
  it('is valid fish (fish -n)', () => {
    run('fish', ['-n', scripts.fish as string]);
  });

  it('offers commands, options, profile names and choices', () => {
    expect(fishOffers('')).toEqual(expect.arrayContaining(['profiles', 'whoami']));
    expect(fishOffers('whoami ')).toEqual(['acme-api', 'acme-pat']);
    expect(fishOffers('compare acme-api,')).toEqual(['acme-api,acme-api', 'acme-api,acme-pat']);
    expect(fishOffers('token acme-api --r')).toEqual(['--raw']);
    expect(fishOffers('profiles add x --grant=dev')).toEqual(['--grant=device_code']);
  });
});
