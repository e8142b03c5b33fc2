/**
 * The OSC 52 escape sequence that asks the terminal to put `text` on the system clipboard
 * (xterm, iTerm2, kitty, WezTerm, Windows Terminal; tmux with `set-clipboard on`). Write it to
 * the terminal as it is. With `tmux: true` it is wrapped in tmux's DCS passthrough, for tmux
 * sessions that do not forward OSC 52 themselves.
 */
export function toClipboardOsc52(text: string, options: { tmux?: boolean } = {}): string {
  const sequence = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  if (!options.tmux) return sequence;
  return `\u001bPtmux;${sequence.split('\u001b').join('\u001b\u001b')}\u001b\\`;
}
