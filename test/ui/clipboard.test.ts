import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selfCommand } from '../../src/core/curl/index.js';
import { type TmuxRunner, copyText, terminalOf } from '../../src/ui/clipboard.js';

/** A tmux that answers `set-clipboard` with `setting` and records what it was asked. */
function fakeTmux(setting: string | null, options: { noW?: boolean } = {}) {
  const calls: Array<{ args: readonly string[]; input: string | undefined }> = [];
  const run: TmuxRunner = (args, input) => {
    calls.push({ args, input });
    if (args[0] === 'show-options')
      return Promise.resolve(setting === null ? null : `${setting}\n`);
    if (args[0] === 'load-buffer' && options.noW && args.includes('-w')) {
      return Promise.resolve(null);
    }
    return Promise.resolve(setting === null ? null : '');
  };
  return { run, calls };
}

function copy(env: NodeJS.ProcessEnv, tmux?: TmuxRunner) {
  const written: string[] = [];
  const outcome = copyText('curl x', {
    env,
    write: (text) => written.push(text),
    loadClipboard: () => Promise.resolve(null),
    ...(tmux ? { tmux } : {}),
  });
  return { outcome, written };
}

describe('copyText says where the text went', () => {
  const TMUX = { TMUX: '/tmp/tmux-1000/default,42,0' };

  it('in tmux with set-clipboard external (the default): into tmux, which confirms it', async () => {
    const tmux = fakeTmux('external');
    const { outcome, written } = copy(TMUX, tmux.run);
    expect(await outcome).toMatchObject({
      status: 'copied',
      why: expect.stringContaining("copied to tmux's paste buffer") as string,
    });
    expect(tmux.calls[1]).toEqual({ args: ['load-buffer', '-w', '-'], input: 'curl x' });
    // OSC 52 from a program is what tmux drops: none is written.
    expect(written).toEqual([]);
  });

  it('in tmux with set-clipboard off: tmux keeps it, the terminal does not get it', async () => {
    const tmux = fakeTmux('off');
    const { outcome, written } = copy(TMUX, tmux.run);
    const result = await outcome;
    expect(result.status).toBe('sent');
    expect(result.why).toContain('set-clipboard off');
    expect(result.why).toContain('set -g set-clipboard on');
    expect(tmux.calls.map((c) => c.args)).toEqual([
      ['show-options', '-gv', 'set-clipboard'],
      ['load-buffer', '-'],
    ]);
    expect(written).toEqual([]);
  });

  it('in tmux before 3.2 (no load-buffer -w): the buffer without -w', async () => {
    const tmux = fakeTmux('on', { noW: true });
    expect((await copy(TMUX, tmux.run).outcome).status).toBe('copied');
    expect(tmux.calls.at(-1)?.args).toEqual(['load-buffer', '-']);
  });

  it('in tmux that does not answer: not copied, and nothing claimed', async () => {
    const result = await copy(TMUX, fakeTmux(null).run).outcome;
    expect(result).toEqual({
      status: 'none',
      why: 'not copied: inside tmux, but tmux did not answer',
    });
  });

  it('a terminal known to take OSC 52 gets it, yet unconfirmed (sent, not copied)', async () => {
    const { outcome, written } = copy({ TERM: 'xterm-kitty', SSH_TTY: '/dev/pts/3' });
    const result = await outcome;
    expect(result.status).toBe('sent');
    expect(result.why).toContain('kitty');
    expect(result.why).toContain('over SSH');
    expect(written).toEqual([`\u001b]52;c;${Buffer.from('curl x').toString('base64')}\u0007`]);
  });

  it('a terminal known to ignore OSC 52 gets nothing, and the user is told why', async () => {
    const { outcome, written } = copy({ TERM_PROGRAM: 'Apple_Terminal' });
    expect(await outcome).toEqual({
      status: 'none',
      why: 'not copied: Apple Terminal ignores clipboard requests from programs (OSC 52)',
    });
    expect(written).toEqual([]);
  });

  it('an unknown terminal: sent by OSC 52, said to be unconfirmed', async () => {
    const result = await copy({ TERM: 'xterm-256color' }).outcome;
    expect(result.status).toBe('sent');
    expect(result.why).toContain('no terminal confirms it');
  });

  it('clipboardy, when installed, copies locally, but never over SSH', async () => {
    const took: string[] = [];
    const clipboard = () =>
      Promise.resolve({ write: (text: string) => Promise.resolve(void took.push(text)) });
    const local = await copyText('curl x', { env: {}, write: () => {}, loadClipboard: clipboard });
    expect(local).toEqual({ status: 'copied', why: 'copied to the clipboard' });
    const remote = await copyText('curl y', {
      env: { SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 50000' },
      write: () => {},
      loadClipboard: clipboard,
    });
    expect(remote.status).toBe('sent');
    expect(took).toEqual(['curl x']);
  });

  it('tells terminals apart by what they put in the environment', () => {
    expect(terminalOf({ TERM_PROGRAM: 'WezTerm' })?.accepts).toBe(true);
    expect(terminalOf({ VTE_VERSION: '7600' })?.accepts).toBe(false);
    expect(terminalOf({ TERM: 'linux' })?.accepts).toBe(false);
    expect(terminalOf({ TERM: 'xterm-256color' })).toBeNull();
  });
});

describe('selfCommand: the words that run this keyhole from a shell', () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'keyhole-self-')));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const script = path.join(root, 'checkout', 'dist', 'keyhole.js');
  mkdirSync(path.dirname(script), { recursive: true });
  writeFileSync(script, '');
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  const nodeDir = path.dirname(process.execPath);

  it('after the quick start (nothing named keyhole on PATH): node and the absolute script', () => {
    expect(selfCommand({ script, node: process.execPath, env: { PATH: nodeDir } })).toBe(
      `node ${script}`,
    );
  });

  it('after npm link (keyhole on PATH is this script): keyhole', () => {
    symlinkSync(script, path.join(bin, 'keyhole'));
    chmodSync(script, 0o755);
    const env = { PATH: `${bin}${path.delimiter}${nodeDir}` };
    expect(selfCommand({ script, node: process.execPath, env })).toBe('keyhole');
    // Another keyhole on PATH is not this one.
    const other = path.join(root, 'other.js');
    writeFileSync(other, '');
    expect(selfCommand({ script: other, node: process.execPath, env })).toBe(`node ${other}`);
  });

  it('a node on PATH that is another Node: the absolute Node, quoted', () => {
    const spaced = path.join(root, 'my node', 'node');
    expect(selfCommand({ script, node: spaced, env: { PATH: nodeDir } })).toBe(
      `'${spaced}' ${script}`,
    );
  });
});
