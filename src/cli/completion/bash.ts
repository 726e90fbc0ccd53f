// The bash completion script: one function that finds the command word and completes its flags,
// their values (files, directories or fixed words) and its first argument's choices.
import { flagsOf, type CompletionCommand, type CompletionModel, type CompletionOption } from './model.js';

function fnName(program: string): string {
  return `_${program.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function valueCase(opts: CompletionOption[]): string[] {
  const lines: string[] = [];
  for (const opt of opts.filter((o) => o.takesValue)) {
    const pattern = flagsOf(opt).join('|');
    const v = opt.value;
    if (v.kind === 'file') lines.push(`        ${pattern}) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;`);
    else if (v.kind === 'dir') lines.push(`        ${pattern}) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")); return 0 ;;`);
    else if (v.kind === 'words') lines.push(`        ${pattern}) COMPREPLY=($(compgen -W '${v.words.join(' ')}' -- "$cur")); return 0 ;;`);
    else lines.push(`        ${pattern}) return 0 ;;`);
  }
  return lines;
}

function commandCase(cmd: CompletionCommand): string {
  const flags = cmd.options.flatMap(flagsOf).join(' ');
  const values = valueCase(cmd.options);
  return [
    `    ${cmd.name})`,
    ...(values.length ? ['      case "$prev" in', ...values, '      esac'] : []),
    ...(cmd.argWords.length
      ? [`      if [[ "$cur" != -* ]]; then COMPREPLY=($(compgen -W '${cmd.argWords.join(' ')}' -- "$cur")); return 0; fi`]
      : []),
    `      COMPREPLY=($(compgen -W '${flags}' -- "$cur"))`,
    '      return 0 ;;',
  ].join('\n');
}

export function bashScript(model: CompletionModel): string {
  const fn = fnName(model.program);
  const top = [...model.commands.map((c) => c.name), ...model.rootOptions.flatMap(flagsOf)].join(' ');
  return `# bash completion for ${model.program}
# Load it now:       source <(${model.program} completion bash)
# Or for every shell: ${model.program} completion bash > ~/.local/share/bash-completion/completions/${model.program}
${fn}() {
  local cur prev cmd i
  COMPREPLY=()
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd" in
${model.commands.map(commandCase).join('\n')}
  esac
  COMPREPLY=($(compgen -W '${top}' -- "$cur"))
}
complete -F ${fn} ${model.program}
`;
}
