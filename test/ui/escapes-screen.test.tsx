import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../src/core/profiles/repository.js';
import type { Profile } from '../../src/core/profiles/schema.js';
import { Workbench } from '../../src/core/session/index.js';
import { App } from '../../src/ui/app.js';
import { tempDir } from '../support/cli.js';
import {
  type HostileWorld,
  SOURCES,
  marker,
  sequencesOf,
  startHostileWorld,
  unsafeCharacters,
} from '../support/hostile-world.js';
import { sampleProfile } from '../support/profiles.js';
import { renderSized } from '../support/render-sized.js';
import { waitForText } from '../support/wait-for-frame.js';
import { RAW } from './keys.js';

type Source = keyof typeof SOURCES;

let world: HostileWorld;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('keyhole-escapes-screen-'));
  world = await startHostileWorld(dir);
});
afterAll(async () => {
  await world?.close();
  cleanup?.();
});

/** The App over saved profiles that talk to the hostile world, on a wide screen. */
async function start() {
  const repository = new ProfileRepository(path.join(dir, 'config'));
  const hostileProfile: Partial<Profile> = {
    baseUrl: world.origin,
    clientId: 'hostile-client',
    secret: { store: 'env', var: 'HOSTILE_SECRET' },
    kind: 'pat',
    preset: 'sailpoint',
    specs: [world.specFile],
  };
  await repository.add(sampleProfile({ name: 'hostile', ...hostileProfile }));
  await repository.add(
    sampleProfile({
      name: 'hostile-z-bad-token',
      ...hostileProfile,
      tokenUrl: `${world.origin}/bad/oauth/token`,
    }),
  );
  const workbench = new Workbench({
    repository,
    scratchDir: path.join(dir, 'scratch'),
    env: { HOSTILE_SECRET: 'hostile-secret' },
    openBrowser: () => undefined,
  });
  workbench.start('hostile');
  // 220 columns for real (ink-testing-library's stream always says 100): long values stay whole.
  const app = renderSized(
    <App workbench={workbench} fallbackSize={{ columns: 220, rows: 50 }} />,
    220,
    50,
  );
  const frame = () => app.lastFrame();
  const key = async (input: string, ...expected: string[]) => {
    app.stdin.write(input);
    return waitForText(frame, expected.length ? expected : [''], 15_000);
  };
  return {
    app,
    frame,
    key,
    close: () => {
      app.unmount();
      workbench.close();
    },
  };
}

const shown = (...sources: Source[]) => sources.map((source) => marker(SOURCES[source]));

describe('nothing a server sends reaches the terminal as a control sequence (TUI)', () => {
  it('header, token panel, endpoints, response and status line show hostile text harmlessly', async () => {
    const { app, frame, key, close } = await start();
    try {
      const steps: { what: string; sources: Source[]; frame: string }[] = [];
      const step = (what: string, sources: Source[], text: string) => {
        // Checked at once, so a leak is reported where it happens.
        expect(unsafeCharacters(text), `${what}:\n${text}`).toEqual([]);
        steps.push({ what, sources, frame: text });
      };

      step(
        'header and endpoints',
        ['claimUserName', 'claimAuthority', 'specPath'],
        await waitForText(frame, shown('claimUserName', 'claimAuthority', 'specPath'), 15_000),
      );
      step(
        'token panel',
        ['claimOrg', 'claimScope', 'claimIssuer'],
        await key('t', ...shown('claimOrg', 'claimScope', 'claimIssuer')),
      );
      step(
        'token panel, its claims',
        ['claimSub', 'tokenResponseField'],
        await key('G', ...shown('claimSub', 'tokenResponseField')),
      );
      await key('t', 'No response yet');
      await key('/', 'type to filter');
      await key('forbidden', '/ forbidden');
      await key(RAW.enter, 'GET http://127.0.0.1');
      step(
        'response and status line',
        ['reasonPhrase', 'trackingId403'],
        await key('s', '403', ...shown('reasonPhrase', 'trackingId403')),
      );
      step('response headers', ['headerValue'], await key('H', ...shown('headerValue')));
      await key('p', '▶ Profiles');
      await key('j', '❯   hostile-z-bad-token');
      await key(RAW.enter, 'no token:');
      step(
        'token error in the token panel',
        ['tokenError', 'tokenErrorDescription'],
        await key('t', ...shown('tokenError', 'tokenErrorDescription')),
      );

      for (const { what, sources, frame: text } of steps) {
        for (const source of sources) {
          expect(text.includes(marker(SOURCES[source])), `${what} shows ${source}:\n${text}`).toBe(
            true,
          );
        }
      }
      // Every frame Ink drew, not only the ones waited for.
      const everything = app.frames.join('\n');
      expect(unsafeCharacters(everything)).toEqual([]);
      const cases = steps.flatMap((s) => s.sources).map((s) => sequencesOf(SOURCES[s]).length);
      console.log(
        `TUI escape cases held: ${cases.reduce((a, b) => a + b, 0)} in ${app.frames.length} frames`,
      );
    } finally {
      close();
    }
  });
});
