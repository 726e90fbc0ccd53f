// `ai-gateway-core validate`: check values (and later manifests) before the cluster sees them.
import type { Command } from 'commander';
import { mergeValues, validateMerged } from '../../render/render.js';
import { addValueFlags, printWarnings, valueInputs, type Io, type ValueFlagOptions } from '../shared.js';

export function registerValidate(program: Command, io: Io): void {
  addValueFlags(program.command('validate').description("Check values against the chart's schema without rendering anything to stdout."))
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core validate -f values.yaml
  $ ai-gateway-core validate -f values.yaml --set gateway.listeners[0].port=8080`,
    )
    .action((opts: ValueFlagOptions) => {
      const merged = mergeValues(valueInputs(opts));
      printWarnings(io, merged.warnings);
      validateMerged(merged);
      io.stdout('values are valid\n');
    });
}
