import { ADA_ADAMS, JANE_DOE, SAM_HELPDESK } from './data/identities.js';

/** What a credential is, in SailPoint terms: an API client, a user's PAT, or an OAuth app. */
export type DemoClientKind = 'api-key' | 'pat' | 'app';
export type DemoGrant = 'client_credentials' | 'authorization_code' | 'refresh_token';

/** A fixed OAuth client of the demo tenant. The secrets are public on purpose: it is a demo. */
export interface DemoClient {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly kind: DemoClientKind;
  readonly grants: readonly DemoGrant[];
  /** For a PAT, the user whose token it mints; absent for clients without a user. */
  readonly userName?: string;
  readonly identityId?: string;
  /** Authorities of its client_credentials tokens (an auth-code token takes the user's instead). */
  readonly authorities: readonly string[];
  /**
   * A scoped credential (SailPoint lets PATs and API clients carry scopes instead of
   * `sp:scopes:all`): its tokens get these. Absent: every scope.
   */
  readonly scopes?: readonly string[];
  /** Allowed redirect URIs for authorization_code; `{port}` stands for any port. */
  readonly redirectUris?: readonly string[];
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    name: 'Demo API client',
    clientId: 'demo-api-client',
    clientSecret: 'demo-api-secret',
    kind: 'api-key',
    grants: ['client_credentials'],
    authorities: ['API'],
  },
  {
    name: 'Jane Doe PAT',
    clientId: 'demo-pat-client',
    clientSecret: 'demo-pat-secret',
    kind: 'pat',
    grants: ['client_credentials'],
    userName: 'jane.doe',
    identityId: JANE_DOE.id,
    authorities: ['ORG_ADMIN'],
  },
  {
    name: 'Sam Helpdesk PAT',
    clientId: 'demo-helpdesk-client',
    clientSecret: 'demo-helpdesk-secret',
    kind: 'pat',
    grants: ['client_credentials'],
    userName: 'sam.helpdesk',
    identityId: SAM_HELPDESK.id,
    authorities: ['HELPDESK'],
  },
  {
    name: 'Demo OAuth app',
    clientId: 'demo-app-client',
    clientSecret: 'demo-app-secret',
    kind: 'app',
    grants: ['client_credentials', 'authorization_code', 'refresh_token'],
    authorities: ['API'],
    redirectUris: ['http://127.0.0.1:{port}/callback', 'http://localhost:{port}/callback'],
  },
  {
    name: 'Ada Adams scoped PAT',
    clientId: 'demo-scoped-client',
    clientSecret: 'demo-scoped-secret',
    kind: 'pat',
    grants: ['client_credentials'],
    userName: 'ada.adams',
    identityId: ADA_ADAMS.id,
    authorities: ['ORG_ADMIN'],
    // An admin's PAT limited to three real scopes: her user level allows everything, the
    // scopes decide.
    scopes: ['idn:identity:read', 'sp:workflow:read', 'idn:password-policy:read'],
  },
];

export function findClient(clientId: string): DemoClient | undefined {
  return DEMO_CLIENTS.find((client) => client.clientId === clientId);
}

/**
 * Exact match against the registered URIs, the port excepted: a native app listens on whatever
 * loopback port is free (RFC 8252 section 7.3). Query strings and fragments are refused.
 */
export function isAllowedRedirectUri(client: DemoClient, uri: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return false;
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) return false;
  const withoutPort = `${parsed.protocol}//${parsed.hostname}:{port}${parsed.pathname}`;
  return (client.redirectUris ?? []).includes(withoutPort);
}
