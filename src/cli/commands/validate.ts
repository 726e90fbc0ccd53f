// `ai-gateway-core validate`: every mistake in the values (and, with --crds, in the rendered
// documents) caught before the cluster sees it, with where and how to fix it.
import { monotonicMs } from '../../validate/clock.js';
import { Option, type Command } from 'commander';
import { AiGatewayCoreError, UsageError } from '../../errors.js';
import { readTextFile } from '../../output/read-input.js';
import { stderrIsTerminal } from '../../output/standard-streams.js';
import { countBySeverity, exitCodeFor, type ValidationReport } from '../../validate/findings.js';
import { formatCoverage, formatFindingsText, formatJson, formatJunit, formatSarif, formatSummary, OUTPUT_FORMATS, type OutputFormat } from '../../validate/format.js';
import { defaultCacheDir } from '../../validate/cache-dir.js';
import { finish, validateValues } from '../../validate/validate-values.js';
import { Locator } from '../../validate/locator.js';
import type { RenderResult } from '../../render/render.js';
import { readFileSync } from 'node:fs';
import { addValueFlags, collect, valueInputs, type Io, type ValueFlagOptions } from '../shared.js';
import { redactActive } from '../../values/secrets.js';

// The CRD validator (and its CEL runtime) loads only for --crds and --manifests.
const crdCheck = () => import('../../validate/validate.js');
const crdLoad = () => import('../../validate/manifests.js');

interface ValidateFlags extends ValueFlagOptions {
  namespace: string;
  crds?: string[];
  manifests?: string[];
  output: OutputFormat;
  strict?: boolean;
  status?: boolean;
  cache: boolean;
  color: 'auto' | 'always' | 'never';
}

/** The report did not pass; it has been printed already. */
export class ValidationFailedError extends AiGatewayCoreError {}

/**
 * Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). `isTTY` may be
 * a function: asked only when the answer matters, since finding out can cost a millisecond or two.
 */
export function useColor(when: 'auto' | 'always' | 'never', isTTY: boolean | undefined | (() => boolean), env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (when === 'always') return true;
  if (when === 'never') return false;
  if (env['TERM'] === 'dumb') return false;
  return (typeof isTTY === 'function' ? isTTY() : isTTY) === true;
}

