import { describe, expect, it } from 'vitest';
import {
  baseUrlOf,
  formToProfile,
  isMasked,
  newProfileForm,
  tokenUrlPreview,
} from '../../src/ui/state/profile-form.js';
import { textInput } from '../../src/ui/state/text-input.js';
import type { ProfileForm } from '../../src/ui/state/profile-form.js';

function filled(values: Record<string, string>): ProfileForm {
  const form = newProfileForm();
  const next = { ...form.values };
  for (const [key, value] of Object.entries(values))
    next[key as keyof typeof next] = textInput(value);
  return { ...form, values: next };
}

describe('the profile form', () => {
  it('turns a SailPoint tenant name into the API host and token URL; other hosts stay', () => {
    expect(baseUrlOf('sailpoint', 'acme')).toBe('https://acme.api.identitynow.com');
    expect(baseUrlOf('sailpoint', 'api.acme-vanity.example')).toBe(
      'https://api.acme-vanity.example',
    );
    expect(baseUrlOf('generic', 'https://graph.microsoft.com/')).toBe(
      'https://graph.microsoft.com',
    );
    expect(tokenUrlPreview(filled({ host: 'acme' }))).toBe(
      'https://acme.api.identitynow.com/oauth/token',
    );
  });

  it('builds the profile and hands the secret over separately', () => {
    const result = formToProfile(
      filled({
        name: 'acme-pat',
        host: 'acme',
        clientId: 'c1',
        secret: 's3cret',
        kind: 'pat',
        tags: 'production ops',
      }),
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.profile).toMatchObject({
      name: 'acme-pat',
      baseUrl: 'https://acme.api.identitynow.com',
      secret: { store: 'keyring' },
      kind: 'pat',
      tags: ['production', 'ops'],
    });
    expect(JSON.stringify(result.profile)).not.toContain('s3cret');
    expect(result.secretValue).toBe('s3cret');
  });

  it('says what is missing', () => {
    expect(formToProfile(filled({}))).toEqual({
      error: 'the profile needs a name',
      field: 'name',
    });
    expect(formToProfile(filled({ name: 'x' }))).toEqual({
      error: expect.stringMatching(/tenant name/),
      field: 'host',
    });
    expect(formToProfile(filled({ name: 'x', host: 'acme' }))).toEqual({
      error: expect.stringMatching(/type the secret/),
      field: 'secret',
    });
    const env = filled({ name: 'x', host: 'acme', storage: 'env', secret: 'ACME_SECRET' });
    const result = formToProfile(env);
    if ('error' in result) throw new Error(result.error);
    expect(result.profile.secret).toEqual({ store: 'env', var: 'ACME_SECRET' });
    expect(result.secretValue).toBeUndefined();
  });

  it('masks the secret only when it is a value (not a variable name or a command)', () => {
    expect(isMasked(filled({}), 'secret')).toBe(true);
    expect(isMasked(filled({ storage: 'env' }), 'secret')).toBe(false);
    expect(isMasked(filled({}), 'clientId')).toBe(false);
  });
});
