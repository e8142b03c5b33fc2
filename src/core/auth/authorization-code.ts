import * as oidc from 'openid-client';
import { KeyholeError } from '../errors.js';
import { explainFailure } from './explain.js';
import { listenOnLoopback } from './loopback.js';
import type { Callback } from './loopback.js';
import { toTokenSet } from './token-set.js';
import { configure, createTransport, grantParams } from './transport.js';
import type { AuthServer, AuthorizationCodeOptions, TokenSet } from './types.js';

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * Browser login with PKCE (S256): opens the authorization URL, receives the redirect on a
 * loopback listener at /callback, checks `state`, and exchanges the code for tokens (refresh
 * token included when the server issues one).
 */
export async function authorizationCode(
  server: AuthServer,
  options: AuthorizationCodeOptions,
): Promise<TokenSet> {
  if (server.authorizeUrl === undefined) {
    throw new KeyholeError(
      'this server has no authorization URL, so a browser login cannot start',
      {
        exitCode: 2,
        hint: 'Use discovery, or give the authorization URL.',
      },
    );
  }
  const transport = createTransport({ withholdIdToken: server.issuer === undefined });
  const failureContext = () => ({
    operation: 'authorization_code' as const,
    clientId: options.clientId,
    url: transport.lastUrl,
    secrets: [options.clientSecret],
  });
  const config = configure(server, options, transport);
  const listener = await listenOnLoopback(
    options.redirectPort ?? 0,
    options.redirectHost ?? '127.0.0.1',
  );
  try {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      ...grantParams(options),
      redirect_uri: listener.redirectUri,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    }).href;
    const arrival = listener.wait({
      ...(options.signal !== undefined && { signal: options.signal }),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    options.onUrl?.(url);
    // The opener runs alongside the wait: one that resolves only once the page has loaded would
    // otherwise hold up the very reply that page is waiting for.
    const opening = openBrowser(options, url);
    arrival.catch(() => undefined);
    opening.catch(() => undefined);
    const callback = await Promise.race([arrival, opening.then(() => arrival)]);
    if (callback.url.searchParams.get('state') !== state) {
      callback.reply(400, 'This response does not belong to the login keyhole started.');
      throw new KeyholeError(
        'the login response does not belong to this login (state mismatch), so it was refused',
        { hint: 'Run the login again, and use only the browser tab keyhole opens.' },
      );
    }
    try {
      const response = await oidc.authorizationCodeGrant(config, responseUrl(callback, server), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      callback.reply(200, 'Logged in. You can close this tab and return to keyhole.');
      return toTokenSet(response, transport);
    } catch (error) {
      const failure = explainFailure(error, {
        ...failureContext(),
        secrets: [options.clientSecret, callback.url.searchParams.get('code') ?? undefined],
      });
      callback.reply(400, `Login failed: ${failure.message}`);
      throw failure;
    }
  } catch (error) {
    throw explainFailure(error, failureContext());
  } finally {
    await listener.close();
  }
}

/**
 * Without a known issuer there is nothing to compare an RFC 9207 `iss` parameter with, and
 * openid-client would compare it with the placeholder instead; so it is dropped.
 */
function responseUrl(callback: Callback, server: AuthServer): URL {
  const url = new URL(callback.url);
  if (server.issuer === undefined) url.searchParams.delete('iss');
  return url;
}

/**
 * A browser that fails to open is not fatal when the URL was shown to the person, who can open
 * it by hand; otherwise there is no way forward.
 */
async function openBrowser(options: AuthorizationCodeOptions, url: string): Promise<void> {
  try {
    await options.openBrowser(url);
  } catch (error) {
    if (options.onUrl !== undefined) return;
    throw new KeyholeError('could not open a browser for the login', {
      cause: error,
      hint: `Open this URL yourself: ${url}`,
    });
  }
}
