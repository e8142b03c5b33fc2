import { UsageError } from '../errors.js';
import { describeIssue } from '../validation.js';
import { type SecretSource, secretSourceSchema } from '../profiles/schema.js';

/** Parses the `--secret` flag: `env:VAR`, `cmd:COMMAND`, `keyring` or `file`. */
export function parseSecretSource(text: string): SecretSource {
  let candidate: unknown;
  if (text.startsWith('env:')) candidate = { store: 'env', var: text.slice(4) };
  else if (text.startsWith('cmd:')) candidate = { store: 'cmd', command: text.slice(4) };
  else if (text === 'keyring' || text === 'file') candidate = { store: text };
  else {
    // Not quoted: what was typed here is most likely the secret itself, given by mistake.
    throw new UsageError(
      `--secret takes where the secret lives, not a value (what was given is not repeated here)`,
      'Use env:VAR, cmd:COMMAND, keyring or file. The secret value itself is never a flag: ' +
        'pipe it with --secret-stdin or type it at the prompt.',
    );
  }
  const parsed = secretSourceSchema.safeParse(candidate);
  if (!parsed.success) throw new UsageError(`--secret: ${describeIssue(parsed.error, 'source')}`);
  return parsed.data;
}

/** The source as the user typed it, for tables and JSON. Never includes a secret value. */
export function formatSecretSource(source: SecretSource): string {
  switch (source.store) {
    case 'env':
      return `env:${source.var}`;
    case 'cmd':
      return `cmd:${source.command}`;
    case 'file':
      return 'file (plaintext)';
    default:
      return source.store;
  }
}
