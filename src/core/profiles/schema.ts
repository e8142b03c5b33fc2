import * as z from '../schema-kit.js';

import { hideUrlPassword } from './url-password.js';
import { GRANTS, KINDS, PRESETS, PROFILE_NAME_PATTERN } from './vocabulary.js';

export { GRANTS, KINDS, PRESETS, PROFILE_NAME_PATTERN };
export type { Grant, Preset, ProfileKind } from './vocabulary.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An http(s) URL. Plain http is accepted only for loopback hosts (the demo tenant, local test
 * servers): anywhere else a client secret or bearer token would cross the network in clear text.
 */
const httpUrl = z.string().check(
  z.superRefine((text, ctx) => {
    // Messages quote the URL, never a password in it.
    const value = hideUrlPassword(text);
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a URL (expected https://host/…)`,
      });
      return;
    }
    if (url.protocol === 'https:') return;
    if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return;
    ctx.addIssue({
      code: 'custom',
      message:
        url.protocol === 'http:'
          ? `"${value}" uses plain http; only https is allowed except for 127.0.0.1/localhost`
          : `"${value}" must be an http(s) URL`,
    });
  }),
);

/** Where a profile's secret (client secret, or the token itself for `static`) comes from. */
export const secretSourceSchema = z.discriminatedUnion('store', [
  z.object({ store: z.literal('none') }),
  z.object({ store: z.literal('keyring') }),
  z.object({ store: z.literal('file') }),
  z.object({
    store: z.literal('env'),
    var: z
      .string()
      .check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')),
  }),
  z.object({
    store: z.literal('cmd'),
    command: z.string().check(z.minLength(1, 'must not be empty')),
  }),
]);
export type SecretSource = z.infer<typeof secretSourceSchema>;
export type SecretStore = SecretSource['store'];

export const profileSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.regex(
        PROFILE_NAME_PATTERN,
        'must be 1-63 characters: letters, digits, ".", "_" or "-", starting with a letter or digit',
      ),
    ),
  baseUrl: httpUrl,
  tokenUrl: z.optional(httpUrl),
  authorizeUrl: z.optional(httpUrl),
  /** OIDC issuer for discovery (`oidc` preset); default the base URL. */
  issuer: z.optional(httpUrl),
  /** Where the token's signing keys are published, when discovery does not say. */
  jwksUrl: z.optional(httpUrl),
  /** RFC 7662 introspection endpoint for opaque tokens, when discovery does not name one. */
  introspectionUrl: z.optional(httpUrl),
  grant: z.enum(GRANTS),
  /** A literal client id, or `env:VAR` to read it from the environment at use. */
  clientId: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  secret: secretSourceSchema,
  scopes: z.array(z.string().check(z.regex(/^\S+$/, 'a scope has no spaces'))),
  kind: z.enum(KINDS),
  preset: z.enum(PRESETS),
  specs: z.array(z.string().check(z.minLength(1))),
  tags: z.array(
    z
      .string()
      .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, ".", "_", ":" or "-"')),
  ),
  /** Whether requests are kept in `history/<name>.jsonl`. Absent means on. */
  history: z.optional(z.boolean()),
});
export type Profile = z.infer<typeof profileSchema>;

export const configFileSchema = z.strictObject({
  version: z.literal(1),
  profiles: z.array(profileSchema),
});
export type ConfigFile = z.infer<typeof configFileSchema>;
