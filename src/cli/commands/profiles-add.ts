import { UsageError } from '../../core/errors.js';
import { inferPreset, normalizeBaseUrl } from '../../core/profiles/defaults.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import type {
  Grant,
  Preset,
  Profile,
  ProfileKind,
  SecretSource,
} from '../../core/profiles/schema.js';
import { viewProfile } from '../../core/profiles/view.js';
import { parseSecretSource } from '../../core/secrets/source.js';
import { note, printJson, warn } from '../output.js';
import { promptSecret, readSecretFromStdin } from '../secret-input.js';
import { printProfile } from './profiles.js';

interface SecretOptions {
  secret?: string;
  secretStdin?: boolean;
  insecureStorage?: boolean;
}

interface AddOptions extends SecretOptions {
  baseUrl: string;
  tokenUrl?: string;
  authorizeUrl?: string;
  issuer?: string;
  jwksUrl?: string;
  introspectionUrl?: string;
  grant: Grant;
  clientId?: string;
  scope: string[];
  kind: ProfileKind;
  preset?: Preset;
  spec: string[];
  tag: string[];
  /** False with --no-history. */
  history?: boolean;
  json?: boolean;
}

/** Grants that cannot work without a secret: the client secret, or the pasted token itself. */
const GRANTS_NEEDING_SECRET: ReadonlySet<Grant> = new Set(['client_credentials', 'static']);

export async function profilesAdd(name: string, options: AddOptions): Promise<void> {
  const repository = new ProfileRepository();
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const chosen = await chooseSecret(options, repository, {
    label: options.grant === 'static' ? `Bearer token for ${name}` : `Client secret for ${name}`,
    required: GRANTS_NEEDING_SECRET.has(options.grant),
  });
  const candidate: Profile = {
    name,
    baseUrl,
    ...(options.tokenUrl ? { tokenUrl: options.tokenUrl } : {}),
    ...(options.authorizeUrl ? { authorizeUrl: options.authorizeUrl } : {}),
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.jwksUrl ? { jwksUrl: options.jwksUrl } : {}),
    ...(options.introspectionUrl ? { introspectionUrl: options.introspectionUrl } : {}),
    grant: options.grant,
    ...(options.clientId ? { clientId: options.clientId } : {}),
    secret: chosen.source,
    scopes: options.scope,
    kind: options.kind,
    preset: options.preset ?? safeInferPreset(baseUrl),
    specs: options.spec,
    tags: options.tag,
    ...(options.history === false ? { history: false } : {}),
  };
  const saved = await repository.add(candidate, chosen.value);
  if (chosen.source.store === 'none' && GRANTS_NEEDING_SECRET.has(saved.grant)) {
    warn(
      `profile "${name}" has no secret yet; store one with \`keyhole profiles set-secret ${name} --secret-stdin\``,
    );
  }
  if (chosen.source.store === 'file')
    warn(`the secret of "${name}" is stored in plaintext (${repository.vault.plaintextFile})`);
  if (options.json) return printJson(viewProfile(saved));
  note(`Saved profile "${name}".`);
  printProfile(viewProfile(saved), repository.vault.plaintextFile);
}

export async function profilesSetSecret(
  name: string,
  options: SecretOptions & { json?: boolean },
): Promise<void> {
  const repository = new ProfileRepository();
  const profile = repository.get(name);
  const chosen = await chooseSecret(options, repository, {
    label: profile.grant === 'static' ? `Bearer token for ${name}` : `Client secret for ${name}`,
    required: true,
  });
  const outcome = await repository.setSecret(name, chosen.source, chosen.value);
  outcome.warnings.forEach(warn);
  const view = viewProfile(repository.get(name));
  if (options.json) return printJson(view);
  note(`The secret of "${name}" now comes from ${view.secretSource}.`);
}

/**
 * Works out where the secret lives and, for the stores that keep a value, reads that value from
 * stdin or a hidden prompt. The value is never accepted as a flag: it would sit in shell history
 * and in `ps` for every user of the machine to read.
 */
async function chooseSecret(
  options: SecretOptions,
  repository: ProfileRepository,
  ask: { label: string; required: boolean },
): Promise<{ source: SecretSource; value?: string }> {
  let source = options.secret === undefined ? undefined : parseSecretSource(options.secret);
  if (options.insecureStorage) {
    if (source && source.store !== 'file') {
      throw new UsageError(
        `--insecure-storage stores the secret in a file; it cannot be combined with --secret ${options.secret}`,
      );
    }
    source = { store: 'file' };
  } else if (source?.store === 'file') {
    throw new UsageError(
      '--secret file keeps the secret in plaintext and needs --insecure-storage to say you mean it',
      'Prefer the keychain (the default), --secret env:VAR or --secret cmd:COMMAND.',
    );
  }
  if (source?.store === 'env' || source?.store === 'cmd') {
    if (options.secretStdin) {
      throw new UsageError(
        `--secret-stdin gives a value to store, but --secret ${options.secret} stores none`,
      );
    }
    return { source };
  }
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  if (!source && !options.secretStdin && !(ask.required && interactive)) {
    return { source: { store: 'none' } };
  }
  const store = source?.store ?? 'keyring';
  // Ask the keychain before the user types anything, so nobody types a secret for nothing.
  if (store === 'keyring') await repository.vault.assertKeyringAvailable();
  const value = options.secretStdin ? await readSecretFromStdin() : await promptSecret(ask.label);
  return { source: store === 'file' ? { store: 'file' } : { store: 'keyring' }, value };
}

function safeInferPreset(baseUrl: string): Preset {
  try {
    return inferPreset(baseUrl);
  } catch {
    // An invalid URL is reported by the schema with the field name; the preset does not matter then.
    return 'generic';
  }
}
