/**
 * The pipeline, as one pure function per stage:
 *   values files + flags → user values → coalesced over the chart defaults → schema-checked →
 *   templates rendered → documents sorted and framed exactly as `helm template` prints them.
 */
import { readFileSync } from 'node:fs';
import { AiGatewayCoreError, UsageError } from '../errors.js';
import { readValuesYaml } from '../values/fast-values-yaml.js';
import { withLazySources } from '../values/lazy-sources.js';
import { buildUserValues, coalesceValues, coalesceSources } from '../values/merge.js';
import { readValuesGuarded } from '../values/guarded-read.js';
import { ValuesBudget } from '../values/limits.js';
import { freezeTree } from '../values/frozen.js';
import { redactWith, scrubText } from '../values/secrets.js';
import { InputBudget, setFileReader } from '../output/read-input.js';
import type { SourceMap } from '../values/source.js';
import type { ValueMap } from '../values/types.js';
import { checkValues, SchemaValidationError, type SchemaProblem } from '../validate/schema.js';
import { chartValuesPath } from '../paths.js';
import { loadChart } from './templates.js';
import { sortManifests, formatManifests, selectShowOnly, type Manifest, type RenderedFile } from './manifest.js';
import type { TemplateRoot } from './chart-helpers.js';
import { checkKubeVersion, parseKubeVersion, DEFAULT_KUBE_VERSION } from './kube-version.js';
import { prebuiltDefaults } from '../values/prebuilt-defaults.js';
import type { ChartDefinition } from '../charts/chart.js';
import { resolveChart, type ChartSelector } from '../charts/registry.js';

export interface ValuesFile {
  /** shown in error messages: a path, or `<stdin>` */
  name: string;
  text: string;
}

export interface ValueFlags {
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setFile?: string[];
  setLiteral?: string[];
}

export interface RenderOptions extends ValueFlags {
  /** which chart: `core` (the default), `models`, or a definition of your own */
  chart?: ChartSelector;
  /** `.Release.Name`; helm's default is `release-name` */
  releaseName?: string;
  /** `.Release.Namespace`; helm's default is `default` */
  namespace?: string;
  /** `-f` files, already read, in command-line order */
  valuesFiles?: ValuesFile[];
  /** `--show-only` patterns, relative to the chart (`templates/gateway.yaml`) */
  showOnly?: string[];
  /** reads `--set-file` paths; defaults to the file system */
  readFile?: (path: string) => string;
  /** `--kube-version`: checked against Chart.yaml `kubeVersion` as helm does (default: helm 4's v1.35.0) */
  kubeVersion?: string;
  /** `--api-versions`: accepted as in helm; the chart's templates do not consult `.Capabilities` */
  apiVersions?: string[];
}

export interface RenderResult {
  /** every document, in output order, hooks last */
  manifests: Manifest[];
  /** exactly what `helm template` prints */
  text: string;
  /** the coalesced values the templates saw */
  values: ValueMap;
  /** where each value path came from (file:line:col or flag) */
  sources: SourceMap;
  /** coalescing warnings helm would also print, and duplicate keys */
  warnings: string[];
}

export const DEFAULT_RELEASE_NAME = 'release-name';
export const DEFAULT_NAMESPACE = 'default';
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function checkReleaseName(name: string): void {
  if (!RELEASE_NAME.test(name) || name.length > 53) {
    throw new UsageError(
      `release name "${name}" is invalid: it must be lower-case letters, digits, "-" and "." (starting and ending with a letter or digit), at most 53 characters`,
    );
  }
}

const defaults = new Map<string, { values: ValueMap; sources: SourceMap }>();

/** The chart's values.yaml, read the way helm reads it, once per process. */
export function chartDefaults(selector?: ChartSelector): { values: ValueMap; sources: SourceMap } {
  const chart = resolveChart(selector);
  let done = defaults.get(chart.id);
  if (!done) {
    const path = chartValuesPath(chart);
    const text = readFileSync(path, 'utf8');
    const parsed = prebuiltDefaults(chart.prebuiltDefaults, text, path) ?? readValuesYaml(text, path, { sourceKind: 'default' });
    // Every render shares these maps (merge.ts copies nothing); frozen, nobody can change them.
    freezeTree(parsed.values);
    done = { values: parsed.values, sources: parsed.sources };
    defaults.set(chart.id, done);
  }
  return done;
}

export interface MergedValues {
  values: ValueMap;
  sources: SourceMap;
  warnings: string[];
}

