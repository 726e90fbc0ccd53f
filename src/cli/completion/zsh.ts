// The zsh completion script (#compdef), built on _arguments: flags with descriptions, their
// values (files, directories or fixed words) and the first argument's choices.
import type { CompletionCommand, CompletionModel, CompletionOption } from './model.js';

/** Text inside single quotes; in an explanation, brackets are escaped too. */
function quote(s: string): string {
  return s.replace(/'/g, `'\\''`);
}

function explanation(s: string): string {
  return quote(s.replace(/\\/g, '\\\\').replace(/[[\]]/g, (c) => `\\${c}`));
}

function action(opt: CompletionOption): string {
  const v = opt.value;
  if (v.kind === 'file') return ':file:_files';
  if (v.kind === 'dir') return ':directory:_files -/';
  if (v.kind === 'words') return `:value:(${v.words.join(' ')})`;
  if (v.kind === 'free') return ':value: ';
  return '';
}

function optionSpec(opt: CompletionOption): string {
  const flags = [opt.short, opt.long].filter((f): f is string => f !== undefined);
  const prefix = opt.repeatable ? '*' : flags.length > 1 ? `(${flags.join(' ')})` : '';
  const rest = `[${explanation(opt.description)}]${action(opt)}`;
  // `'(-o --output)'{-o,--output}'[…]…'`: the brace expansion gives one spec per flag.
  if (flags.length > 1) return `'${prefix}'{${flags.join(',')}}'${rest}'`;
  return `'${prefix}${flags[0]}${rest}'`;
}

function commandCase(cmd: CompletionCommand): string {
  const specs = cmd.options.map(optionSpec);
  if (cmd.argWords.length) specs.push(`'1:argument:(${cmd.argWords.join(' ')})'`);
  return `        ${cmd.name})\n          _arguments -s \\\n            ${specs.join(' \\\n            ')}\n          ;;`;
}

export function zshScript(model: CompletionModel): string {
  const fn = `_${model.program}`;
  const commands = model.commands.map((c) => `        '${c.name}:${quote(c.description)}'`).join('\n');
  const root = model.rootOptions.map(optionSpec).join(' \\\n    ');
  return `#compdef ${model.program}
# zsh completion for ${model.program}
# Load it now:        source <(${model.program} completion zsh)   (after compinit)
# Or for every shell: ${model.program} completion zsh > "\${fpath[1]}/_${model.program}"

${fn}() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  _arguments -C \\
    ${root} \\
    '1: :->command' \\
    '*:: :->args' && return 0
  case $state in
    command)
      local -a commands
      commands=(
${commands}
      )
      _describe -t commands '${model.program} command' commands
      ;;
    args)
      case $line[1] in
${model.commands.map(commandCase).join('\n')}
      esac
      ;;
  esac
}

if [ "$funcstack[1]" = "${fn}" ]; then
  ${fn} "$@"
else
  compdef ${fn} ${model.program}
fi
`;
}
