import type { CompletionCommand } from './model.js';
import { shTables } from './sh-tables.js';
import { completionTables } from './tables.js';

/** The command-independent part: bash's walk over the words, in zsh's words (1-based). */
const DRIVER = `
# The saved profiles' names, read when Tab is pressed.
__keyhole_profiles() {
  command keyhole completion --list-profiles 2>/dev/null
}

# Offers the values $1 (__keyhole_value or __keyhole_arg's answer) allows; files for any value.
__keyhole_offer_values() {
  local -a names choices expl
  case $1 in
    @profile)
      names=(\${(f)"$(__keyhole_profiles)"})
      _wanted profiles expl 'profile' compadd -a names
      ;;
    @profile-list)
      names=(\${(f)"$(__keyhole_profiles)"})
      compset -P '*,'
      _wanted profiles expl 'profile' compadd -S '' -a names
      ;;
    @any | '') _files ;;
    *)
      choices=(\${(f)1})
      _wanted values expl 'value' compadd -a choices
      ;;
  esac
}

_keyhole() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]}
  local cmd_path='' arg=0 pending='' word sub i
  local -a described
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
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
  if [[ -n $pending ]]; then
    __keyhole_offer_values "$(__keyhole_value "$cmd_path" "$prev")"
  elif [[ $cur == --*=* ]]; then
    local option=\${cur%%=*}
    compset -P '*='
    __keyhole_offer_values "$(__keyhole_value "$cmd_path" "$option")"
  elif [[ $cur == -* ]]; then
    described=(\${(f)"$(__keyhole_options "$cmd_path")"})
    _describe -t options 'option' described
  elif ((arg == 0)) && [[ -n $(__keyhole_commands "$cmd_path") ]]; then
    described=(\${(f)"$(__keyhole_commands "$cmd_path")"})
    _describe -t commands 'command' described
  else
    __keyhole_offer_values "$(__keyhole_arg "$cmd_path" "$arg")"
  fi
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _keyhole "$@"
else
  compdef _keyhole keyhole
fi
`;

/**
 * A zsh completion script for keyhole, with descriptions. Load it with
 * `source <(keyhole completion zsh)` in ~/.zshrc (after compinit), or save it as `_keyhole` in a
 * folder of $fpath.
 */
export function zshScript(root: CompletionCommand): string {
  return [
    '#compdef keyhole',
    '# zsh completion for keyhole. Load it in ~/.zshrc (after compinit) with:',
    '#   source <(keyhole completion zsh)',
    '# or save it as _keyhole in a folder of $fpath.',
    '',
    shTables(completionTables(root, ':')),
    DRIVER.trimStart(),
  ].join('\n');
}
