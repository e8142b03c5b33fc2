import type { Argument, Command, Option } from 'commander';

/**
 * What a value on the command line is, as far as completion can offer one: a saved profile's
 * name, several joined by commas, one of fixed choices, or anything (the shell offers files).
 */
export type ValueKind =
  | { readonly kind: 'profile' }
  | { readonly kind: 'profile-list' }
  | { readonly kind: 'choice'; readonly choices: readonly string[] }
  | { readonly kind: 'any' };

/** One option as completion sees it. */
export interface CompletionOption {
  /** `--json`; the short form when there is no long one. */
  readonly flag: string;
  /** `-q` beside `--query`, when there is one. */
  readonly short: string | undefined;
  readonly description: string;
  /** The value it takes, or undefined for a switch. */
  readonly value: ValueKind | undefined;
}

/** One positional argument. */
export interface CompletionArgument {
  readonly value: ValueKind;
  /** The last argument may take any number of words (`<sources...>`). */
  readonly variadic: boolean;
}

/** One command of the tree, the root included. */
export interface CompletionCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  /** The names that lead here from the root, e.g. ['profiles', 'add']; [] for the root. */
  readonly path: readonly string[];
  readonly options: readonly CompletionOption[];
  readonly args: readonly CompletionArgument[];
  readonly commands: readonly CompletionCommand[];
}

/**
 * A value named `profile` (`<profile>`, `[profile]`, `--profile <profile>`) is a saved profile's
 * name, and one named `profiles` a comma-separated list of them; program.ts names its arguments
 * so. A name does not say which profile a new one will be (`profiles add <name>`), so those are
 * left to the person typing.
 */
function valueKind(name: string, choices: readonly string[] | undefined): ValueKind {
  if (choices && choices.length > 0) return { kind: 'choice', choices };
  if (name === 'profile') return { kind: 'profile' };
  if (name === 'profiles') return { kind: 'profile-list' };
  return { kind: 'any' };
}

/** The value placeholder's name in an option's flags: `--profile <profile>` → `profile`. */
function placeholder(option: Option): string {
  return /[<[]([^>\]]+?)(?:\.\.\.)?[>\]]/.exec(option.flags)?.[1] ?? '';
}

function completionOption(option: Option): CompletionOption {
  const takesValue = option.required || option.optional;
  return {
    flag: option.long ?? option.short ?? option.flags,
    short: option.long ? option.short : undefined,
    description: option.description,
    value: takesValue ? valueKind(placeholder(option), option.argChoices) : undefined,
  };
}

function completionArgument(argument: Argument): CompletionArgument {
  return {
    value: valueKind(argument.name(), argument.argChoices),
    variadic: argument.variadic,
  };
}

/**
 * The command tree as shells complete it, read from commander's own definition (what `--help`
 * shows: hidden commands and options stay out, the built-in help command and option are in), so
 * the scripts never drift from the commands.
 */
export function completionModel(command: Command, path: readonly string[] = []): CompletionCommand {
  const help = command.createHelp();
  return {
    name: command.name(),
    aliases: command.aliases(),
    description: command.description(),
    path,
    options: help.visibleOptions(command).map(completionOption),
    args: command.registeredArguments.map(completionArgument),
    commands: help
      .visibleCommands(command)
      .map((sub) => completionModel(sub, [...path, sub.name()])),
  };
}

/** Every command of the tree, depth first, the root first. */
export function allCommands(root: CompletionCommand): CompletionCommand[] {
  return [root, ...root.commands.flatMap(allCommands)];
}
