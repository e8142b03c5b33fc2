import { UsageError } from '../errors.js';

/**
 * SailPoint publishes one dereferenced OpenAPI document per API version in the public
 * repository sailpoint-oss/api-specs. keyhole names them `sailpoint:<version>` in a profile's
 * spec list, so they are cached, listed and removed like any other source.
 */
export const SAILPOINT_SOURCE_PREFIX = 'sailpoint:';

/** Where the documents are read from; `KEYHOLE_SAILPOINT_SPECS_URL` replaces it (mirrors, tests). */
export const SAILPOINT_SPECS_URL =
  'https://raw.githubusercontent.com/sailpoint-oss/api-specs/main/dereferenced/';
export const SAILPOINT_SPECS_URL_VAR = 'KEYHOLE_SAILPOINT_SPECS_URL';

/** The published versions, oldest dated one last; `latest` means the newest vN published. */
export const SAILPOINT_API_VERSIONS = ['v3', 'beta', 'v2026', 'v2025', 'v2024'] as const;
export type SailpointApiVersion = (typeof SAILPOINT_API_VERSIONS)[number];
export const LATEST = 'latest';

/** What a SailPoint profile shows when it names no versions: v3, beta and the newest vN. */
export const DEFAULT_SAILPOINT_VERSIONS: readonly string[] = ['v3', 'beta', LATEST];

/**
 * The dated versions, newest first: the candidates for `latest`. Compared as plain strings
 * (`v2026` > `v2025`): `localeCompare` here cost every command 16 ms to set up ICU's collator.
 */
export const DATED_VERSIONS: readonly SailpointApiVersion[] = SAILPOINT_API_VERSIONS.filter(
  (version) => /^v\d{4}$/.test(version),
).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));

/** Whether `text` names a version keyhole knows (or `latest`). */
export function isSailpointVersion(text: string): boolean {
  return text === LATEST || (SAILPOINT_API_VERSIONS as readonly string[]).includes(text);
}

/** `v2025` → `sailpoint:v2025`; an unknown version is a usage error naming the known ones. */
export function sailpointSource(version: string): string {
  if (!isSailpointVersion(version)) {
    throw new UsageError(
      `unknown SailPoint API version "${version}" (known: ${[...SAILPOINT_API_VERSIONS, LATEST].join(', ')})`,
    );
  }
  return `${SAILPOINT_SOURCE_PREFIX}${version}`;
}

/** The version a `sailpoint:<version>` source names, or undefined for any other source. */
export function sailpointVersionOf(source: string): string | undefined {
  return source.startsWith(SAILPOINT_SOURCE_PREFIX)
    ? source.slice(SAILPOINT_SOURCE_PREFIX.length)
    : undefined;
}

/** The URL of one version's document: `<base>/deref-sailpoint-api.<version>.yaml`. */
export function sailpointSpecUrl(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[SAILPOINT_SPECS_URL_VAR]?.trim();
  const base = configured ? configured : SAILPOINT_SPECS_URL;
  return `${base.endsWith('/') ? base : `${base}/`}deref-sailpoint-api.${version}.yaml`;
}

/**
 * Whether a version's document can describe `path`: SailPoint serves each version under its own
 * prefix (`/v3/…`, `/beta/…`, `/v2025/…`); `latest` is any dated one.
 */
export function versionHolds(version: string, path: string): boolean {
  const prefix = /^\/([^/?#]+)/.exec(path)?.[1];
  if (prefix === undefined) return false;
  return version === LATEST ? /^v\d{4}$/.test(prefix) : prefix === version;
}
