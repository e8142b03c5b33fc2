import { randomBytes } from 'node:crypto';

/** One authorization-code login and everything minted from it, revoked together. */
export interface Session {
  readonly id: string;
  readonly clientId: string;
  readonly userName: string;
  readonly scope: readonly string[];
  revoked: boolean;
  readonly accessTokenIds: Set<string>;
}

export type RefreshOutcome =
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly description: string };

/** SailPoint keeps refresh tokens for about a day; the exact figure does not matter here. */
const REFRESH_TTL_MS = 24 * 60 * 60 * 1000;

interface RefreshRecord {
  readonly sessionId: string;
  readonly expiresAt: number;
  used: boolean;
}

/**
 * Sessions and their refresh tokens, with strict rotation: each refresh token works once, and
 * presenting a used one revokes the whole session (refresh and access tokens alike), as OAuth 2.0
 * Security BCP section 4.14 suggests for detecting a stolen token.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly revokedTokenIds = new Set<string>();

  constructor(private readonly now: () => number) {}

  create(clientId: string, userName: string, scope: readonly string[]): Session {
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      clientId,
      userName,
      scope,
      revoked: false,
      accessTokenIds: new Set(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Records an access token's jti so that revoking the session also rejects that token. */
  addAccessToken(session: Session, jti: string): void {
    session.accessTokenIds.add(jti);
  }

  issueRefreshToken(session: Session): string {
    const token = randomBytes(32).toString('base64url');
    this.refreshTokens.set(token, {
      sessionId: session.id,
      expiresAt: this.now() + REFRESH_TTL_MS,
      used: false,
    });
    return token;
  }

  /** Consumes a refresh token presented by `clientId`; a replay revokes its session. */
  useRefreshToken(token: string, clientId: string): RefreshOutcome {
    const record = this.refreshTokens.get(token);
    const session = record && this.sessions.get(record.sessionId);
    if (!record || !session || session.clientId !== clientId) {
      return { ok: false, description: 'The refresh token is invalid.' };
    }
    if (session.revoked) return { ok: false, description: 'The refresh token has been revoked.' };
    if (record.expiresAt <= this.now()) {
      return { ok: false, description: 'The refresh token has expired.' };
    }
    if (record.used) {
      this.revoke(session.id);
      return {
        ok: false,
        description: 'The refresh token was already used; the session has been revoked.',
      };
    }
    record.used = true;
    return { ok: true, session };
  }

  revoke(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    session.revoked = true;
    for (const jti of session.accessTokenIds) this.revokedTokenIds.add(jti);
  }

  isRevoked(jti: string): boolean {
    return this.revokedTokenIds.has(jti);
  }
}
