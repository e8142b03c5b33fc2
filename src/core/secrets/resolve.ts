import { spawn } from 'node:child_process';
import { KeyholeError } from '../errors.js';
import type { Profile } from '../profiles/schema.js';
import { SECRET_KEYS } from './backend.js';
import type { SecretVault } from './vault.js';

const COMMAND_TIMEOUT_MS = 30_000;
/** Seconds a `cmd:` secret may run before its whole process group is killed. @default 30 */
export const SECRET_TIMEOUT_VAR = 'KEYHOLE_SECRET_COMMAND_TIMEOUT';

/**
 * Produces the profile's secret (client secret, or the bearer token for `static`) at the moment
 * it is needed. Returns undefined for profiles without one (public clients).
 */
export async function resolveSecret(
  profile: Profile,
  vault: SecretVault,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const source = profile.secret;
  switch (source.store) {
    case 'none':
      return undefined;
    case 'env': {
      const value = env[source.var];
      if (value === undefined || value === '') {
        throw new KeyholeError(
          `the secret of profile "${profile.name}" comes from $${source.var}, which is not set`,
          {
            hint: `Export ${source.var} in this shell, or change the source with \`keyhole profiles set-secret ${profile.name}\`.`,
          },
        );
      }
      return value;
    }
    case 'cmd':
      return runSecretCommand(profile.name, source.command, commandTimeoutMs(env));
    case 'keyring':
    case 'file': {
      const value = await vault.backend(source.store).get(profile.name, SECRET_KEYS.clientSecret);
      if (value === undefined) {
        throw new KeyholeError(
          `no secret is stored for profile "${profile.name}" in the ${source.store}`,
          {
            hint: `Store one with \`keyhole profiles set-secret ${profile.name} --secret-stdin\`.`,
          },
        );
      }
      return value;
    }
  }
}

/** A client id given as `env:VAR` is read from the environment; anything else is literal. */
export function resolveClientId(
  profile: Profile,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const id = profile.clientId;
  if (id === undefined || !id.startsWith('env:')) return id;
  const name = id.slice(4);
  const value = env[name];
  if (value === undefined || value === '') {
    throw new KeyholeError(
      `the client id of profile "${profile.name}" comes from $${name}, which is not set`,
    );
  }
  return value;
}

/** How long a secret command may run: KEYHOLE_SECRET_COMMAND_TIMEOUT seconds, else 30 s. */
function commandTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env[SECRET_TIMEOUT_VAR]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : COMMAND_TIMEOUT_MS;
}

/**
 * Runs the profile's secret command through the shell, like AWS `credential_process`: its stdout
 * (without the final newline) is the secret. Its stderr is never echoed, since password manager
 * CLIs sometimes print the secret or session details there.
 *
 * The command runs in its own process group (detached), so that on timeout, and once the shell
 * itself has exited, whatever it left behind (`sleep 1000 &` holding stdout open) is killed with
 * it; keyhole used to wait for such a grandchild forever.
 */
function runSecretCommand(
  profileName: string,
  command: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32')
          process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.resume();
    // The shell is done; what it printed is in the pipe. Leftover children would hold it open.
    child.on('exit', () => killGroup());
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new KeyholeError(
          `the secret command of profile "${profileName}" could not start: ${error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const value = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
      if (!timedOut && code === 0 && value !== '') return resolve(value);
      const why = timedOut
        ? `did not finish within ${timeoutMs / 1000} s and was stopped (${SECRET_TIMEOUT_VAR} sets the limit)`
        : signal
          ? `was stopped by ${signal}`
          : code === 0
            ? 'printed nothing'
            : `exited with code ${code}`;
      reject(
        new KeyholeError(`the secret command of profile "${profileName}" ${why}`, {
          hint: 'Run the command yourself to see what it says; keyhole never shows its output.',
        }),
      );
    });
  });
}
