import * as oidc from 'openid-client';
import { KeyholeError } from '../errors.js';
import { explainFailure } from './explain.js';
import { toTokenSet } from './token-set.js';
import { configure, createTransport, grantParams } from './transport.js';
import type { AuthServer, DeviceCodeOptions, TokenSet } from './types.js';

/**
 * RFC 8628 device login: shows the person a code to enter elsewhere, then polls the token
 * endpoint until they approve. openid-client waits `interval` seconds (5 when the server gives
 * none) between polls, adds 5 s on every `slow_down`, and honours Retry-After.
 */
export async function deviceCode(
  server: AuthServer,
  options: DeviceCodeOptions,
): Promise<TokenSet> {
  if (server.deviceAuthorizationUrl === undefined) {
    throw new KeyholeError('this server has no device authorization URL', {
      exitCode: 2,
      hint: 'Use discovery, or give the device authorization URL, or choose another grant.',
    });
  }
  const transport = createTransport({ withholdIdToken: server.issuer === undefined });
  const context = {
    operation: 'device_code' as const,
    clientId: options.clientId,
    secrets: [options.clientSecret],
  };
  let started: oidc.DeviceAuthorizationResponse;
  let config: oidc.Configuration;
  try {
    config = configure(server, options, transport);
    started = await oidc.initiateDeviceAuthorization(config, grantParams(options));
  } catch (error) {
    throw explainFailure(error, { ...context, url: transport.lastUrl });
  }
  options.onPrompt({
    userCode: started.user_code,
    verificationUri: started.verification_uri,
    verificationUriComplete: started.verification_uri_complete ?? null,
    expiresIn: started.expires_in,
  });
  // openid-client stops at the code's expiry only when no signal is given; keep that with one.
  const expiry = AbortSignal.timeout(started.expires_in * 1000);
  const signal = options.signal ? AbortSignal.any([options.signal, expiry]) : expiry;
  try {
    const response = await oidc.pollDeviceAuthorizationGrant(config, started, options.params, {
      signal,
    });
    return toTokenSet(response, transport);
  } catch (error) {
    if (expiry.aborted && !options.signal?.aborted) {
      throw new KeyholeError('the device code expired before the login was approved', {
        cause: error,
        hint: 'Run the login again and enter the new code sooner.',
      });
    }
    throw explainFailure(error, {
      ...context,
      secrets: [...context.secrets, started.device_code],
      url: transport.lastUrl,
    });
  }
}
