import { toClipboardOsc52 } from '../core/curl/index.js';

/** Where copied text went: the system clipboard, the terminal (OSC 52), or nowhere (show it). */
export type CopyOutcome = 'clipboard' | 'osc52' | 'none';

export interface CopyContext {
  readonly env: NodeJS.ProcessEnv;
  /** Writes to the terminal as it is. */
  readonly write: (text: string) => void;
  /** Loads clipboardy when it is installed; null otherwise. */
  readonly loadClipboard?: () => Promise<{ write: (text: string) => Promise<void> } | null>;
}

/**
 * Puts text on a clipboard: clipboardy when installed (it is optional), else OSC 52 when the
 * terminal is remote or inside tmux (where a local clipboard tool would copy on the wrong
 * machine); 'none' when neither can be done, so the caller shows the text instead.
 */
export async function copyText(text: string, context: CopyContext): Promise<CopyOutcome> {
  const clipboard = await (context.loadClipboard ?? loadClipboardy)();
  if (clipboard) {
    try {
      await clipboard.write(text);
      return 'clipboard';
    } catch {
      // No display, no xsel: fall through to the terminal.
    }
  }
  const { env } = context;
  const tmux = Boolean(env.TMUX);
  if (tmux || env.SSH_TTY || env.SSH_CONNECTION || env.SSH_CLIENT) {
    context.write(toClipboardOsc52(text, { tmux }));
    return 'osc52';
  }
  return 'none';
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
