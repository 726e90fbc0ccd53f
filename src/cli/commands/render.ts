// `ai-gateway-core render`: what `helm template RELEASE_NAME chart/` prints.
import type { Command } from 'commander';
import { render } from '../../render/render.js';
import { planOutputDir, writeOutputDir } from '../../output/write-output-dir.js';
import { TemplateNotFoundError } from '../../errors.js';
import { addValueFlags, collect, printWarnings, valueInputs, type Io, type ValueFlagOptions } from '../shared.js';

interface RenderFlags extends ValueFlagOptions {
  namespace: string;
  showOnly?: string[];
  outputDir?: string;
}

export function registerRender(program: Command, io: Io): void {
  addValueFlags(
    program
      .command('render')
      .description("Print the chart's manifests, exactly as `helm template RELEASE_NAME chart/` would.")
      .argument('[RELEASE_NAME]', "release name (helm's default: release-name)")
      .option('-n, --namespace <namespace>', 'namespace of the namespaced objects', 'default')
      .option('-s, --show-only <template>', 'only print the documents of this template, e.g. templates/gateway.yaml (repeatable; globs)', collect)
      .option('--output-dir <dir>', 'write each template to <dir>/ai-gateway-core/templates/ instead of stdout'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core render | kubectl apply -f -
  $ ai-gateway-core render prod -n ai-gateway -f values.yaml -f values-prod.yaml
  $ ai-gateway-core render --set envoyProxy.enabled=false --set-string clientTrafficPolicy.tls.minVersion=1.2
  $ ai-gateway-core render -s templates/gateway.yaml
  $ ai-gateway-core render -f values.yaml --output-dir out/`,
    )
    .action((releaseName: string | undefined, opts: RenderFlags) => {
      const result = render({ ...valueInputs(opts), releaseName, namespace: opts.namespace, showOnly: opts.outputDir ? undefined : opts.showOnly });
      printWarnings(io, result.warnings);
      if (opts.outputDir !== undefined) {
        // helm writes the files, then finds nothing left to show for --show-only.
        if (opts.showOnly?.length) throw new TemplateNotFoundError(opts.showOnly[0]);
        const plan = planOutputDir(opts.outputDir, result.manifests);
        writeOutputDir(plan, opts.outputDir);
        io.stdout(plan.log);
        return;
      }
      io.stdout(result.text);
    });
}
