import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';

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