/** Stages 1–2: read the user's values and lay them over the chart defaults. */
export function mergeValues(options: RenderOptions): MergedValues {
  const warnings: string[] = [];
  const budget = new ValuesBudget();
  const files = (options.valuesFiles ?? []).map((f) => {
    const parsed = readValuesGuarded(f.text, f.name, budget, readValuesYaml);
    for (const d of parsed.duplicates) {
      warnings.push(`${f.name}:${d.second.line}:${d.second.col}: duplicate key ${d.path} (first at line ${d.first.line}); the last one wins, as in helm`);
    }
    return parsed;
  });
  const readFile = options.readFile ?? setFileReader(new InputBudget());
  const user = buildUserValues(
    {
      files,
      setJson: options.setJson ?? [],
      set: options.set ?? [],
      setString: options.setString ?? [],
      setFile: options.setFile ?? [],
      setLiteral: options.setLiteral ?? [],
    },
    readFile,
  );
  const chart = resolveChart(options.chart);
  const base = chartDefaults(chart);
  const coalesced = coalesceValues(base.values, user.values, { chartName: chart.meta.name });
  return withLazySources({ values: coalesced.values, warnings: [...warnings, ...coalesced.warnings] }, () =>
    coalesceSources(base.sources, user.sources, coalesced.values),
  );
}

export function describeProblem(problem: SchemaProblem, sources: SourceMap): string {
  const source = sources.get(problem.path);
  let where = '';
  if (source?.kind === 'file' || source?.kind === 'default') where = ` (${source.file}:${source.line}:${source.col})`;
  else if (source?.kind === 'flag') where = ` (${source.flag} ${source.arg})`;
  return `${problem.path || '(root)'}: ${problem.message}${where}`;
}

/** Stage 3: the schema check helm runs before rendering. */
export function validateMerged(merged: MergedValues, selector?: ChartSelector): void {
  const problems = checkValues(merged.values, resolveChart(selector));
  if (problems.length > 0) throw new SchemaValidationError(problems, (p) => describeProblem(p, merged.sources));
}

/** Stages 4–5: render every template and assemble helm's output. */
export function renderValues(values: ValueMap, options: Pick<RenderOptions, 'releaseName' | 'namespace' | 'showOnly' | 'chart'> = {}): { manifests: Manifest[]; text: string } {
  const releaseName = options.releaseName ?? DEFAULT_RELEASE_NAME;
  checkReleaseName(releaseName);
  const chart = loadChart(resolveChart(options.chart));
  const root: TemplateRoot = {
    Values: values,
    Release: { Name: releaseName, Namespace: options.namespace ?? DEFAULT_NAMESPACE, Service: 'Helm', Revision: 1, IsInstall: true, IsUpgrade: false },
    Chart: { Name: chart.meta.name, Version: chart.meta.version, AppVersion: chart.meta.appVersion },
  };
  // helm executes the templates in reverse order of their paths (engine.go, sortTemplates), so
  // when two templates fail, the last one in path order is the one helm reports.
  const files: RenderedFile[] = new Array(chart.templates.length);
  for (let i = chart.templates.length - 1; i >= 0; i--) {
    const [path, fn] = chart.templates[i]!;
    files[i] = { source: `${chart.meta.name}/${path}`, text: fn(root) };
  }
  const sorted = sortManifests(files);
  let text = formatManifests(sorted);
  if (options.showOnly && options.showOnly.length > 0) text = selectShowOnly(text, options.showOnly);
  return { manifests: [...sorted.generic, ...sorted.hooks], text };
}

/** The whole pipeline: what `ai-gateway-core render` and `helm template` print. */
export function render(options: RenderOptions = {}): RenderResult {
  if (options.releaseName !== undefined) checkReleaseName(options.releaseName);
  // helm's order: the flag is parsed first, the chart's constraint is checked after the schema.
  const kube = parseKubeVersion(options.kubeVersion || DEFAULT_KUBE_VERSION);
  const chart: ChartDefinition = resolveChart(options.chart);
  let merged: MergedValues | undefined;
  try {
    merged = mergeValues({ ...options, chart });
    validateMerged(merged, chart);
    checkKubeVersion(chart.meta.kubeVersion, kube);
    const out = renderValues(merged.values, { ...options, chart });
    const done = merged;
    return withLazySources({ ...out, values: done.values, warnings: done.warnings }, () => done.sources);
  } catch (err) {
    // An error message may quote a value; secrets are named by their path only (secrets.ts).
    if (err instanceof AiGatewayCoreError) err.message = merged ? redactWith(merged.values, err.message) : scrubText(err.message);
    throw err;
  }
}

export { AiGatewayCoreError };
