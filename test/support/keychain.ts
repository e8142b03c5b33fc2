import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KEYHOLE_BIN, runProcess } from './cli.js';

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A real Secret Service needs dbus-run-session and gnome-keyring-daemon (Debian: dbus, gnome-keyring). */
export const keychainTools = onPath('dbus-run-session') && onPath('gnome-keyring-daemon');

/** In CI the packages are installed by .ci/run, so a missing keychain there is a failure, not a skip. */
export const keychainRequired = process.env.CI === 'true';

export interface StepResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a bash script inside a private D-Bus session with an unlocked GNOME Keyring, as a desktop
 * login would have. In the script, `step NAME [stdin-file] -- ARGS...` runs keyhole and records
 * its exit code and output; `keyring_get ACCOUNT` prints what the keychain holds for an account.
 */
export async function runInKeychainSession(
  home: string,
  script: string,
  env: Record<string, string>,
): Promise<{ steps: (name: string) => StepResult; raw: { code: number | null; stderr: string } }> {
  const out = path.join(home, 'steps');
  mkdirSync(out, { recursive: true });
  const prelude = `
set -u
export HOME=${JSON.stringify(home)} XDG_DATA_HOME=${JSON.stringify(path.join(home, 'data'))}
export XDG_RUNTIME_DIR=${JSON.stringify(path.join(home, 'run'))}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'keyhole-test\\n' | gnome-keyring-daemon --unlock --components=secrets)"
step() {
  name=$1; shift; input=/dev/null
  if [ "$1" != "--" ]; then input=$1; shift; fi
  shift
  node ${JSON.stringify(KEYHOLE_BIN)} "$@" <"$input" >"${out}/$name.stdout" 2>"${out}/$name.stderr"
  echo $? >"${out}/$name.code"
}
keyring_get() {
  node --input-type=module -e "
    import { Entry } from '@napi-rs/keyring';
    const value = new Entry('keyhole', process.argv[1], { linux: { store: 'secret-service' } }).getPassword();
    process.stdout.write(value === null ? '<none>' : value);
  " "$1"
}
`;
  const raw = await runProcess('dbus-run-session', ['--', 'bash', '-c', prelude + script], {
    env,
    cwd: process.cwd(),
  });
  const read = (name: string, suffix: string) =>
    readFileSync(path.join(out, `${name}.${suffix}`), 'utf8');
  return {
    raw: { code: raw.code, stderr: raw.stderr },
    steps: (name) => ({
      code: Number(read(name, 'code')),
      stdout: read(name, 'stdout'),
      stderr: read(name, 'stderr'),
    }),
  };
}
