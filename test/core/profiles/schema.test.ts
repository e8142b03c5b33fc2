import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import {
  effectiveAuthorizeUrl,
  effectiveTokenUrl,
  inferPreset,
  sailpointTenant,
} from '../../../src/core/profiles/defaults.js';
import { validateProfile } from '../../../src/core/profiles/repository.js';

const valid = {
  name: 'acme',
  baseUrl: 'https://acme.api.identitynow.com',
  grant: 'client_credentials',
  secret: { store: 'keyring' },
  scopes: [],
  kind: 'pat',
  preset: 'sailpoint',
  specs: [],
  tags: ['production'],
};

describe('validateProfile', () => {
  it('accepts a complete profile', () => {
    expect(validateProfile(valid)).toEqual(valid);
  });

  it.each([
    [{ kind: 'robot' }, /kind: Invalid option: expected one of "api-key"\|"pat"\|"user"\|"other"/],
    [{ preset: 'okta' }, /preset: Invalid option: expected one of "sailpoint"\|"oidc"\|"generic"/],
    [{ baseUrl: 'http://acme.example.com' }, /baseUrl: .*plain http/],
    [{ baseUrl: 'http://localhost:8080' }, null],
    [{ tags: ['has space'] }, /tags\.0: letters, digits/],
    [{ scopes: ['two words'] }, /scopes\.0: a scope has no spaces/],
    [{ secret: { store: 'vault' } }, /secret\.store/],
    [{ extra: true }, /Unrecognized key: "extra"/],
    [{ clientId: '' }, /clientId: must not be empty/],
  ])('%o', (change, message) => {
    const attempt = () => validateProfile({ ...valid, ...change });
    if (message === null) expect(attempt).not.toThrow();
    else {
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(message);
    }
  });
});

describe('SailPoint defaults', () => {
  it('recognises tenant hosts and derives the token and authorize URLs', () => {
    expect(inferPreset('https://acme.api.identitynow.com')).toBe('sailpoint');
    expect(inferPreset('https://acme.api.identitynow-demo.com')).toBe('sailpoint');
    expect(inferPreset('https://graph.microsoft.com')).toBe('generic');
    expect(sailpointTenant('https://acme.api.identitynow.com')).toBe('acme');
    expect(effectiveTokenUrl({ baseUrl: 'https://acme.api.identitynow.com/' })).toBe(
      'https://acme.api.identitynow.com/oauth/token',
    );
    expect(
      effectiveAuthorizeUrl({ baseUrl: 'https://acme.api.identitynow.com', preset: 'sailpoint' }),
    ).toBe('https://acme.identitynow.com/oauth/authorize');
    expect(
      effectiveAuthorizeUrl({ baseUrl: 'https://x.example.com', preset: 'generic' }),
    ).toBeUndefined();
  });
});
