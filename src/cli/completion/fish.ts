// The fish completion script: one `complete` line per command and per flag, scoped to its command.
import type { CompletionModel, CompletionOption } from './model.js';

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function optionLine(program: string, condition: string, opt: CompletionOption): string {
  const parts = ['complete', '-c', program, '-n', quote(condition)];
  if (opt.short) parts.push('-s', opt.short.slice(1));
  if (opt.long) parts.push('-l', opt.long.slice(2));
  const v = opt.value;
  if (v.kind === 'file') parts.push('-r', '-F');
  else if (v.kind === 'dir') parts.push('-x', '-a', quote('(__fish_complete_directories)'));
  else if (v.kind === 'words') parts.push('-x', '-a', quote(v.words.join(' ')));
  else if (v.kind === 'free') parts.push('-x');
  parts.push('-d', quote(opt.description));
  return parts.join(' ');
}

export function fishScript(model: CompletionModel): string {
  const p = model.program;
  const lines = [
    `# fish completion for ${p}`,
    `# Load it now:        ${p} completion fish | source`,
    `# Or for every shell: ${p} completion fish > ~/.config/fish/completions/${p}.fish`,
    `complete -c ${p} -f`,
    ...model.rootOptions.map((o) => optionLine(p, '__fish_use_subcommand', o)),
  ];
  for (const cmd of model.commands) {
    lines.push(`complete -c ${p} -n __fish_use_subcommand -a ${cmd.name} -d ${quote(cmd.description)}`);
    const inCmd = `__fish_seen_subcommand_from ${cmd.name}`;
    for (const opt of cmd.options) lines.push(optionLine(p, inCmd, opt));
    if (cmd.argWords.length) lines.push(`complete -c ${p} -n ${quote(inCmd)} -a ${quote(cmd.argWords.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
