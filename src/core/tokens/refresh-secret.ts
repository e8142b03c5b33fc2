import { KeyholeError } from '../errors.js';

/** What the secret of a `refresh_token` profile holds. */
export interface RefreshSecret {
  readonly refreshToken: string;
  /** Present for a confidential client, which must authenticate when it refreshes. */
  readonly clientSecret?: string;
}

/**
 * Reads the secret of a `refresh_token` profile: either the bare refresh token (a public client)
 * or a JSON object with `refresh_token` and, for a confidential client, `client_secret`. A
 * pasted token response (which has `refresh_token`) is accepted as it is. The value is never
 * repeated in an error.
 */
export function parseRefreshSecret(profileName: string, value: string): RefreshSecret {
  const text = value.trim();
  if (!text.startsWith('{')) return { refreshToken: text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const record =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const refreshToken = record['refresh_token'];
  const clientSecret = record['client_secret'];
  if (
    typeof refreshToken !== 'string' ||
    refreshToken === '' ||
    (clientSecret !== undefined && typeof clientSecret !== 'string')
  ) {
    throw new KeyholeError(
      `the secret of profile "${profileName}" starts with "{" but is not a JSON object with a "refresh_token" string`,
      {
        exitCode: 2,
        hint: `Store the bare refresh token, or {"refresh_token": "…", "client_secret": "…"}, with \`keyhole profiles set-secret ${profileName} --secret-stdin\`.`,
      },
    );
  }
  return {
    refreshToken,
    ...(typeof clientSecret === 'string' && clientSecret !== '' && { clientSecret }),
  };
}
