/** Where to get tokens. Only the token URL is needed for client credentials and refresh. */
export interface AuthServer {
  tokenUrl: string;
  authorizeUrl?: string;
  deviceAuthorizationUrl?: string;
  /**
   * The issuer identifier. When known, the `iss` of authorization responses and ID tokens is
   * checked against it; SailPoint tenants have none to check.
   */
  issuer?: string;
  jwksUri?: string;
  /** RFC 7662 token introspection, for reading opaque tokens. */
  introspectionUrl?: string;
}

/** A token response, with the expiry turned into a point in time. */
export interface TokenSet {
  accessToken: string;
  /** As sent, lower-cased by openid-client (`bearer`, `dpop`). */
  tokenType: string;
  /** When the access token expires, in epoch milliseconds; null when the server did not say. */
  expiresAt: number | null;
  refreshToken?: string;
  scope?: string;
  idToken?: string;
  /**
   * The `iss` of the ID token, read unchecked, when no issuer was known to check it against:
   * the caller shows it with a warning instead of failing a login the server has completed.
   */
  idTokenIssuer?: string;
  /** Every field of the response, including extras such as SailPoint's tenant_id, pod, org. */
  raw: Record<string, unknown>;
}

/** The client keyhole acts as. A missing secret makes it a public client (PKCE only). */
export interface ClientCredentialsInput {
  clientId: string;
  clientSecret?: string;
}

/** Fields every grant accepts besides the client. */
export interface GrantOptions extends ClientCredentialsInput {
  scopes?: readonly string[];
  /** Extra form fields, such as Auth0's `audience` or a `resource` indicator. */
  params?: Record<string, string>;
}

export interface ClientCredentialsOptions extends GrantOptions {
  clientSecret: string;
}

export interface AuthorizationCodeOptions extends GrantOptions {
  /**
   * Port of the loopback redirect listener; 0 picks a free one. Servers that register exact
   * redirect URIs (SailPoint) need the registered port here. @default 0
   */
  redirectPort?: number;
  /**
   * Host name written into the redirect URI. The listener always binds 127.0.0.1; this only has
   * to match what the server registered. @default '127.0.0.1'
   */
  redirectHost?: '127.0.0.1' | 'localhost';
  /** Opens the authorization URL for the person; the CLI passes the `open` package. */
  openBrowser: (url: string) => Promise<void> | void;
  /** Told the authorization URL before the browser opens, so it can be printed as a fallback. */
  onUrl?: (url: string) => void;
  signal?: AbortSignal;
  /** How long to wait for the person to finish in the browser. @default 300_000 */
  timeoutMs?: number;
}

export interface RefreshOptions extends ClientCredentialsInput {
  refreshToken: string;
  params?: Record<string, string>;
}

/** What the person must do to approve a device login. */
export interface DevicePrompt {
  userCode: string;
  verificationUri: string;
  /** The URI with the code filled in, when the server offers one (good for a QR code). */
  verificationUriComplete: string | null;
  /** Seconds until the code expires. */
  expiresIn: number;
}

export interface DeviceCodeOptions extends GrantOptions {
  onPrompt: (prompt: DevicePrompt) => void;
  signal?: AbortSignal;
}
