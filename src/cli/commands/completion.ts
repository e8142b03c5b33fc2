import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { savedProfileNames } from '../../core/profiles/saved-names.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { completionModel } from '../completion/model.js';
import { zshScript } from '../completion/zsh.js';
import { printLine } from '../output.js';

/** The shells `keyhole completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const SCRIPTS: Record<Shell, (root: ReturnType<typeof completionModel>) => string> = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
};

/**
 * `keyhole completion SHELL` prints the completion script for the command tree `program`;
 * `keyhole completion --list-profiles` (what the scripts run at each Tab) prints the saved
 * profiles' names, one a line, and nothing at all when there are none or the config is unreadable.
 */
export async function completionCommand(
  shell: Shell | undefined,
  options: { listProfiles?: boolean },
  program: Command,
): Promise<void> {
  if (options.listProfiles) {
    for (const name of savedProfileNames()) printLine(name);
    return;
  }
  if (shell === undefined) {
    throw new UsageError(
      'name a shell: bash, zsh or fish',
      'e.g. source <(keyhole completion bash) in ~/.bashrc',
    );
  }
  printLine(SCRIPTS[shell](completionModel(program)).trimEnd());
}
