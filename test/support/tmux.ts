import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

/** Whether tmux can be run here. */
export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface TmuxOptions {
  /** The shell command to run in the pane. */
  readonly command: string;
  /** The whole environment of the tmux server (and so of the command): nothing else leaks in. */
  readonly env: Record<string, string>;
  /** A private folder for the server's socket. */
  readonly dir: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * A real terminal for end-to-end tests: a tmux server on a private socket running one command.
 * Keys go one per send-keys call (several in one call reach the app as one chunk); the screen is
 * read with capture-pane and polled, never slept on.
 */
export class TmuxSession {
  private readonly socket: string;

  constructor(private readonly options: TmuxOptions) {
    this.socket = path.join(options.dir, 'tmux.sock');
  }

  start(): void {
    this.tmux([
      'new-session',
      '-d',
      '-x',
      String(this.options.width ?? 120),
      '-y',
      String(this.options.height ?? 40),
      this.options.command,
    ]);
  }

  /** A named key (`Enter`, `Escape`, `C-u`, `PageDown`) or one literal character. */
  key(key: string): void {
    const named = /^([A-Z][A-Za-z]+|C-.|M-.)$/.test(key) && key.length > 1;
    this.tmux(named ? ['send-keys', key] : ['send-keys', '-l', key]);
  }

  /** Sends text in ONE send-keys call: the app reads it as one chunk, as with key repeat or SSH. */
  chunk(text: string): void {
    this.tmux(['send-keys', '-l', text]);
  }

  /** Types text one key at a time. */
  type(text: string): void {
    for (const char of text) this.key(char);
  }

  /** Resizes the window, as a person dragging the terminal's corner would. */
  resize(width: number, height: number): void {
    this.tmux(['resize-window', '-x', String(width), '-y', String(height)]);
  }

  /** What the terminal shows now (a note once the session has ended). */
  screen(): string {
    try {
      return this.tmux(['capture-pane', '-p']);
    } catch {
      return '(the session has ended)';
    }
  }

  running(): boolean {
    return this.run(['has-session']).status === 0;
  }

  /** Polls the screen until `check` holds; fails with the last screen. Returns the time taken. */
  async waitFor(
    check: (screen: string) => boolean,
    what: string,
    timeoutMs = 15_000,
  ): Promise<{ screen: string; ms: number }> {
    const started = Date.now();
    let screen = '';
    for (;;) {
      screen = this.screen();
      if (check(screen)) return { screen, ms: Date.now() - started };
      if (Date.now() - started > timeoutMs) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${screen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  waitForText(texts: string | readonly string[], timeoutMs?: number) {
    const wanted = typeof texts === 'string' ? [texts] : texts;
    return this.waitFor(
      (screen) => wanted.every((text) => screen.includes(text)),
      wanted.map((text) => JSON.stringify(text)).join(' and '),
      timeoutMs,
    );
  }

  /** Any tmux command against this server (`set -g …`, `show-buffer`); returns its stdout. */
  command(args: readonly string[]): string {
    return this.tmux([...args]);
  }

  kill(): void {
    this.run(['kill-server']);
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-u', '-S', this.socket, ...args], {
      env: this.options.env,
      encoding: 'utf8',
    });
  }

  private run(args: string[]) {
    return spawnSync('tmux', ['-u', '-S', this.socket, ...args], {
      env: this.options.env,
      stdio: 'ignore',
    });
  }
}

export interface KeyholeTerminal {
  /** The test's private folder: the socket, and HOME. */
  readonly dir: string;
  /** TMPDIR, made by the pane's shell before keyhole starts. */
  readonly scratch: string;
  readonly configDir: string;
  /** The built keyhole's path. */
  readonly bin: string;
  /**
   * Run `bin` itself instead of `node bin`: an installed `keyhole`, whose shebang finds node on
   * PATH as a user's shell does.
   */
  readonly direct?: boolean;
  /** Arguments after `keyhole` (`--demo`). */
  readonly args?: string;
  readonly width?: number;
  readonly height?: number;
  /** More environment (EDITOR). */
  readonly env?: Record<string, string>;
}

/** keyhole started in a tmux pane of its own, with only the environment a user's shell gives. */
export function keyholeInTmux(options: KeyholeTerminal): TmuxSession {
  const tmux = new TmuxSession({
    dir: options.dir,
    width: options.width ?? 120,
    height: options.height ?? 40,
    command: `mkdir -p ${options.scratch} && exec ${options.direct ? '' : 'node '}${options.bin}${options.args ? ` ${options.args}` : ''}`,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: options.dir,
      TMPDIR: options.scratch,
      KEYHOLE_CONFIG_DIR: options.configDir,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      ...options.env,
    },
  });
  tmux.start();
  return tmux;
}
