import { render } from 'ink';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selfCommand } from '../core/curl/index.js';
import { claimNotices } from '../core/notices.js';
import { ProfileRepository } from '../core/profiles/repository.js';
import { Workbench } from '../core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../demo/server.js';
import { App } from './app.js';
import { editInEditor } from './editor.js';
import type { AppExit } from './effects.js';
import type { LaunchOptions } from './launch.js';
import type { UiState } from './state/ui-state.js';

const ALT_SCREEN_ON = '\u001B[?1049h\u001B[2J\u001B[H';
const ALT_SCREEN_OFF = '\u001B[?1049l';

/**
 * Runs the TUI until the person quits. In demo mode (asked for, or no saved profiles) the demo
 * tenant runs in this process and tokens, observations and spec caches live in a temporary folder
 * that is removed at exit. Leaving for $EDITOR unmounts Ink, so the editor has the terminal to
 * itself, and mounts it again with the same UI state.
 */
export async function runTui(options: LaunchOptions): Promise<number> {
  const repository = new ProfileRepository();
  const saved = repository.list();
  if (options.profile && !options.demo && saved.length > 0) repository.get(options.profile);
  const demo = options.demo === true || saved.length === 0;
  const tenant: DemoTenant | null = demo ? await startDemoTenant({ port: 0 }) : null;
  const scratch = demo ? mkdtempSync(path.join(tmpdir(), 'keyhole-demo-')) : null;
  const cleanup = () => {
    process.stdout.write(ALT_SCREEN_OFF);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(signal === 'SIGTERM' ? 143 : 129));
  }

  const workbench = new Workbench({
    repository,
    selfCommand: selfCommand({ script: process.argv[1], node: process.execPath, env: process.env }),
    watchConfig: true,
    ...(tenant && scratch
      ? { demo: { baseUrl: tenant.baseUrl, clients: tenant.clients }, scratchDir: scratch }
      : {}),
  });
  workbench.start(options.profile);
  if (
    options.profile &&
    !workbench.getSnapshot().profiles.some((p) => p.profile.name === options.profile)
  ) {
    workbench.say('error', `no profile named "${options.profile}"`);
  }

  // A stray error from a library's event emitter must not take the terminal down with it:
  // while the TUI runs, it is shown in the status line instead.
  const report = (error: unknown) =>
    workbench.say(
      'error',
      `internal error: ${error instanceof Error ? error.message : String(error)}`,
    );
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
  const releaseNotices = claimNotices((message) => workbench.say('error', message));

  let ui: UiState | undefined;
  try {
    for (;;) {
      process.stdout.write(ALT_SCREEN_ON);
      const instance = render(<App workbench={workbench} initialUi={ui} />, { exitOnCtrlC: false });
      const outcome = (await instance.waitUntilExit()) as AppExit | undefined;
      if (outcome?.type !== 'edit') break;
      ui = outcome.ui;
      process.stdout.write(ALT_SCREEN_OFF);
      editBody(workbench);
    }
  } finally {
    process.off('uncaughtException', report);
    process.off('unhandledRejection', report);
    releaseNotices();
    workbench.close();
    await tenant?.close();
    cleanup();
    process.off('exit', cleanup);
  }
  return 0;
}

function editBody(workbench: Workbench): void {
  const body = workbench.getSnapshot().request.body;
  try {
    const edited = editInEditor(body ?? '{\n}\n');
    const text = edited.replace(/\n$/, '');
    workbench.updateRequest((draft) => ({ ...draft, body: text.trim() === '' ? null : text }));
    workbench.say(
      'info',
      text.trim() === '' ? 'the body is empty: none is sent' : 'body updated from the editor',
    );
  } catch (error) {
    workbench.say('error', error instanceof Error ? error.message : String(error));
  }
}
