import type { CompletionCommand } from './model.js';
import { shTables } from './sh-tables.js';
import { completionTables } from './tables.js';

/**
 * The part of the script that does not depend on the commands: it reads the words before the
 * cursor as commander does (subcommands while no argument has been given, an option's value after
 * an option that takes one, also as `--opt=value`, which bash splits at the `=`; arguments
 * counted) and asks the tables what may come next.
 */
const DRIVER = `
# Reads COMP_WORDS before the cursor into cmd_path (the command), arg (arguments so far) and
# pending (1 when the word before the cursor is an option that wants a value).
__keyhole_walk() {
  local word i sub
  cmd_path='' arg=0 pending=''
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ $word == '=' ]]; then pending=1; continue; fi
    if [[ -n $pending ]]; then pending=''; continue; fi
    case $word in
      --*=*) continue ;;
      -*) __keyhole_value "$cmd_path" "$word" >/dev/null && pending=1; continue ;;
    esac
    if ((arg == 0)) && sub=$(__keyhole_sub "$cmd_path" "$word"); then
      cmd_path=$sub
    else
      arg=$((arg + 1))
    fi
  done
}

# The saved profiles' names, read when Tab is pressed.
__keyhole_profiles() {
  command keyhole completion --list-profiles 2>/dev/null
}

# Fills COMPREPLY with the values $1 (__keyhole_value or __keyhole_arg's answer) allows for $2.
# Nothing for any value: bash then offers file names (complete -o default).
__keyhole_reply_values() {
  local kind=$1 cur=$2 head=''
  case $kind in
    @profile) COMPREPLY=($(compgen -W "$(__keyhole_profiles)" -- "$cur")) ;;
    @profile-list)
      [[ $cur == *,* ]] && head=\${cur%,*},
      COMPREPLY=($(compgen -P "$head" -W "$(__keyhole_profiles)" -- "\${cur##*,}"))
      type compopt >/dev/null 2>&1 && compopt -o nospace 2>/dev/null
      ;;
    @any | '') COMPREPLY=() ;;
    *) COMPREPLY=($(compgen -W "$kind" -- "$cur")) ;;
  esac
}

# Fills COMPREPLY with the first field of each line of $1 ("name:description") that starts with $2.
__keyhole_reply_names() {
  local line names=()
  while IFS= read -r line; do
    [[ -n $line ]] && names+=("\${line%%:*}")
  done <<<"$1"
  COMPREPLY=($(compgen -W "\${names[*]}" -- "$2"))
}

_keyhole() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev='' cmd_path arg pending
  ((COMP_CWORD > 0)) && prev=\${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()
  __keyhole_walk
  if [[ $cur == '=' ]]; then
    # The cursor is just after "--opt=": bash made "=" a word of its own.
    __keyhole_reply_values "$(__keyhole_value "$cmd_path" "$prev")" ''
  elif [[ $prev == '=' ]] && ((COMP_CWORD > 1)); then
    __keyhole_reply_values "$(__keyhole_value "$cmd_path" "\${COMP_WORDS[COMP_CWORD - 2]}")" "$cur"
  elif [[ -n $pending ]]; then
    __keyhole_reply_values "$(__keyhole_value "$cmd_path" "$prev")" "$cur"
  elif [[ $cur == -* ]]; then
    __keyhole_reply_names "$(__keyhole_options "$cmd_path")" "$cur"
  elif ((arg == 0)) && [[ -n $(__keyhole_commands "$cmd_path") ]]; then
    __keyhole_reply_names "$(__keyhole_commands "$cmd_path")" "$cur"
  else
    __keyhole_reply_values "$(__keyhole_arg "$cmd_path" "$arg")" "$cur"
  fi
  return 0
}

complete -o default -F _keyhole keyhole
`;

/**
 * A bash completion script for keyhole: commands, options, choices and saved profile names
 * (read by `keyhole completion --list-profiles` when Tab is pressed). Load it with
 * `source <(keyhole completion bash)` in ~/.bashrc.
 */
export function bashScript(root: CompletionCommand): string {
  return [
    '# bash completion for keyhole. Load it in ~/.bashrc with: source <(keyhole completion bash)',
    '',
    shTables(completionTables(root, ':')),
    DRIVER.trimStart(),
  ].join('\n');
}
