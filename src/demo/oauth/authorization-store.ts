import { randomBytes } from 'node:crypto';

/** A validated /oauth/authorize request, waiting for the user to pick an identity. */
export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly codeChallenge: string;
  readonly scope: readonly string[];
}

/** A code handed to the redirect URI; `sessionId` is set once it has bought tokens. */
export interface AuthorizationCode extends AuthorizationRequest {
  readonly userName: string;
  readonly expiresAt: number;
  redeemed: boolean;
  sessionId?: string;
}

export type Redemption =
  | { readonly status: 'ok'; readonly code: AuthorizationCode }
  | { readonly status: 'invalid' }
  | { readonly status: 'reused'; readonly code: AuthorizationCode };

/** Long enough to read the page; a login left open over lunch must start again. */
const REQUEST_TTL_MS = 10 * 60 * 1000;
/** RFC 6749 recommends at most ten minutes; a loopback redirect needs far less. */
const CODE_TTL_MS = 60 * 1000;

const randomToken = () => randomBytes(32).toString('base64url');

/** Pending logins and issued codes. Both are single-use; both expire on the tenant clock. */
export class AuthorizationStore {
  private readonly requests = new Map<string, AuthorizationRequest & { expiresAt: number }>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(private readonly now: () => number) {}

  /** Stores a request and returns the id the login form posts back. */
  begin(request: AuthorizationRequest): string {
    this.prune();
    const id = randomToken();
    this.requests.set(id, { ...request, expiresAt: this.now() + REQUEST_TTL_MS });
    return id;
  }

  /** Removes and returns a pending request, so a login form cannot be submitted twice. */
  take(id: string): AuthorizationRequest | undefined {
    const request = this.requests.get(id);
    this.requests.delete(id);
    return request && request.expiresAt > this.now() ? request : undefined;
  }

  issueCode(request: AuthorizationRequest, userName: string): string {
    this.prune();
    const code = randomToken();
    this.codes.set(code, {
      ...request,
      userName,
      expiresAt: this.now() + CODE_TTL_MS,
      redeemed: false,
    });
    return code;
  }

  /**
   * Marks a code used. A used code is kept until it expires so that a second use is recognised
   * and the caller can revoke what the first use bought (RFC 6749 section 4.1.2).
   */
  redeem(value: string): Redemption {
    const code = this.codes.get(value);
    if (!code || code.expiresAt <= this.now()) return { status: 'invalid' };
    if (code.redeemed) return { status: 'reused', code };
    code.redeemed = true;
    return { status: 'ok', code };
  }

  private prune(): void {
    const now = this.now();
    for (const [id, request] of this.requests)
      if (request.expiresAt <= now) this.requests.delete(id);
    for (const [value, code] of this.codes) if (code.expiresAt <= now) this.codes.delete(value);
  }
}
