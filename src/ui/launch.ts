import { UsageError } from '../core/errors.js';
import { withoutGlobalFetch } from './without-fetch.js';

/** What `keyhole`, `keyhole --demo` and `keyhole --profile NAME` ask for. */
export interface LaunchOptions {
  /** Start the in-process demo tenant and offer its profiles, even when profiles are saved. */
  readonly demo?: boolean;
  /** The profile to start with. */
  readonly profile?: string;
}

export const NO_TERMINAL =
  "keyhole's TUI needs a terminal; use the CLI commands, see keyhole --help";

/**
 * The TUI's entry, loaded by the CLI with import() so no other command pays for Ink or React.
 * It checks for a terminal before Ink does: Ink would print "Raw mode is not supported" and exit 0.
 */
export async function launchTui(options: LaunchOptions = {}): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError(NO_TERMINAL);
  // chalk (inside Ink) ignores NO_COLOR; FORCE_COLOR=0 must be set before it loads.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  // Ink draws only a final frame when it believes it runs in CI; both ends are a terminal here,
  // so a person is watching (a CI variable leaking into a shell must not blank the screen).
  if (process.env.CI !== undefined) process.env.CI = 'false';
  const { runTui } = await withoutGlobalFetch(() => import('./run.js'));
  return runTui(options);
}
