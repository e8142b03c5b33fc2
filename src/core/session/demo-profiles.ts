import type { Grant, Profile, ProfileKind } from '../profiles/schema.js';
import type { SessionProfile } from './types.js';

/**
 * A client of the demo tenant, as its public entry point describes it. Declared here rather than
 * imported: the core shares no code with the demo server.
 */
export interface DemoClientInfo {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly kind: 'api-key' | 'pat' | 'app';
  readonly grants: readonly string[];
}

/** The demo profiles: their profiles, and the environment that holds their secrets. */
export interface DemoProfiles {
  readonly profiles: SessionProfile[];
  /** `KEYHOLE_DEMO_…` variables with the demo secrets: given to the token service, never written. */
  readonly env: Record<string, string>;
}

const KINDS: Record<DemoClientInfo['kind'], ProfileKind> = {
  'api-key': 'api-key',
  pat: 'pat',
  app: 'other',
};
const OFFERED: readonly Grant[] = ['client_credentials', 'authorization_code'];

/**
 * `demo-api-client` → profile `demo-api`, and so on for every demo client, in the order given.
 * Each starts with client_credentials; the demo app may switch to authorization_code.
 */
export function demoProfiles(baseUrl: string, clients: readonly DemoClientInfo[]): DemoProfiles {
  const env: Record<string, string> = {};
  const profiles = clients.map((client): SessionProfile => {
    const name = client.clientId.replace(/-client$/, '');
    const variable = `KEYHOLE_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET`;
    env[variable] = client.clientSecret;
    const grants = OFFERED.filter((grant) => client.grants.includes(grant));
    const profile: Profile = {
      name,
      baseUrl,
      authorizeUrl: `${baseUrl}/oauth/authorize`,
      jwksUrl: `${baseUrl}/demo/jwks.json`,
      grant: grants[0] ?? 'client_credentials',
      clientId: client.clientId,
      secret: { store: 'env', var: variable },
      scopes: [],
      kind: KINDS[client.kind],
      preset: 'generic',
      specs: [`${baseUrl}/demo/openapi.json`],
      tags: ['demo'],
    };
    return { id: `demo:${name}`, profile, origin: 'demo', grants };
  });
  return { profiles, env };
}

/** The port `keepDemoCommands` suggests for a demo tenant of one's own: any free one does. */
export const OWN_DEMO_PORT = 4010;

/**
 * A demo profile cannot be saved as it is: its tenant runs in the TUI's process on a random port
 * that is gone next run. These shell lines make one that works next time: the demo tenant on a
 * fixed port, and a saved profile for the same client (keyhole asks for its secret, which
 * `demo-server` prints). Long commands go on over lines ending in a backslash, so each line
 * fits an 80-column dialog and the whole pastes into a shell as it is.
 */
export function keepDemoCommands(profile: Profile, port = OWN_DEMO_PORT): string[] {
  const url = `http://127.0.0.1:${port}`;
  const kind = profile.kind === 'other' ? '' : ` --kind ${profile.kind}`;
  return [
    `keyhole demo-server --port ${port}`,
    `keyhole profiles add my-${profile.name} --base-url ${url} \\`,
    `  --client-id ${profile.clientId ?? profile.name}${kind} \\`,
    `  --jwks-url ${url}/demo/jwks.json \\`,
    `  --spec ${url}/demo/openapi.json`,
  ];
}
