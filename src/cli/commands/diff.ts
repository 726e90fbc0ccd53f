// `ai-gateway-core diff`: what an upgrade changes, object by object, and what it breaks: the
// API server's refusals (with --crds), new addresses, detached routes, restarts, reset counters.
import { Option, type Command } from 'commander';
import { AiGatewayCoreError, QuietExit, UsageError } from '../../errors.js';
import { readTextFile } from '../../output/read-input.js';
import { stderrIsTerminal, stdoutIsTerminal } from '../../output/standard-streams.js';
import { defaultCacheDir } from '../../validate/cache-dir.js';
import { formatFindingsText, formatJunit, formatSarif, formatSummary } from '../../validate/format.js';
import { redactActive } from '../../values/secrets.js';
import { addSetFlags, addValueFlags, collect, printWarnings, valueInputs, type Io, type ValueFlagOptions } from '../shared.js';
import { useColor } from './validate.js';

// The differ (and, for --crds, the CRD validator) loads only when the command runs.
const differ = () => import('../../diff/diff.js');
const formats = () => import('../../diff/format.js');
const crdLoad = () => import('../../validate/manifests.js');

const DIFF_OUTPUTS = ['text', 'json', 'junit', 'sarif'] as const;

interface DiffFlags extends ValueFlagOptions {
  namespace: string;
  from?: string[];
  fromSet?: string[];
  fromSetString?: string[];
  fromSetJson?: string[];
  fromManifests?: string[];
  crds?: string[];
  context: string;
  output: (typeof DIFF_OUTPUTS)[number];
  showSecrets?: boolean;
  detailedExitcode?: boolean;
  cache: boolean;
  color: 'auto' | 'always' | 'never';
}

/** The API server would refuse part of the upgrade; the report has been printed. */
export class DiffRefusedError extends AiGatewayCoreError {}

function contextLines(text: string): number {
  if (!/^\d{1,4}$/.test(text)) throw new UsageError(`--context ${JSON.stringify(text)}: expected a number of lines, e.g. --context 3`);
  return Number(text);
}

export function registerDiff(program: Command, io: Io): void {
  const cmd = program
    .command('diff')
    .description('Show what an upgrade changes, object by object, and what it breaks: refusals (--crds), new addresses, detached routes, restarts, reset counters.')
    .argument('[RELEASE_NAME]', 'release name (default: release-name)')
    .option('-n, --namespace <namespace>', 'namespace of the namespaced objects', 'default')
    .option('--from <file>', 'the old values: a values file as for -f (repeatable, layered like -f)', collect);
  addSetFlags(cmd, 'from', (name) => `the old values: as --${name} (repeatable)`, ['set', 'set-string', 'set-json']);
  cmd
    .option('--from-manifests <file>', 'the old state: live objects as `kubectl get … -o yaml` prints them (a List or documents; - for stdin; repeatable)', collect)
    .option('--crds <path>', 'check each change as the API server checks an UPDATE against these CRDs (file, directory or -; repeatable)', collect)
    .option('-C, --context <lines>', 'unchanged lines shown around each change', '3')
    .addOption(new Option('-o, --output <format>', 'text for people; json for tools; junit or sarif for the findings').choices([...DIFF_OUTPUTS]).default('text'))
    .option('--show-secrets', 'show secret values in the diff instead of redacting them')
    .option('--detailed-exitcode', 'exit 3 when there are changes (and nothing is refused)')
    .option('--no-cache', 'do not read or write the cache of parsed CRDs')
    .addOption(new Option('--color <when>', 'colour the diff').choices(['auto', 'always', 'never']).default('auto'));
  addValueFlags(cmd)
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core diff prod -n ai-gateway --from old.yaml -f new.yaml
  $ kubectl get gatewayclass,gateway,envoyproxy,clienttrafficpolicy,gatewayconfig -n ai-gateway -o yaml \\
      | ai-gateway-core diff prod -n ai-gateway --from-manifests - -f values.yaml --crds crds/
  $ ai-gateway-core diff --from old.yaml -f new.yaml -o json | jq '.findings'

Exit codes: 0 no changes (or changes, without --detailed-exitcode), 1 an error or a change the
API server would refuse, 2 usage or I/O errors, 3 changes and nothing refused (--detailed-exitcode).`,
    )
    .action(async (releaseName: string | undefined, opts: DiffFlags) => {
      const fromValues = [opts.from, opts.fromSet, opts.fromSetString, opts.fromSetJson].some((v) => (v?.length ?? 0) > 0);
      if (fromValues && opts.fromManifests) throw new UsageError('give the old state once: --from (values) or --from-manifests (live objects), not both');
      if (!fromValues && !opts.fromManifests) throw new UsageError('give the old state: --from OLD_VALUES.yaml (or --from-set …), or --from-manifests LIVE.yaml (kubectl get … -o yaml)');
      const stdinUsers = [...(opts.values ?? []), ...(opts.from ?? []), ...(opts.fromManifests ?? []), ...(opts.crds ?? [])].filter((p) => p === '-').length;
      if (stdinUsers > 1) throw new UsageError('only one of -f, --from, --from-manifests and --crds can read standard input (-)');
      const context = contextLines(opts.context);
      const [{ diff }, f] = await Promise.all([differ(), formats()]);
      const crds = opts.crds ? (await crdLoad()).loadCrdPaths(opts.crds, opts.cache ? defaultCacheDir() : undefined) : undefined;
      const newValues = valueInputs(opts);
      const from = opts.fromManifests
        ? { kind: 'manifests' as const, files: opts.fromManifests.map((m) => ({ name: m === '-' ? '<stdin>' : m, text: readTextFile(m, 'manifests file') })) }
        : { kind: 'values' as const, options: valueInputs({ chart: opts.chart, values: opts.from, set: opts.fromSet, setString: opts.fromSetString, setJson: opts.fromSetJson }) };
      const result = diff({ from, to: { ...newValues, releaseName, namespace: opts.namespace }, crds, context, showSecrets: opts.showSecrets === true });

      printWarnings(io, result.warnings);
      const refused = result.findings.some((x) => x.severity === 'error');
      // The values read by this run teach the ledger what to hide; --show-secrets asks for them.
      const shown = (text: string) => (opts.showSecrets ? text : redactActive(text));
      const report = f.findingsReport(result);
      if (opts.output === 'json') io.stdout(shown(f.formatDiffJson(result)));
      else if (opts.output === 'junit') io.stdout(shown(formatJunit(report, false)));
      else if (opts.output === 'sarif') io.stdout(shown(formatSarif(report)));
      else {
        io.stdout(shown(f.formatDiffText(result, useColor(opts.color, stdoutIsTerminal))));
        if (result.findings.length > 0 && !refused) io.stderr(formatFindingsText(report, { color: useColor(opts.color, stderrIsTerminal) }));
      }
      if (refused) {
        const body = opts.output === 'text' ? `\n${formatFindingsText(report, { color: useColor(opts.color, stderrIsTerminal) })}`.trimEnd() : ' (see the report on stdout)';
        throw new DiffRefusedError(`the API server would refuse this upgrade: ${formatSummary(report)}${body}`);
      }
      if (opts.detailedExitcode && result.objects.length > 0) throw new QuietExit(3);
    });
}
