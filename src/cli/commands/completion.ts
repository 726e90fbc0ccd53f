// `ai-gateway-core completion bash|zsh|fish`: a completion script built from the commands themselves.
import { Argument, type Command } from 'commander';
import { loadChart } from '../../render/templates.js';
import { CHART_IDS, resolveChart } from '../../charts/registry.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { zshScript } from '../completion/zsh.js';
import { completionModel, type CompletionModel } from '../completion/model.js';
import type { Io } from '../shared.js';

const SCRIPTS: Record<string, (model: CompletionModel) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

export function registerCompletion(program: Command, io: Io): void {
  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish.')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(Object.keys(SCRIPTS)))
    .addHelpText(
      'after',
      `
Examples:
  $ source <(ai-gateway-core completion bash)                     # bash, this shell
  $ ai-gateway-core completion bash > ~/.local/share/bash-completion/completions/ai-gateway-core
  $ ai-gateway-core completion zsh > "\${fpath[1]}/_ai-gateway-core"  # zsh
  $ ai-gateway-core completion fish > ~/.config/fish/completions/ai-gateway-core.fish`,
    )
    .action((shell: string) => {
      // --show-only completes the templates of every chart: the command line may not say which yet.
      const templates = [...new Set(CHART_IDS.flatMap((id) => loadChart(resolveChart(id)).templates.map(([path]) => path)))].sort();
      io.stdout(SCRIPTS[shell](completionModel(program, templates)));
    });
}
