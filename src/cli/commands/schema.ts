// `ai-gateway-core schema`: the values JSON Schema, for editors (yaml-language-server) and CI.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { schemaPath } from '../../paths.js';
import { resolveChart } from '../../charts/registry.js';
import { addChartOption, type ChartFlag, type Io } from '../shared.js';

export function registerSchema(program: Command, io: Io): void {
  addChartOption(program.command('schema'))
    .description("Print the values JSON Schema (draft-07), the one helm checks; editors use it to complete and flag values files.")
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core schema > values.schema.json
  $ ai-gateway-core schema --chart models > models.schema.json
  # then, on the first line of a values file:
  # yaml-language-server: $schema=./values.schema.json`,
    )
    .action((opts: ChartFlag) => {
      io.stdout(readFileSync(schemaPath(resolveChart(opts.chart)), 'utf8'));
    });
}
