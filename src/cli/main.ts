import { CommanderError } from 'commander';
import { quietOnClosedPipes } from './closed-pipes.js';
import { buildProgram } from './program.js';
import { runCommand } from './run.js';
import { tuneForShortLife } from './short-lived.js';

// The `keyhole` entry point: the TUI for a bare start, commander (program.ts) for the rest.

/**
 * `keyhole`, `keyhole --demo`, `keyhole --profile NAME` (and nothing else) start the TUI; any
 * other arguments belong to commander. Null when the arguments are not a TUI start.
 */
function tuiArguments(args: readonly string[]): { demo?: boolean; profile?: string } | null {
  const options: { demo?: boolean; profile?: string } = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--demo') options.demo = true;
    else if (arg.startsWith('--profile=') && arg.length > 10) options.profile = arg.slice(10);
    else if (arg === '--profile' && args[i + 1] && !args[i + 1]?.startsWith('-')) {
      options.profile = args[i + 1];
      i += 1;
    } else return null;
  }
  return options;
}

async function main(argv: string[]): Promise<void> {
  quietOnClosedPipes();
  const program = buildProgram();
  const tui = tuiArguments(argv.slice(2));
  if (tui) {
    // Ink and React load only here, through import(): no other command pays for them.
    await runCommand(async () => (await import('../ui/launch.js')).launchTui(tui));
    return;
  }
  tuneForShortLife();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      process.exit(ok ? 0 : 2);
    }
    throw error;
  }
}

await main(process.argv);
