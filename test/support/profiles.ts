import type { Profile } from '../../src/core/profiles/schema.js';

/** A valid profile with neutral values, changed per test: only what a test is about is named. */
export function sampleProfile(change: Partial<Profile> = {}): Profile {
  return {
    name: 'sample',
    baseUrl: 'https://a.example.com',
    grant: 'client_credentials',
    secret: { store: 'none' },
    scopes: [],
    kind: 'other',
    preset: 'generic',
    specs: [],
    tags: [],
    ...change,
  };
}
