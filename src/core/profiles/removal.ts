import type { Profile } from './schema.js';

/** What deleting a profile removed besides the profile itself (never a value). */
export interface Removed {
  /** Where the deleted secret was kept; null when keyhole kept none (env:, cmd:, none). */
  readonly secret: 'keyring' | 'file' | null;
  /** A cached token (access and any refresh token) was deleted. */
  readonly tokens: boolean;
  /** Observations deleted: statuses keyhole saw, one per operation. */
  readonly observations: number;
  /** History entries deleted (the file `history/<profile>.jsonl`). */
  readonly history: number;
}

const STORES = { keyring: 'the OS keychain', file: 'secrets.json (plaintext)' } as const;

/**
 * Before a delete, for its confirmation: everything it removes ("the profile, its secret in the
 * OS keychain, … and its request history"), and the sentence for a secret it leaves where it is
 * (an env: variable or a cmd: command is the user's own; keyhole kept no value of it).
 */
export function removalPlan(profile: Profile): { removes: string; keeps: string | null } {
  const { secret } = profile;
  const keeps = keptSecret(profile);
  return {
    removes: joined([
      'the profile',
      ...(secret.store === 'keyring' || secret.store === 'file'
        ? [`its secret in ${STORES[secret.store]}`]
        : []),
      'its cached tokens',
      'its observations (the statuses seen per operation)',
      'its request history',
    ]),
    keeps: keeps ? `${capitalized(keeps)}.` : null,
  };
}

/** After a delete: `Removed profile "acme": its secret (the OS keychain), 3 observations, …`. */
export function describeRemoved(profile: Profile, removed: Removed): string {
  const parts = [
    ...(removed.secret ? [`its secret (${STORES[removed.secret]})`] : []),
    ...(removed.tokens ? ['its cached tokens'] : []),
    ...(removed.observations > 0 ? [count(removed.observations, 'observation')] : []),
    ...(removed.history > 0 ? [count(removed.history, 'history entry', 'history entries')] : []),
  ];
  const what =
    parts.length > 0
      ? `Removed profile "${profile.name}" and ${joined(parts)}.`
      : `Removed profile "${profile.name}"; keyhole had stored nothing else for it.`;
  const keeps = keptSecret(profile);
  return keeps ? `${what} ${capitalized(keeps)}.` : what;
}

function keptSecret(profile: Profile): string | null {
  const { secret } = profile;
  if (secret.store === 'env') return `its secret stays in $${secret.var} (keyhole stored none)`;
  if (secret.store === 'cmd') return 'its secret command stays yours (keyhole stored no value)';
  return null;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function joined(parts: readonly string[]): string {
  if (parts.length < 2) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
