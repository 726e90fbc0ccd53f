/**
 * `ai-gateway-core check` as one library call: the core and the models release checked as one
 * deployment before the cluster sees it.
 *
 *   each side: values → what `validate` reports for that chart alone → render
 *   both rendered: the rules of check-system.ts across the two
 *   with CRDs: every rendered document of both against them, as `validate --crds` does
 *
 * The report is validate's, so its formatters, exit codes, `--strict` and redaction apply as they are.
 */
import { AiGatewayCoreError, UsageError } from '../errors.js';
import type { ChartDefinition } from '../charts/chart.js';
import { resolveChart, type ChartSelector } from '../charts/registry.js';
import type { CrdSet } from '../crd/index.js';
import { parseYamlDocument } from '../crd/simple-yaml.js';
import { checkReleaseName, DEFAULT_NAMESPACE, DEFAULT_RELEASE_NAME, renderValues, type RenderOptions } from '../render/render.js';
import { monotonicMs } from '../validate/clock.js';
import { describeLocation, type Finding, type FindingLocation, type ValidationReport } from '../validate/findings.js';
import { Locator } from '../validate/locator.js';
import type { DocInput, ManifestCheck } from '../validate/manifests.js';
import { finish, valueInputNames } from '../validate/validate-values.js';
import { checkValuesInput } from '../validate/values-check.js';
import { isMap } from '../values/types.js';
import { checkSystem } from './check-system.js';
import type { RenderedObject, SideId, SystemSide } from './system.js';

export type CheckSideInput = Pick<RenderOptions, 'valuesFiles' | 'set' | 'setString' | 'setJson' | 'setFile' | 'setLiteral' | 'readFile' | 'releaseName' | 'namespace'> & {
  /** the chart of this side; `core` and `models` unless a library caller brings its own */
  chart?: ChartSelector;
};

export interface CheckOptions {
  core: CheckSideInput;
  models: CheckSideInput;
  /** `--crds` paths: files, directories or `-` */
  crds?: string[];
  /** CRDs already loaded (library callers); used instead of `crds` */
  crdSet?: CrdSet;
  /** where parsed CRDs are cached between runs; undefined: no disk cache */
  cacheDir?: string;
  /** loads the CRD checker; the CLI passes a dynamic import so a run without --crds never loads it */
  crdChecker?: CrdChecker;
}

export interface CrdChecker {
  loadCrdPaths: (paths: readonly string[], cacheDir: string | undefined) => CrdSet;
  checkManifests: (crds: CrdSet, docs: readonly DocInput[]) => ManifestCheck;
  attachCrdFindings: (findings: Finding[], crdFindings: readonly Finding[]) => void;
}

interface SideResult {
  side?: SystemSide;
  findings: Finding[];
  inputs: string[];
}

export function check(options: CheckOptions): ValidationReport {
  const started = monotonicMs();
  for (const side of [options.core, options.models]) if (side.releaseName !== undefined) checkReleaseName(side.releaseName);
  const wantsCrds = options.crdSet !== undefined || (options.crds?.length ?? 0) > 0;
  if (wantsCrds && !options.crdChecker) throw new UsageError('check with CRDs needs the CRD checker (crdChecker)');
  const crds = wantsCrds ? (options.crdSet ?? options.crdChecker!.loadCrdPaths(options.crds ?? [], options.cacheDir)) : undefined;

  const core = checkSide('core', options.core);
  const models = checkSide('models', options.models);
  const findings = [...core.findings, ...models.findings, ...swappedFiles(core, models)];
  const inputs = [...core.inputs, ...models.inputs];

  if (core.side && models.side) {
    const system = checkSystem({ core: core.side, models: models.side });
    dropSuperseded(findings, system);
    findings.push(...system);
  } else {
    const stopped = [core.side ? undefined : 'core', models.side ? undefined : 'models'].filter((s) => s !== undefined);
    findings.push({
      severity: 'note',
      origin: 'system',
      code: 'check/not-checked',
      path: '',
      message: `the two releases were not checked together${crds ? `, and the documents of the ${stopped.join(' and the ')} chart not against the CRDs,` : ''} because the values above stop the ${stopped.join(' and the ')} chart from rendering`,
      suggestion: 'fix the errors above and run again',
    });
  }

  let crdCheck: ManifestCheck | undefined;
  if (crds) {
    const docs: DocInput[] = [];
    for (const s of [core.side, models.side]) {
      if (!s) continue;
      const trace = { values: s.values, locator: s.locator };
      for (const r of s.objects) docs.push({ object: r.object, docIndex: 0, origin: { kind: 'chart', template: r.template }, trace });
    }
    crdCheck = options.crdChecker!.checkManifests(crds, docs);
    options.crdChecker!.attachCrdFindings(findings, crdCheck.findings);
  }
  return finish({ findings, inputs }, crdCheck, started);
}

