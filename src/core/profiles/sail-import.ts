import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { KeyholeError } from '../errors.js';
import { normalizeBaseUrl } from './defaults.js';
import { type Profile, PROFILE_NAME_PATTERN } from './schema.js';

/** One profile proposed from the SailPoint CLI's settings, plus what the user should know. */
export interface SailCandidate {
  readonly profile: Profile;
  readonly origin: string;
  readonly notes: string[];
}

export function defaultSailConfigFile(): string {
  return path.join(homedir(), '.sailpoint', 'config.yaml');
}

/**
 * Reads the SailPoint CLI's `~/.sailpoint/config.yaml` (`environments.<name>.baseurl` and
 * `tenanturl`, `pat.clientid`) and its pipeline variables `SAIL_BASE_URL`, `SAIL_CLIENT_ID`,
 * `SAIL_CLIENT_SECRET`. Secret values are never copied: environment variables become `env:`
 * references, and a client secret written in the YAML is left where it is.
 */
export function readSailCandidates(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { candidates: SailCandidate[]; file: string; fileFound: boolean } {
  const target = file ?? defaultSailConfigFile();
  const candidates: SailCandidate[] = [];
  const fileFound = existsSync(target);
  if (file !== undefined && !fileFound) {
    throw new KeyholeError(`${target} does not exist`, { exitCode: 2 });
  }
  if (fileFound) candidates.push(...fromConfigFile(target));
  const fromEnv = fromEnvironment(env);
  if (fromEnv) candidates.push(fromEnv);
  return { candidates, file: target, fileFound };
}

function fromConfigFile(file: string): SailCandidate[] {
  let document: unknown;
  try {
    document = load(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    throw new KeyholeError(`${file} is not valid YAML: ${reason}`, { exitCode: 2 });
  }
  const environments = record(record(document)?.environments);
  if (!environments) return [];
  const candidates: SailCandidate[] = [];
  for (const [envName, value] of Object.entries(environments)) {
    const entry = record(value);
    const baseUrl = text(entry?.baseurl);
    const origin = `${path.basename(path.dirname(file))}/${path.basename(file)} environments.${envName}`;
    if (!baseUrl) continue;
    const tenantUrl = text(entry?.tenanturl);
    const pat = record(entry?.pat);
    const notes: string[] = [];
    if (text(pat?.clientsecret)) {
      notes.push(
        'its PAT client secret stays in the SailPoint CLI config; store it for keyhole with ' +
          `\`keyhole profiles set-secret ${profileName(envName)} --secret-stdin\``,
      );
    }
    candidates.push({
      origin,
      notes,
      profile: {
        name: profileName(envName),
        baseUrl: normalizeBaseUrl(baseUrl),
        ...(tenantUrl ? { authorizeUrl: `${normalizeBaseUrl(tenantUrl)}/oauth/authorize` } : {}),
        grant: 'client_credentials',
        ...(text(pat?.clientid) ? { clientId: text(pat?.clientid) } : {}),
        secret: { store: 'none' },
        scopes: [],
        kind: 'pat',
        preset: 'sailpoint',
        specs: [],
        tags: [],
      },
    });
  }
  return candidates;
}

function fromEnvironment(env: NodeJS.ProcessEnv): SailCandidate | undefined {
  const baseUrl = env.SAIL_BASE_URL;
  if (!baseUrl) return undefined;
  return {
    origin: 'SAIL_BASE_URL / SAIL_CLIENT_ID / SAIL_CLIENT_SECRET',
    notes: ['the client id and secret are read from the environment each time (env: references)'],
    profile: {
      name: 'sail-env',
      baseUrl: normalizeBaseUrl(baseUrl),
      grant: 'client_credentials',
      ...(env.SAIL_CLIENT_ID ? { clientId: 'env:SAIL_CLIENT_ID' } : {}),
      secret: env.SAIL_CLIENT_SECRET
        ? { store: 'env', var: 'SAIL_CLIENT_SECRET' }
        : { store: 'none' },
      scopes: [],
      kind: 'other',
      preset: 'sailpoint',
      specs: [],
      tags: [],
    },
  };
}

/** SailPoint CLI environment names are free text; keyhole names are not. */
function profileName(envName: string): string {
  const cleaned = envName
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|-+$/g, '')
    .slice(0, 63);
  return PROFILE_NAME_PATTERN.test(cleaned) ? cleaned : 'sail-environment';
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
