import type { JSONWebKeySet } from 'jose';

export type TokenProvider = 'sailpoint' | 'entra' | 'okta' | 'auth0' | 'oidc' | 'unknown';
export type SubjectKind = 'user' | 'app';
export type SignatureStatus = 'verified' | 'unverified' | 'invalid';
export type ClaimsSource = 'jwt' | 'introspection' | 'token_response' | 'none';
/** What the profile says the token is; compared with what the token says about itself. */
export type TokenLabel = 'api-key' | 'pat' | 'user' | 'other';

/** What keyhole knows about the token besides the token itself. */
export interface DescribeContext {
  /** Profile name, echoed in the result. */
  profile?: string;
  /** The profile's label; a token that contradicts it earns a warning. */
  kind?: TokenLabel;
  /** The client id the profile used, for tokens that do not carry one. */
  clientId?: string;
  /**
   * Keys to check the signature with: a JWKS URL (https, or http on loopback) or the set itself.
   * Without it the signature is reported as not checked.
   */
  jwks?: { url: string } | JSONWebKeySet;
  /**
   * The server's RFC 7662 introspection response for an opaque token (`active`, `sub`,
   * `client_id`, `scope`, `exp`, …); its fields are read as the token's claims.
   */
  introspection?: Record<string, unknown>;
  /**
   * What the token response said beside an opaque token: its `scope` and when it expires
   * (from `expires_in`, epoch ms). Read only when neither the token nor introspection says.
   */
  tokenResponse?: { scope?: string; expiresAt?: number | null };
  /** The clock to judge expiry by. @default new Date() */
  now?: Date;
  /** How far `nbf`/`iat` may lie in the future before it is reported. @default 60 */
  clockSkewSeconds?: number;
}

/**
 * Who a token speaks for and what it may do, read from its claims. Every field is present;
 * null (or an empty list) means the token does not say.
 */
export interface TokenIdentity {
  profile: string | null;
  /** The label the profile gave the token, if any. */
  kind: TokenLabel | null;
  provider: TokenProvider;
  /** `user` when a person is behind the token, `app` for a client acting as itself. */
  subjectKind: SubjectKind | null;
  /** Whether calls made with the token run as a person (SailPoint's "user context"). */
  userContext: boolean | null;
  identityId: string | null;
  userName: string | null;
  clientId: string | null;
  /** The provider's tenant: SailPoint `tenant_id`, Entra `tid`, the Okta/Auth0 domain. */
  tenant: string | null;
  /** SailPoint org name. */
  org: string | null;
  /** SailPoint pod. */
  pod: string | null;
  scopes: string[];
  /** SailPoint (and Spring) `authorities`, Auth0 `permissions`. */
  authorities: string[];
  roles: string[];
  issuer: string | null;
  audience: string[];
  issuedAt: string | null;
  expiresAt: string | null;
  /** Negative once expired. */
  expiresInSeconds: number | null;
  signature: SignatureStatus;
  format: 'jwt' | 'opaque';
  /**
   * Where the claims were read: the JWT itself, the server's introspection response, the token
   * response (`scope`, `expires_in`) of an opaque token, or nowhere.
   */
  claimsSource: ClaimsSource;
  warnings: string[];
  /** The JWT payload; empty for opaque tokens. */
  claims: Record<string, unknown>;
  /** The JWS protected header; empty for opaque tokens. */
  header: Record<string, unknown>;
}
