import type { CompletionCommand } from './model.js';
import { completionTables, type Table } from './tables.js';

/** `text` as one word in fish: single-quoted, with \ and ' escaped. */
function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** A table as a fish function built on `switch` (fish's case patterns take * as a wildcard). */
function fishFunction(table: Table): string {
  const subject = table.arity === 2 ? '"$argv[1]/$argv[2]"' : '"$argv[1]"';
  const branches = table.entries.flatMap((entry) => {
    const patterns = entry.keys.map(fishQuote);
    if (entry.prefix !== undefined) patterns.push(fishQuote(`${entry.prefix}*`));
    const print =
      entry.lines.length > 0 ? [`printf '%s\\n' ${entry.lines.map(fishQuote).join(' ')}`] : [];
    return [`        case ${patterns.join(' ')}`, ...print.map((line) => `            ${line}`)];
  });
  return [
    `# ${table.doc.replaceAll('$1', 'argv[1]').replaceAll('$2', 'argv[2]')}`,
    `function __keyhole_${table.name}`,
    `    switch ${subject}`,
    ...branches,
    "        case '*'",
    `            return ${table.otherwise === 'fail' ? 1 : 0}`,
    '    end',
    'end',
    '',
  ].join('\n');
}

/** The command-independent part: the same walk over the words as bash's, in fish. */
const DRIVER = `
# The saved profiles' names, read when Tab is pressed.
function __keyhole_profiles
    command keyhole completion --list-profiles 2>/dev/null
end

# Prints the values argv[2..] (__keyhole_value or __keyhole_arg's answer) allow for the token
# argv[1]; file names for any value.
function __keyhole_print_values
    set -l cur $argv[1]
    set -l kind $argv[2..-1]
    switch "$kind[1]"
        case @profile
            __keyhole_profiles
        case @profile-list
            set -l head (string replace -r '[^,]*$' '' -- "$cur")
            for name in (__keyhole_profiles)
                printf '%s%s\\n' "$head" $name
            end
        case @any ''
            __fish_complete_path "$cur"
        case '*'
            printf '%s\\n' $kind
    end
end

# Everything that may come at the cursor: what the tables say for the words before it.
function __keyhole_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -e words[1]
    set -l cmd_path ''
    set -l arg 0
    set -l pending ''
    for word in $words
        if test -n "$pending"
            set pending ''
            continue
        end
        switch $word
            case '--*=*'
                continue
            case '-*'
                __keyhole_value "$cmd_path" $word >/dev/null; and set pending 1
                continue
        end
        set -l sub
        if test $arg -eq 0; and set sub (__keyhole_sub "$cmd_path" $word)
            set cmd_path $sub
        else
            set arg (math $arg + 1)
        end
    end
    set -l subs
    if test -n "$pending"
        __keyhole_print_values "$cur" (__keyhole_value "$cmd_path" $words[-1])
    else if string match -q -- '--*=*' "$cur"
        set -l option (string split -m 1 = -- "$cur")[1]
        set -l value (string split -m 1 = -- "$cur")[2]
        for line in (__keyhole_print_values "$value" (__keyhole_value "$cmd_path" $option))
            printf '%s=%s\\n' $option $line
        end
    else if string match -q -- '-*' "$cur"
        __keyhole_options "$cmd_path"
    else if test $arg -eq 0; and set subs (__keyhole_commands "$cmd_path"); and test (count $subs) -gt 0
        printf '%s\\n' $subs
    else
        __keyhole_print_values "$cur" (__keyhole_arg "$cmd_path" $arg)
    end
end

complete -c keyhole -e
complete -c keyhole -f -a '(__keyhole_complete)'
`;

/**
 * A fish completion script for keyhole, with descriptions. Load it with
 * `keyhole completion fish > ~/.config/fish/completions/keyhole.fish`.
 */
export function fishScript(root: CompletionCommand): string {
  return [
    '# fish completion for keyhole. Install it with:',
    '#   keyhole completion fish > ~/.config/fish/completions/keyhole.fish',
    '',
    completionTables(root, '\t').map(fishFunction).join('\n'),
    DRIVER.trimStart(),
  ].join('\n');
}
