import { allCommands, type CompletionCommand, type ValueKind } from './model.js';

/**
 * The lookups every completion script is built on, as data: each shell renders them as its own
 * `case`/`switch` functions. A key is a command's path (`profiles add`, '' for keyhole itself),
 * with `/` and a word or an argument's index after it for the two-part lookups.
 */
export interface Table {
  readonly name: string;
  /** What the function answers, as its comment in the script. */
  readonly doc: string;
  /** `path` for one argument, `path/word` for two. */
  readonly arity: 1 | 2;
  readonly entries: readonly TableEntry[];
  /** What an unknown key does: fail (exit 1, "not one of these") or print nothing. */
  readonly otherwise: 'fail' | 'nothing';
}

export interface TableEntry {
  readonly keys: readonly string[];
  /** Matches every key that starts with this (a variadic argument's later words). */
  readonly prefix?: string;
  readonly lines: readonly string[];
}

/** How a value is named in the scripts: `@profile`, `@profile-list`, `@any` or the choices. */
export function valueLines(value: ValueKind): string[] {
  if (value.kind === 'choice') return [...value.choices];
  return [`@${value.kind}`];
}

const pathOf = (command: CompletionCommand) => command.path.join(' ');

/** One line per completion with its description, joined by `separator` (`:` zsh, a tab fish). */
function described(name: string, description: string, separator: string): string {
  return `${name}${separator}${description.replace(/\s+/g, ' ')}`;
}

/**
 * The five lookups: a subcommand's canonical path, an option's value, an argument's value, a
 * command's subcommands and its options.
 */
export function completionTables(root: CompletionCommand, separator: string): Table[] {
  const commands = allCommands(root);
  return [
    {
      name: 'sub',
      doc: 'The path of subcommand $2 (a name or an alias) under the command at path $1.',
      arity: 2,
      otherwise: 'fail',
      entries: commands.flatMap((command) =>
        command.commands.map((sub) => ({
          keys: [sub.name, ...sub.aliases].map((name) => `${pathOf(command)}/${name}`),
          lines: [pathOf(sub)],
        })),
      ),
    },
    {
      name: 'value',
      doc: 'What option $2 of the command at path $1 takes; fails for a switch.',
      arity: 2,
      otherwise: 'fail',
      entries: commands.flatMap((command) =>
        command.options.flatMap((option) => {
          if (!option.value) return [];
          const flags = option.short ? [option.flag, option.short] : [option.flag];
          return [
            {
              keys: flags.map((flag) => `${pathOf(command)}/${flag}`),
              lines: valueLines(option.value),
            },
          ];
        }),
      ),
    },
    {
      name: 'arg',
      doc: 'What argument $2 (counted from 0) of the command at path $1 takes.',
      arity: 2,
      otherwise: 'nothing',
      entries: commands.flatMap((command) =>
        command.args.map((argument, index) => ({
          keys: [`${pathOf(command)}/${index}`],
          ...(argument.variadic ? { prefix: `${pathOf(command)}/` } : {}),
          lines: valueLines(argument.value),
        })),
      ),
    },
    {
      name: 'commands',
      doc: 'The subcommands of the command at path $1, with their descriptions.',
      arity: 1,
      otherwise: 'nothing',
      entries: commands
        .filter((command) => command.commands.length > 0)
        .map((command) => ({
          keys: [pathOf(command)],
          lines: command.commands.map((sub) => described(sub.name, sub.description, separator)),
        })),
    },
    {
      name: 'options',
      doc: 'The options of the command at path $1, with their descriptions.',
      arity: 1,
      otherwise: 'nothing',
      entries: commands.map((command) => ({
        keys: [pathOf(command)],
        lines: command.options.map((option) =>
          described(option.flag, option.description, separator),
        ),
      })),
    },
  ];
}
