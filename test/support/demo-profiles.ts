import { expect } from 'vitest';
import type { CliResult } from './cli.js';

/** Environment variables holding the demo clients' secrets (they are public demo values). */
export const DEMO_SECRET_ENV = {
  API_SECRET: 'demo-api-secret',
  PAT_SECRET: 'demo-pat-secret',
  HELPDESK_SECRET: 'demo-helpdesk-secret',
  APP_SECRET: 'demo-app-secret',
  SCOPED_SECRET: 'demo-scoped-secret',
};

export type DemoProfileSpec = readonly [
  name: string,
  clientId: string,
  secretVar: keyof typeof DEMO_SECRET_ENV,
  kind: string,
];

/**
 * Saves profiles for demo clients through the real CLI (`profiles add` with env: secrets), so the
 * tests that use them exercise the same path a user does.
 */
export async function addDemoProfiles(
  keyhole: (args: string[]) => Promise<CliResult>,
  baseUrl: string,
  profiles: readonly DemoProfileSpec[],
  extra: readonly string[] = [],
): Promise<void> {
  for (const [name, clientId, secretVar, kind] of profiles) {
    const add = await keyhole([
      'profiles',
      'add',
      name,
      '--base-url',
      baseUrl,
      '--client-id',
      clientId,
      '--secret',
      `env:${secretVar}`,
      '--kind',
      kind,
      '--preset',
      'sailpoint',
      ...extra,
    ]);
    expect(add.code, add.stderr).toBe(0);
  }
}
