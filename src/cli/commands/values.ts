// `ai-gateway-core values`: the chart's default values with their comments, as `helm show values`.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { chartValuesPath } from '../../paths.js';
import type { Io } from '../shared.js';

export function registerValues(program: Command, io: Io): void {
  program
    .command('values')
    .description('Print the default values, every key with its comment, exactly as `helm show values chart/` does.')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core values > my-values.yaml
  $ ai-gateway-core values | grep -A2 'clientTrafficPolicy.connection'`,
    )
    .action(() => {
      // helm prints the file followed by a newline of its own.
      io.stdout(`${readFileSync(chartValuesPath(), 'utf8')}\n`);
    });
}
