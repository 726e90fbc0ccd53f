// `ai-gateway-core render`: what `helm template RELEASE_NAME chart/` prints.
import { Option, type Command } from 'commander';
import { checkReleaseName, render } from '../../render/render.js';
import { planOutputDir, writeOutputDir } from '../../output/write-output-dir.js';
import { TemplateNotFoundError, UsageError } from '../../errors.js';
import { toKubectlList } from '../../output/kubectl-json.js';
import { addValueFlags, collect, printWarnings, valueInputs, type Io, type ValueFlagOptions } from '../shared.js';
import { crdGate } from './validate.js';
import { renderEach } from './render-each.js';
import { InterruptedError, watchInterrupts } from '../interrupts.js';

interface RenderFlags extends ValueFlagOptions {
  namespace: string;
  showOnly?: string[];
  outputDir?: string;
  each?: string;
  output: 'yaml' | 'json';
  kubeVersion?: string;
  apiVersions?: string[];
  includeCrds?: boolean;
  crds?: string[];
}

// helm template's --include-crds prints the chart's crds/ folder; this chart has none on purpose.
const NO_CRDS_NOTE =
  'note: --include-crds changes nothing: this chart has no crds/ folder. Its CRDs belong to Envoy Gateway and Envoy AI Gateway; install them with those projects\' charts (gateway-helm, ai-gateway-crds-helm).\n';

export function registerRender(program: Command, io: Io): void {
  addValueFlags(
    program
      .command('render')
      .description("Print the chart's manifests, exactly as `helm template RELEASE_NAME chart/` would.")
      .argument('[RELEASE_NAME]', "release name (helm's default: release-name)")
      .option('-n, --namespace <namespace>', 'namespace of the namespaced objects', 'default')
      .option('-s, --show-only <template>', 'only print the documents of this template, e.g. templates/gateway.yaml (repeatable; globs)', collect)
      .option('--output-dir <dir>', 'write each template to <dir>/ai-gateway-core/templates/ instead of stdout')
      .option('--each <dir|glob>', 'render every values file in a directory (or matching a glob) as its own environment, into <output-dir>/<name>/; the -f files are shared and come first')
      .addOption(new Option('-o, --output <format>', 'yaml: what helm template prints; json: one kubectl List').choices(['yaml', 'json']).default('yaml'))
      .option('--kube-version <version>', "Kubernetes version to check Chart.yaml's kubeVersion (>=1.32.0-0) against, as helm does")
      .option('-a, --api-versions <versions>', 'extra Kubernetes API versions for .Capabilities (repeatable, comma-separated); accepted as in helm', collect)
      .option('--include-crds', 'accepted as in helm; prints nothing more: the chart has no CRDs (see --help)')
      .option('--crds <path>', 'check the output against these CRDs (file, directory or -; repeatable) and print nothing if the cluster would reject it', collect),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core render | kubectl apply -f -
  $ ai-gateway-core render prod -n ai-gateway -f values.yaml -f values-prod.yaml
  $ ai-gateway-core render --set envoyProxy.enabled=false --set-string clientTrafficPolicy.tls.minVersion=1.2
  $ ai-gateway-core render -s templates/gateway.yaml
  $ ai-gateway-core render -f values.yaml --output-dir out/
  $ ai-gateway-core render -f common.yaml --each envs/ --output-dir out/     # out/<env>/ per envs/<env>.yaml
  $ ai-gateway-core render -o json | jq '.items[].kind'
  $ ai-gateway-core render --kube-version 1.33.4 --api-versions gateway.networking.k8s.io/v1

--include-crds: the chart renders no CRDs. Install the Envoy Gateway CRDs (and Gateway API) with
gateway-helm and the AI Gateway CRDs with ai-gateway-crds-helm first; this chart only uses them.`,
    )
    .action(async (releaseName: string | undefined, opts: RenderFlags) => {
      if (opts.each !== undefined) {
        if (releaseName !== undefined) checkReleaseName(releaseName);
        const shared = () => ({ ...valueInputs(opts), releaseName, namespace: opts.namespace, kubeVersion: opts.kubeVersion, apiVersions: opts.apiVersions?.flatMap((v) => v.split(',')) });
        return renderEach(io, { ...opts, each: opts.each }, shared);
      }
      if (opts.output === 'json' && opts.outputDir !== undefined) {
        throw new UsageError('--output-dir writes the YAML files helm writes; -o json prints one List to stdout: use one of them');
      }
      const result = render({
        ...valueInputs(opts),
        releaseName,
        namespace: opts.namespace,
        showOnly: opts.outputDir ? undefined : opts.showOnly,
        kubeVersion: opts.kubeVersion,
        apiVersions: opts.apiVersions?.flatMap((v) => v.split(',')),
      });
      printWarnings(io, result.warnings);
      if (opts.crds) await crdGate(io, opts.crds, result, opts.values);
      if (opts.includeCrds) io.stderr(NO_CRDS_NOTE);
      if (opts.outputDir !== undefined) {
        // helm writes the files, then finds nothing left to show for --show-only.
        if (opts.showOnly?.length) throw new TemplateNotFoundError(opts.showOnly[0]);
        const plan = planOutputDir(opts.outputDir, result.manifests);
        const interrupts = watchInterrupts();
        try {
          writeOutputDir(plan, opts.outputDir);
          io.stdout(plan.log);
          // A signal that came while the files were written is handled now that they are whole.
          const signal = await interrupts.checkpoint();
          if (signal) throw new InterruptedError(signal, `${opts.outputDir} was written completely before the run stopped`);
        } finally {
          interrupts.stop();
        }
        return;
      }
      io.stdout(opts.output === 'json' ? toKubectlList(result.text) : result.text);
    });
}
