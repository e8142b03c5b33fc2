import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { waitForText } from './wait-for-frame.js';

/**
 * The lifecycle screen tests share: one demo tenant and one scratch folder (named `prefix…`) for
 * the file, handed to `ready`; `cleanups` (unmounts, closed sessions) run after each test.
 */
export function useDemoScreen(
  prefix: string,
  ready: (tenant: DemoTenant, root: string) => void,
  cleanups: Array<() => void>,
): void {
  let tenant: DemoTenant | undefined;
  let root: string | undefined;
  beforeAll(async () => {
    tenant = await startDemoTenant({ port: 0 });
    root = mkdtempSync(path.join(tmpdir(), prefix));
    ready(tenant, root);
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  afterAll(async () => {
    await tenant?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });
}

/** What the screen tests drive: a rendered App (ink-testing-library's or `renderSized`'s). */
interface RenderedApp {
  lastFrame(): string | undefined;
  readonly stdin: { write(data: string): unknown };
  unmount(): void;
}

/**
 * The frame of a rendered App and `key(input, ...texts)`: writes one input, then waits for a
 * frame that shows every text. The App and its session are closed after the test.
 */
export function driveApp(
  app: RenderedApp,
  workbench: { close(): void },
  cleanups: Array<() => void>,
) {
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