export function registerValidate(program: Command, io: Io): void {
  addValueFlags(
    program
      .command('validate')
      .description('Check values (and, with --crds, the rendered documents) before the cluster sees them: where each problem is and how to fix it.')
      .argument('[RELEASE_NAME]', 'release name used when rendering for --crds (default: release-name)')
      .option('-n, --namespace <namespace>', 'release namespace: where the chart renders its objects, and where it issues Secrets', 'default')
      .option('--crds <path>', 'CRDs to check the rendered documents against: a file, a directory of *.yaml/*.json, or - (repeatable)', collect)
      .option('--manifests <file>', 'check the documents of this file (- for stdin) against --crds instead of the chart\'s output (repeatable)', collect)
      .addOption(new Option('-o, --output <format>', 'text for people; json, junit or sarif for tools and CI').choices(OUTPUT_FORMATS).default('text'))
      .option('--strict', 'warnings fail too (exit 1)')
      .option('--status', "with --manifests: validate .status too (objects read back from a cluster; on create the API server resets it)")
      .option('--no-cache', 'do not read or write the cache of parsed CRDs')
      .addOption(new Option('--color <when>', 'colour the text report').choices(['auto', 'always', 'never']).default('auto')),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core validate -f values.yaml
  $ ai-gateway-core validate -f values.yaml --set gateway.listeners[0].port=8080
  $ ai-gateway-core validate -f values.yaml --crds crds/            # the chart's output against your cluster's CRDs
  $ ai-gateway-core validate --crds crds/ --manifests routes.yaml   # any documents against the CRDs
  $ ai-gateway-core validate -f values.yaml -o sarif > results.sarif

Exit codes: 0 valid (warnings allowed unless --strict), 1 invalid, 2 usage or I/O errors.
Get the CRDs of your cluster with:
  kubectl get crd gateways.gateway.networking.k8s.io gatewayclasses.gateway.networking.k8s.io \\
    envoyproxies.gateway.envoyproxy.io clienttrafficpolicies.gateway.envoyproxy.io \\
    gatewayconfigs.aigateway.envoyproxy.io -o yaml > crds.yaml
Parsed CRDs are cached (keyed by their sha256) in $AI_GATEWAY_CORE_CACHE_DIR, or
$XDG_CACHE_HOME/ai-gateway-core/crds, or ~/.cache/ai-gateway-core/crds.`,
    )
    .action(async (releaseName: string | undefined, opts: ValidateFlags) => {
      const usesValues = [opts.values, opts.set, opts.setString, opts.setJson, opts.setFile, opts.setLiteral].some((v) => (v?.length ?? 0) > 0);
      if (opts.manifests && usesValues) throw new UsageError('--manifests checks the given documents, not the chart: drop the value flags (-f, --set…), or drop --manifests');
      if (opts.manifests && !opts.crds) throw new UsageError('--manifests needs --crds: give the CRDs to check the documents against');
      const stdinUsers = [...(opts.values ?? []), ...(opts.crds ?? []), ...(opts.manifests ?? [])].filter((p) => p === '-').length;
      if (stdinUsers > 1) throw new UsageError('only one of -f, --crds and --manifests can read standard input (-)');
      const report = opts.crds
        ? (await crdCheck()).validate({
            ...(opts.manifests ? {} : valueInputs(opts)),
            releaseName,
            namespace: opts.namespace,
            crds: opts.crds,
            manifests: opts.manifests?.map((m) => ({ name: m === '-' ? '<stdin>' : m, text: readTextFile(m, 'manifests file') })),
            cacheDir: opts.cache ? defaultCacheDir() : undefined,
            validateStatus: opts.status === true,
          })
        : validateValues({ ...valueInputs(opts), namespace: opts.namespace });
      printReport(io, report, opts, opts.manifests ? 'documents' : 'values');
    });
}

export interface ReportFlags {
  output: OutputFormat;
  strict?: boolean;
  color: 'auto' | 'always' | 'never';
}

/**
 * The report as `validate` prints it (and `check`, which says what it checked in `what`): text on
 * stderr, or json/junit/sarif on stdout, secrets redacted; a failing report ends in
 * ValidationFailedError (exit 1).
 */
export function printReport(io: Io, report: ValidationReport, opts: ReportFlags, what: string, command = 'validate'): void {
  const strict = opts.strict === true;
  const code = exitCodeFor(report, strict);
  if (opts.output !== 'text') {
    // A report quotes values; secrets stay out of it as out of error messages.
    io.stdout(redactActive(opts.output === 'json' ? formatJson(report, strict) : opts.output === 'junit' ? formatJunit(report, strict, { command, what }) : formatSarif(report)));
    if (code !== 0) throw new ValidationFailedError(failure(report, what, strict, ' (see the report on stdout)'));
    return;
  }
  const color = useColor(opts.color, stderrIsTerminal);
  const body = formatFindingsText(report, { color, coverage: false });
  const coverage = report.crds ? `${formatCoverage(report).join('\n')}\n` : '';
  if (code !== 0) throw new ValidationFailedError(`${failure(report, what, strict, '')}\n${body}${coverage}`.trimEnd());
  if (report.findings.length > 0) io.stderr(`${body}`);
  const checked = report.crds ? `; ${report.crds.documents} ${report.crds.documents === 1 ? 'document' : 'documents'} accepted by the CRDs` : '';
  io.stdout(`${what} are valid${checked}${report.findings.length ? ` (${formatSummary(report)})` : ''}\n${coverage}`);
}

function failure(report: ValidationReport, what: string, strict: boolean, tail: string): string {
  const c = countBySeverity(report.findings);
  const reason = c.error === 0 && strict ? ` (--strict: warnings fail)` : '';
  return `${what} are invalid: ${formatSummary(report)}${reason}${tail}`;
}

/**
 * `render --crds`: the rendered documents are checked against the CRDs before anything is
 * printed. A document the cluster would reject stops the render (exit 1, nothing on stdout);
 * warnings (a deprecated version) go to stderr. Findings point at the values line or flag.
 */
export async function crdGate(io: Io, crds: string[] | undefined, result: RenderResult, valueFiles: string[] = []): Promise<void> {
  if (!crds || crds.length === 0) return;
  const started = monotonicMs();
  const [{ checkRendered }, { loadCrdPaths }] = await Promise.all([crdCheck(), crdLoad()]);
  const crdSet = loadCrdPaths(crds, defaultCacheDir());
  // The files were read once already (stdin cannot be read twice); these texts only place keys.
  const files = valueFiles.filter((f) => f !== '-').flatMap((f) => {
    try {
      return [{ name: f, text: readFileSync(f, 'utf8') }];
    } catch {
      return [];
    }
  });
  const check = checkRendered(crdSet, result.manifests, { values: result.values, locator: new Locator(result.sources, files) });
  const report = finish({ findings: check.findings, inputs: valueFiles }, check, started);
  if (report.findings.length === 0) return;
  const body = formatFindingsText(report, { color: useColor('auto', stderrIsTerminal), coverage: false });
  if (report.findings.some((f) => f.severity === 'error')) {
    throw new ValidationFailedError(`the cluster would reject the rendered documents: ${formatSummary(report)}\n${body}`.trimEnd());
  }
  io.stderr(body);
}
