import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCode, discover } from '../../../src/core/auth/index.js';
import type { AuthServer, DevicePrompt } from '../../../src/core/auth/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { describeToken } from '../../../src/core/identity/index.js';
import { signInOverHttp } from '../../support/oidc-browser.js';
import type { Page } from '../../support/oidc-browser.js';
import { DEVICE_GRANT, startOidcPeer } from '../../support/oidc-peer.js';
import type { OidcPeer } from '../../support/oidc-peer.js';
import { rejectionOf, waitFor } from '../../support/wait-for.js';

const sam = { login: 'sam.admin', password: 'sam-password' };

let peer: OidcPeer;
let server: AuthServer;

beforeAll(async () => {
  peer = await startOidcPeer({ deviceInterval: 1 });
  server = await discover(peer.issuer);
});
afterAll(() => peer?.close());

const devicePolls = (from: OidcPeer, since: number) =>
  from.tokenRequests.filter((request) => request.grantType === DEVICE_GRANT && request.at >= since);

describe('deviceCode against oidc-provider', () => {
  it('polls until the person approves the code, no faster than the interval', async () => {
    const since = Date.now();
    let prompt: DevicePrompt | undefined;
    let approval: Promise<Page> | undefined;
    const tokens = await deviceCode(server, {
      clientId: peer.device.clientId,
      scopes: ['openid', 'read'],
      onPrompt: (shown) => {
        prompt = shown;
        // Approve only after keyhole has been told "authorization_pending" at least once.
        approval = waitFor(
          () => devicePolls(peer, since).some((poll) => poll.error === 'authorization_pending'),
          'a pending poll',
        ).then(() => signInOverHttp(shown.verificationUriComplete ?? '', sam));
      },
    });

    expect(prompt).toMatchObject({
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verificationUri: `${peer.issuer}/device`,
      expiresIn: expect.any(Number),
    });
    expect(prompt?.verificationUriComplete).toContain('user_code=');
    const page = await approval;
    expect(page?.body).toContain('Sign-in Success');

    const identity = await describeToken(tokens.accessToken, { jwks: { url: peer.jwksUri } });
    expect(identity).toMatchObject({
      subjectKind: 'user',
      userName: 'sam.admin',
      clientId: peer.device.clientId,
      signature: 'verified',
    });
    expect(tokens.refreshToken).toEqual(expect.any(String));

    const polls = devicePolls(peer, since);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.at(-1)?.outcome).toBe('success');
    for (let i = 1; i < polls.length; i += 1) {
      // interval is 1 s; allow a little for the two timestamps being taken at different points.
      expect((polls[i]?.at ?? 0) - (polls[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    }
  });

  it('can be cancelled while it polls', async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      deviceCode(server, {
        clientId: peer.device.clientId,
        signal: controller.signal,
        onPrompt: () => controller.abort(),
      }),
    );
    expect(error).toBeInstanceOf(KeyholeError);
    expect((error as KeyholeError).message).toContain('cancelled');
  });

  it('needs a device authorization URL', async () => {
    const error = await rejectionOf(
      deviceCode(
        { tokenUrl: server.tokenUrl },
        { clientId: peer.device.clientId, onPrompt: () => undefined },
      ),
    );
    expect((error as KeyholeError).message).toContain('no device authorization URL');
  });
});

describe('deviceCode with slow_down', () => {
  let slow: OidcPeer;
  beforeAll(async () => {
    slow = await startOidcPeer({ deviceInterval: 1, slowDownPolls: 1 });
  });
  afterAll(() => slow?.close());

  it('waits 5 s longer after slow_down, as RFC 8628 asks', async () => {
    const since = Date.now();
    let approval: Promise<Page> | undefined;
    const tokens = await deviceCode(await discover(slow.issuer), {
      clientId: slow.device.clientId,
      scopes: ['read'],
      onPrompt: (prompt) => {
        approval = signInOverHttp(prompt.verificationUriComplete ?? '', sam);
      },
    });
    expect((await approval)?.body).toContain('Sign-in Success');
    expect(tokens.accessToken).toEqual(expect.any(String));

    // A busy machine may still be signing in at the next poll: pending polls in between are
    // fine, what counts is the first slow_down and the wait after it.
    const polls = devicePolls(slow, since);
    const outcomes = polls.map((poll) => poll.outcome);
    expect(outcomes[0]).toBe('slow_down');
    expect(outcomes.at(-1)).toBe('success');
    expect(polls.slice(1, -1).every((poll) => poll.error === 'authorization_pending')).toBe(true);
    expect((polls[1]?.at ?? 0) - (polls[0]?.at ?? 0)).toBeGreaterThanOrEqual(5_900);
  });
});
