import type { CatalogSecurityScheme } from '../catalog/types.js';
import { fail, pass, unknown, type Check } from './checks.js';

/**
 * Whether the token keyhole sends (`Authorization: Bearer …`, always) can satisfy a declared
 * scheme. OAuth2, OpenID Connect and an `http` bearer scheme take it; HTTP basic, an API key and
 * a client certificate want another credential, so an alternative that lists them does not make
 * the operation callable with this token. An undeclared scheme is judged by its name alone.
 */
export function checkSchemeType(name: string, scheme: CatalogSecurityScheme | undefined): Check {
  if (scheme === undefined) return pass(`${name}: any kind of token`);
  switch (scheme.type.toLowerCase()) {
    case 'oauth2':
      return pass(`${name}: OAuth2, takes a bearer token`);
    case 'openidconnect':
      return pass(`${name}: OpenID Connect, takes a bearer token`);
    case 'http':
      return checkHttp(name, scheme.scheme ?? '');
    case 'apikey':
      return checkApiKey(name, scheme);
    case 'mutualtls':
      return fail(`${name} needs a client certificate (mutual TLS), not a bearer token`);
    default:
      return unknown(
        `${name} is of type "${scheme.type || '(none)'}": keyhole cannot tell if a bearer token fits`,
      );
  }
}

function checkHttp(name: string, scheme: string): Check {
  if (scheme === 'bearer') return pass(`${name}: HTTP bearer, takes a bearer token`);
  if (scheme === '') return unknown(`${name} is HTTP authentication of no stated scheme`);
  return fail(`${name} needs HTTP ${scheme} credentials, not a bearer token`);
}

function checkApiKey(name: string, scheme: CatalogSecurityScheme): Check {
  const where = scheme.in ?? 'an unstated place';
  const field = scheme.name ? ` ${scheme.name}` : '';
  // Some specs declare their bearer token as an API key in Authorization; keyhole sends it there.
  if (where === 'header' && scheme.name?.toLowerCase() === 'authorization') {
    return unknown(
      `${name} is an API key in the Authorization header: keyhole sends its bearer token ` +
        'there, the spec does not say whether that is the key',
    );
  }
  return fail(`${name} needs an API key in the ${where}${field}, not a bearer token`);
}