/** Top-level keys only the other chart has: a file given to the wrong flag. */
const OTHER_CHART_KEYS: Record<SideId, readonly string[]> = {
  core: ['models', 'backends', 'defaults'],
  models: ['gatewayClass', 'envoyProxy', 'clientTrafficPolicy', 'gatewayConfig', 'httpsRedirect', 'certManager'],
};

function swappedFiles(core: SideResult, models: SideResult): Finding[] {
  const out: Finding[] = [];
  for (const [id, side] of [['core', core], ['models', models]] as const) {
    const foreign = side.findings.filter((f) => f.code === 'schema/unknown-key' && OTHER_CHART_KEYS[id].includes(f.path));
    if (foreign.length === 0) continue;
    const other = id === 'core' ? 'models' : 'core';
    out.push({
      severity: 'note',
      origin: 'system',
      code: 'check/wrong-chart',
      path: '',
      message: `the ${id} values set ${foreign.map((f) => f.path).join(', ')}, which only the ${other} chart has: this looks like a values file of the ${other} chart`,
      suggestion: `give it with --${other} instead of --${id} (did you swap --core and --models?)`,
      ...(foreign[0]!.location ? { location: foreign[0]!.location } : {}),
    });
  }
  return out;
}

/** One release on its own: what `validate --chart <id>` reports, then its rendered objects. */
export function checkSide(id: SideId, input: CheckSideInput): SideResult {
  const chart: ChartDefinition = resolveChart(input.chart ?? id);
  const values = checkValuesInput({ ...input, chart });
  const findings = values.findings.map((f) => sideFlags(f, id));
  const inputs = valueInputNames(input).map((name) => (name.startsWith('--') ? `--${id}-${name.slice(2)}` : name));
  const blocked = findings.some((f) => f.severity === 'error' && (f.origin === 'yaml' || f.origin === 'schema' || chart.templateFailures.has(f.code)));
  if (!values.values || !values.locator || blocked) return { findings, inputs };
  const namespace = input.namespace ?? DEFAULT_NAMESPACE;
  const release = input.releaseName ?? DEFAULT_RELEASE_NAME;
  let manifests: ReturnType<typeof renderValues>['manifests'];
  try {
    manifests = renderValues(values.values, { releaseName: release, namespace, chart }).manifests;
  } catch (err) {
    if (!(err instanceof AiGatewayCoreError) || err instanceof UsageError) throw err;
    findings.push({ severity: 'error', origin: 'template', code: 'template/fail', path: '', message: `${id} chart: ${err.message}`, suggestion: 'fix the values the message names' });
    return { findings, inputs };
  }
  const objects: RenderedObject[] = [];
  for (const m of manifests) {
    const object = parseYamlDocument(m.content);
    if (isMap(object)) objects.push({ object, template: m.source });
  }
  const locator = new SideLocator(id, values.locator);
  return { side: { id, release, namespace, values: values.values, locator, objects }, findings, inputs };
}

/** `--set` of one release is `--core-set` or `--models-set` on the command line and in the report. */
function sideFlag(loc: FindingLocation, id: SideId): FindingLocation {
  return loc.kind === 'flag' && !loc.flag.startsWith(`--${id}-`) ? { ...loc, flag: `--${id}-${loc.flag.slice(2)}` } : loc;
}

function sideFlags(f: Finding, id: SideId): Finding {
  const out = { ...f };
  if (out.location) out.location = sideFlag(out.location, id);
  if (out.related) out.related = out.related.map((r) => ({ ...r, location: sideFlag(r.location, id) }));
  return out;
}

class SideLocator extends Locator {
  constructor(
    private readonly id: SideId,
    from: Locator,
  ) {
    super(from.sources, from.files, from.values);
  }

  override locate(path: string, options: { key?: boolean } = {}): FindingLocation | undefined {
    const loc = super.locate(path, options);
    return loc && sideFlag(loc, this.id);
  }
}

/**
 * A check of one chart that a finding across both says better (the core chart's bufferLimit
 * warning, once the models tell what the requests carry) gives way to it: same path, same place.
 */
function dropSuperseded(findings: Finding[], system: readonly Finding[]): void {
  const said = new Set(system.map((f) => `${f.path}@${describeLocation(f.location)}`));
  for (let i = findings.length - 1; i >= 0; i -= 1) {
    const f = findings[i]!;
    if (f.origin === 'semantic' && f.severity !== 'error' && said.has(`${f.path}@${describeLocation(f.location)}`)) findings.splice(i, 1);
  }
}
