// `ai-gateway-core values`: the chart's default values with their comments, as `helm show values`.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { chartValuesPath } from '../../paths.js';
import { resolveChart } from '../../charts/registry.js';
import { addChartOption, type ChartFlag, type Io } from '../shared.js';

export function registerValues(program: Command, io: Io): void {
  addChartOption(program.command('values'))
    .description('Print the default values, every key with its comment, exactly as `helm show values chart/` does.')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core values > my-values.yaml
  $ ai-gateway-core values --chart models > models.yaml
  $ ai-gateway-core values | grep -A2 'clientTrafficPolicy.connection'`,
    )
    .action((opts: ChartFlag) => {
      // helm prints the file followed by a newline of its own.
      io.stdout(`${readFileSync(chartValuesPath(resolveChart(opts.chart)), 'utf8')}\n`);
    });
}
