import { UsageError } from '../core/errors.js';

/** Reads a secret piped on stdin (`--secret-stdin`), without its final newline. */
export async function readSecretFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  if (stdin.isTTY) {
    throw new UsageError(
      '--secret-stdin reads a pipe, but stdin is a terminal',
      'Pipe the secret in, or drop the flag to be asked for it.',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const value = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (value === '') throw new UsageError('--secret-stdin: stdin was empty');
  return value;
}

/** Asks for a secret at a hidden prompt on the terminal (nothing is echoed, not even stars). */
export async function promptSecret(label: string): Promise<string> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(
      'a secret is needed, but there is no terminal to ask on',
      'Pipe it with --secret-stdin, or point the profile at --secret env:VAR or --secret cmd:COMMAND.',
    );
  }
  const { read } = await import('read');
  const value = await read({ prompt: `${label}: `, silent: true, output: process.stderr });
  if (value === '') throw new UsageError('no secret was entered');
  return value;
}
