import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';
import { shellQuote } from './shell.js';

/** Where this keyhole runs from: the script and the Node that runs it. */
export interface SelfLocation {
  /** The script Node was started with (`process.argv[1]`). */
  readonly script: string | undefined;
  /** The Node binary (`process.execPath`). */
  readonly node: string;
  /** Whose PATH decides whether `keyhole` and `node` can be called by name. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The shell words that run this very keyhole, for commands people paste into a shell (the
 * `keyhole token P --header | curl …` of a curl export). `keyhole` only when a `keyhole` on
 * PATH is this script (after `npm link` or a global install); otherwise the script's absolute
 * path behind `node` (or behind Node's absolute path when `node` on PATH is another Node),
 * because after README's quick start (`npm install && npm start`) nothing named `keyhole` is
 * on PATH. The plain `keyhole` when the script is unknown.
 */
export function selfCommand(where: SelfLocation): string {
  const script = where.script ? real(path.resolve(where.script)) : null;
  if (script === null) return 'keyhole';
  if (onPath('keyhole', where.env) === script) return 'keyhole';
  const node = onPath('node', where.env) === real(where.node) ? 'node' : shellQuote(where.node);
  return `${node} ${shellQuote(script)}`;
}

/** The real path of the first executable `name` on PATH; null when there is none. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
    } catch {
      continue;
    }
    return real(file);
  }
  return null;
}

function real(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
