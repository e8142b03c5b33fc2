/**
 * The fixed words of a profile. Kept apart from the zod schema so the CLI entry point can list
 * them in --help without loading a validator at start-up.
 */
export const GRANTS = [
  'client_credentials',
  'authorization_code',
  'refresh_token',
  'device_code',
  'static',
] as const;
export const KINDS = ['api-key', 'pat', 'user', 'other'] as const;
export const PRESETS = ['sailpoint', 'oidc', 'generic'] as const;

/** A profile's name: 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit. */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export type Grant = (typeof GRANTS)[number];
export type ProfileKind = (typeof KINDS)[number];
export type Preset = (typeof PRESETS)[number];
