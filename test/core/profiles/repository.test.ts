import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { tempDir } from '../../support/cli.js';
import { sampleProfile } from '../../support/profiles.js';

let dir: string;
let cleanup: () => void;
let repository: ProfileRepository;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  repository = new ProfileRepository(path.join(dir, 'config'));
});
afterEach(() => cleanup());

describe('ProfileRepository.update', () => {
  it('merges by default and replaces with { replace: true }, keeping name and secret', async () => {
    await repository.add(
      sampleProfile({
        name: 'p',
        tokenUrl: 'https://a.example.com/t',
        secret: { store: 'env', var: 'S' },
      }),
    );
    const merged = await repository.update('p', { tags: ['production'] });
    expect(merged).toMatchObject({ tokenUrl: 'https://a.example.com/t', tags: ['production'] });

    const { name: _name, secret: _secret, tokenUrl: _tokenUrl, ...fields } = merged;
    const replaced = await repository.update('p', { ...fields, kind: 'pat' }, { replace: true });
    expect(replaced.tokenUrl).toBeUndefined();
    expect(repository.get('p')).toMatchObject({
      name: 'p',
      kind: 'pat',
      secret: { store: 'env', var: 'S' },
    });
    expect(repository.get('p').tokenUrl).toBeUndefined();

    await expect(repository.update('p', { baseUrl: 'ftp://x' })).rejects.toThrow(/baseUrl/);
    await expect(repository.update('nobody', { kind: 'pat' })).rejects.toThrow(
      'no profile named "nobody"',
    );
  });
});
