import { execFile } from 'node:child_process';
import { toClipboardOsc52 } from '../core/curl/index.js';

/**
 * Where copied text went, as far as keyhole can know. `copied`: a place that confirmed it (the
 * system clipboard through clipboardy, or tmux's paste buffer, which tmux answers for). An
 * OSC 52 sequence is never confirmed by the terminal, so `sent` and `none` both mean: show the
 * text to be selected by hand as well. `why` is the sentence for the status line.
 */
export type CopyOutcome =
  | { readonly status: 'copied'; readonly why: string }
  | { readonly status: 'sent'; readonly why: string }
  | { readonly status: 'none'; readonly why: string };

/** Runs tmux with `args` (and `input` on its stdin); null when it fails or is not there. */
export type TmuxRunner = (args: readonly string[], input?: string) => Promise<string | null>;

export interface CopyContext {
  readonly env: NodeJS.ProcessEnv;
  /** Writes to the terminal as it is. */
  readonly write: (text: string) => void;
  /** Loads clipboardy when it is installed; null otherwise. */
  readonly loadClipboard?: () => Promise<{ write: (text: string) => Promise<void> } | null>;
  /** @default the tmux on PATH, run with `env`, which finds its server through $TMUX */
  readonly tmux?: TmuxRunner;
}

/** What keyhole knows of a terminal's OSC 52 support, by what the terminal says it is. */
interface TerminalFacts {
  readonly name: string;
  /** Writes to the clipboard are allowed by default (true), refused (false). */
  readonly accepts: boolean;
}

/**
 * Puts text on a clipboard and says truly where it went.
 *
 * - Inside tmux an application's OSC 52 reaches the terminal only with `set-clipboard on`
 *   (the default, `external`, drops it), so keyhole asks tmux instead: `load-buffer` puts the
 *   text in tmux's paste buffer, which tmux confirms, and with `-w` tmux hands it on to the
 *   terminal's clipboard itself (unless `set-clipboard off`).
 * - Elsewhere clipboardy (optional) copies locally; never over SSH, where it would copy on the
 *   wrong machine.
 * - Otherwise OSC 52 goes to the terminal unless the terminal is known to ignore it.
 */
export async function copyText(text: string, context: CopyContext): Promise<CopyOutcome> {
  const { env } = context;
  if (env.TMUX) return copyInTmux(text, context.tmux ?? tmuxWith(env));
  const remote = Boolean(env.SSH_TTY || env.SSH_CONNECTION || env.SSH_CLIENT);
  if (!remote) {
    const clipboard = await (context.loadClipboard ?? loadClipboardy)();
    if (clipboard) {
      try {
        await clipboard.write(text);
        return { status: 'copied', why: 'copied to the clipboard' };
      } catch {
        // No display, no xsel: on to the terminal.
      }
    }
  }
  const terminal = terminalOf(env);
  const over = remote ? ' over SSH' : '';
  if (terminal?.accepts === false) {
    return {
      status: 'none',
      why: `not copied: ${terminal.name} ignores clipboard requests from programs (OSC 52)`,
    };
  }
  context.write(toClipboardOsc52(text));
  const who = terminal ? `${terminal.name}, which accepts it by default` : 'the terminal';
  return {
    status: 'sent',
    why: `sent to the clipboard of ${who}, by OSC 52${over}; no terminal confirms it`,
  };
}

async function copyInTmux(text: string, tmux: TmuxRunner): Promise<CopyOutcome> {
  const setting = (await tmux(['show-options', '-gv', 'set-clipboard']))?.trim() ?? null;
  const forwards = setting === 'on' || setting === 'external';
  // -w (tmux 3.2 and later) also sets the terminal's clipboard; older tmux refuses the flag.
  const loaded =
    (forwards && (await tmux(['load-buffer', '-w', '-'], text)) !== null) ||
    (await tmux(['load-buffer', '-'], text)) !== null;
  if (!loaded) {
    return {
      status: 'none',
      why:
        setting === null
          ? 'not copied: inside tmux, but tmux did not answer'
          : 'not copied: tmux refused to load its paste buffer',
    };
  }
  if (forwards) {
    return {
      status: 'copied',
      why:
        `copied to tmux's paste buffer (prefix ] pastes it); tmux hands it to your terminal's ` +
        `clipboard when the terminal allows it (set-clipboard ${setting})`,
    };
  }
  return {
    status: 'sent',
    why:
      `copied to tmux's paste buffer only (prefix ] pastes it): with set-clipboard ` +
      `${setting ?? 'unknown'} tmux keeps it from your terminal's clipboard ` +
      `(tmux set -g set-clipboard on changes that)`,
  };
}

/** The tmux on PATH, asked with the session's environment (its $TMUX names the server). */
function tmuxWith(env: NodeJS.ProcessEnv): TmuxRunner {
  return (args, input) =>
    new Promise((resolve) => {
      const child = execFile('tmux', [...args], { env, timeout: 2000 }, (error, stdout) =>
        resolve(error ? null : stdout),
      );
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input ?? '');
    });
}

/**
 * The terminal, from what it puts in the environment (TERM survives SSH; TERM_PROGRAM and the
 * terminals' own variables only locally). Null when it cannot be told.
 */
export function terminalOf(env: NodeJS.ProcessEnv): TerminalFacts | null {
  const term = env.TERM ?? '';
  const program = env.TERM_PROGRAM ?? '';
  if (program === 'Apple_Terminal') return { name: 'Apple Terminal', accepts: false };
  if (term === 'linux') return { name: 'the Linux console', accepts: false };
  if (env.KITTY_WINDOW_ID || term === 'xterm-kitty') return { name: 'kitty', accepts: true };
  if (program === 'WezTerm' || env.WEZTERM_EXECUTABLE) return { name: 'WezTerm', accepts: true };
  if (program === 'ghostty' || term === 'xterm-ghostty') return { name: 'Ghostty', accepts: true };
  if (term.startsWith('foot')) return { name: 'foot', accepts: true };
  if (term === 'alacritty' || env.ALACRITTY_WINDOW_ID) return { name: 'Alacritty', accepts: true };
  if (env.WT_SESSION) return { name: 'Windows Terminal', accepts: true };
  // VTE (GNOME Terminal, Tilix, Terminator, …) has never implemented OSC 52.
  if (env.VTE_VERSION)
    return { name: 'this VTE terminal (GNOME Terminal and kin)', accepts: false };
  return null;
}

async function loadClipboardy(): Promise<{ write: (text: string) => Promise<void> } | null> {
  // A name in a variable: clipboardy is optional, so neither tsc nor the bundler may require it.
  const name = 'clipboardy';
  try {
    const module = (await import(name)) as { default?: { write?: unknown } };
    const write = module.default?.write;
    return typeof write === 'function'
      ? { write: (text: string) => (write as (t: string) => Promise<void>)(text) }
      : null;
  } catch {
    return null;
  }
}
