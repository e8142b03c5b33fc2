import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runKeyhole } from '../support/cli.js';

// README, --help and commander's tree agree: every command's help runs and shows its options, the
// CLI table names every command, and every `keyhole …` README shows names commands and options
// that exist.

const README = readFileSync('README.md', 'utf8');
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

interface Node {
  readonly path: readonly string[];
  readonly command: Command;
}

/** Every command of the tree, the root first (commander's implicit `help` is not in it). */
function walk(command: Command, path: readonly string[] = []): Node[] {
  return [
    { path, command },
    ...command.commands.flatMap((sub) => walk(sub, [...path, sub.name()])),
  ];
}
const NODES = walk(buildProgram());
const LEAVES = NODES.filter((node) => node.command.commands.length === 0 && node.path.length > 0);

function subcommand(command: Command, word: string): Command | undefined {
  return command.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
}

/** The flags a command takes: its options' long and short forms, and -h/--help. */
function flagsOf(command: Command): Set<string> {
  const flags = new Set(['-h', '--help']);
  for (const option of command.options) {
    if (option.long) flags.add(option.long);
    if (option.short) flags.add(option.short);
  }
  return flags;
}

/** One `keyhole …` as README writes it: the command it names and the flags given to it. */
interface Mention {
  readonly text: string;
  readonly path: readonly string[];
  readonly flags: readonly string[];
  /** Words that should have been subcommands and are not. */
  readonly unknown: readonly string[];
}

/**
 * Reads the words after `keyhole` the way commander would: subcommands (README writes
 * `profiles add/list` for several) while the command has any, then arguments (PROFILE, `[N]`,
 * `acme-pat`) and flags. `…` and placeholders in capitals are never subcommands.
 */
function readMention(text: string): Mention[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let frontier: { path: string[]; command: Command }[] = [{ path: [], command: buildProgram() }];
  const unknown: string[] = [];
  let index = 0;
  for (; index < words.length; index += 1) {
    const word = words[index] as string;
    if (word.startsWith('-') || word.startsWith('[')) break;
    const withSubcommands = frontier.filter((node) => node.command.commands.length > 0);
    if (withSubcommands.length === 0) break;
    if (/^[A-Z…]|…$/.test(word)) break;
    const next: { path: string[]; command: Command }[] = [];
    for (const node of withSubcommands) {
      for (const name of word.split('/')) {
        const found = subcommand(node.command, name);
        if (found) next.push({ path: [...node.path, found.name()], command: found });
        else unknown.push([...node.path, name].join(' '));
      }
    }
    frontier = next;
  }
  const flags = words
    .slice(index)
    .map((word) =>
      word
        .replace(/^\[+/, '')
        .replace(/[\]…]+$/, '')
        .replace(/\.\.\.$/, ''),
    )
    .filter((word) => /^--?[A-Za-z]/.test(word))
    .map((word) => word.replace(/=.*$/, ''));
  return frontier.map((node) => ({ text, path: node.path, flags, unknown }));
}

/** The text of README's section that starts with this heading, up to the next `## `. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, `README has a "${heading}" section`).toBeGreaterThan(0);
  const end = README.indexOf('\n## ', start + heading.length + 2);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Each `keyhole …` in inline code spans of `text`. */
function inlineMentions(text: string): Mention[] {
  return [...text.matchAll(/`keyhole(?: ([^`|]*))?[^`]*`/g)].flatMap((match) =>
    readMention(match[1] ?? ''),
  );
}

/** Each `keyhole …` run in README's ```sh blocks, continuation lines joined, up to a pipe. */
function shellMentions(): Mention[] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((line) => line.replace(/\s#\s.*$/, ''))
      .flatMap((line) =>
        [...line.matchAll(/(?:^|[\s($|])keyhole(?=\s|$)([^|;&)<>]*)/g)].flatMap((match) =>
          readMention((match[1] ?? '').replace(/['"]/g, ' ')),
        ),
      ),
  );
}

function problems(mentions: readonly Mention[]): string[] {
  return mentions.flatMap((mention) => {
    const command = NODES.find((node) => node.path.join(' ') === mention.path.join(' '))?.command;
    const flags = command ? flagsOf(command) : new Set<string>();
    return [
      ...mention.unknown.map((name) => `"${mention.text}": no command keyhole ${name}`),
      ...mention.flags
        .filter((flag) => !flags.has(flag))
        .map((flag) => `"${mention.text}": keyhole ${mention.path.join(' ')} has no ${flag}`),
    ];
  });
}

describe('--version, --help and README agree', () => {
  it("--version prints package.json's version", async () => {
    const result = await runKeyhole(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it('every command has --help: exit 0, its usage line, its options and subcommands', async () => {
    const failures: string[] = [];
    // Two at a time: the machine has two cores and other tests run beside this one.
    for (let i = 0; i < NODES.length; i += 2) {
      await Promise.all(
        NODES.slice(i, i + 2).map(async ({ path, command }) => {
          const help = await runKeyhole([...path, '--help']);
          const name = ['keyhole', ...path].join(' ');
          if (help.code !== 0) failures.push(`${name} --help exited ${help.code}: ${help.stderr}`);
          // Commander writes a command's aliases beside its name: `keyhole profiles list|ls`.
          const own = [command.name(), ...command.aliases()].join('|');
          const usage =
            path.length === 0 ? 'keyhole' : ['keyhole', ...path.slice(0, -1), own].join(' ');
          if (!help.stdout.startsWith(`Usage: ${usage} `)) {
            failures.push(`${name} --help: usage line is ${help.stdout.split('\n')[0]}`);
          }
          const shown = [
            ...command.options.filter((option) => !option.hidden).map((option) => option.long),
            ...command.commands.map((sub) => sub.name()),
          ];
          for (const word of shown) {
            if (word && !help.stdout.includes(word)) failures.push(`${name} --help lacks ${word}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("README's CLI table names every command, and only commands that exist", () => {
    const table = section('## The CLI')
      .split('\n')
      .filter((line) => line.startsWith('| `keyhole'));
    const mentions = table.flatMap((line) => inlineMentions(line.split('|')[1] as string));
    expect(problems(mentions)).toEqual([]);
    const named = new Set(mentions.map((mention) => mention.path.join(' ')));
    const missing = LEAVES.map((leaf) => leaf.path.join(' ')).filter((path) => !named.has(path));
    expect(missing, 'commands missing from README\'s "The CLI" table').toEqual([]);
  });

  it('every keyhole command README shows (code blocks and inline) exists, with the options it shows', () => {
    const mentions = [...shellMentions(), ...inlineMentions(README)];
    expect(mentions.length).toBeGreaterThan(30);
    expect(problems(mentions)).toEqual([]);
  });
});
