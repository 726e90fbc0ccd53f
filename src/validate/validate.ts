/**
 * The whole check behind `ai-gateway-core validate`, as one library call:
 *
 *   values files + flags → read as helm reads them (duplicate keys are errors) → schema → checks
 *   across objects → [with CRDs] the chart rendered and every document checked as the API server
 *   would, each finding traced back to the values line or flag that produced it.
 *
 * With `manifests`, any documents are checked against the CRDs instead of the chart's output.
 */
import { monotonicMs } from './clock.js';
import { AiGatewayCoreError, UsageError } from '../errors.js';
import { parseYamlDocument, type CrdSet } from '../crd/index.js';
import { renderValues, type RenderOptions } from '../render/render.js';
import type { Finding, ValidationReport } from './findings.js';
import type { Manifest } from '../render/manifest.js';
import { checkManifests, loadCrdPaths, readManifestDocs, type DocInput, type ManifestCheck, type TraceContext } from './manifests.js';
import { checkValuesInput } from './values-check.js';
import { finish, valueInputNames } from './validate-values.js';
import { resolveChart } from '../charts/registry.js';

export { finish, validateValues } from './validate-values.js';

export interface ValidateOptions extends Pick<RenderOptions, 'valuesFiles' | 'set' | 'setString' | 'setJson' | 'setFile' | 'setLiteral' | 'readFile' | 'releaseName' | 'namespace' | 'chart'> {
  /** `--crds` paths: files, directories or `-` */
  crds?: string[];
  /** CRDs already loaded (library callers); used instead of `crds` */
  crdSet?: CrdSet;
  /** `--manifests` documents, already read; when given, the chart is not rendered */
  manifests?: { name: string; text: string }[];
  /** where parsed CRDs are cached between runs; undefined: no disk cache */
  cacheDir?: string;
  /** validate `.status` too (objects read back from a cluster); the API server resets it on create */
  validateStatus?: boolean;
}

export function validate(options: ValidateOptions = {}): ValidationReport {
  const started = monotonicMs();
  const wantsCrds = options.crdSet !== undefined || (options.crds?.length ?? 0) > 0;
  if (options.manifests && !wantsCrds) throw new UsageError('--manifests needs --crds: give the CRDs to check the documents against');
  const crds = wantsCrds ? (options.crdSet ?? loadCrdPaths(options.crds ?? [], options.cacheDir)) : undefined;

  if (options.manifests) {
    const findings: Finding[] = [];
    const docs: DocInput[] = [];
    for (const m of options.manifests) {
      const r = readManifestDocs(m.name, m.text);
      findings.push(...r.findings);
      docs.push(...r.docs);
    }
    const check = checkManifests(crds!, docs, undefined, { validateStatus: options.validateStatus });
    findings.push(...check.findings);
    return finish({ findings, inputs: options.manifests.map((m) => m.name) }, check, started);
  }

  const chart = resolveChart(options.chart);
  const values = checkValuesInput({ ...options, chart });
  const findings = [...values.findings];
  const inputs = valueInputNames(options);
  if (!crds) return finish({ findings, inputs }, undefined, started);

  let check: ManifestCheck | undefined;
  const blocked = findings.some((f) => f.severity === 'error' && (f.origin === 'yaml' || f.origin === 'schema' || chart.templateFailures.has(f.code)));
  if (values.values && values.locator && !blocked) {
    let rendered: ReturnType<typeof renderValues> | undefined;
    try {
      rendered = renderValues(values.values, { releaseName: options.releaseName, namespace: options.namespace, chart });
    } catch (err) {
      if (!(err instanceof AiGatewayCoreError) || err instanceof UsageError) throw err;
      findings.push({ severity: 'error', origin: 'template', code: 'template/fail', path: '', message: err.message, suggestion: 'fix the values the message names' });
    }
    if (rendered) {
      check = checkRendered(crds, rendered.manifests, { values: values.values, locator: values.locator });
      attachCrdFindings(findings, check.findings);
    }
  } else {
    findings.push({
      severity: 'note',
      origin: 'crd',
      code: 'crd/not-checked',
      path: '',
      message: "the chart's output was not checked against the CRDs, because the values above stop it from rendering",
      suggestion: 'fix the errors above and run again',
    });
  }
  return finish({ findings, inputs }, check, started);
}

/**
 * Adds the CRD check's findings to the values check's. A value the values check already reported
 * is not reported twice: the CRD's verdict is attached to that finding instead.
 */
export function attachCrdFindings(findings: Finding[], crdFindings: readonly Finding[]): void {
  const reported = new Map(findings.filter((f) => f.severity === 'error' && f.path !== '').map((f) => [f.path, f] as const));
  for (const f of crdFindings) {
    const twin = f.path !== '' ? reported.get(f.path) : undefined;
    if (!twin) {
      findings.push(f);
      continue;
    }
    const r = f.rendered;
    const template = f.location?.kind === 'rendered' ? f.location.template : r ? `${r.kind}/${r.name}` : 'the rendered document';
    (twin.related ??= []).push({
      location: { kind: 'rendered', template },
      message: `the CRD rejects it too: ${r ? `${r.kind}/${r.name} ${r.field}: ` : ''}${f.message}`,
    });
  }
}

/** The chart's rendered documents against the CRDs, each finding traced to its values. */
export function checkRendered(crds: CrdSet, manifests: readonly Manifest[], trace: TraceContext): ManifestCheck {
  const docs: DocInput[] = [];
  for (const m of manifests) {
    // What YAML.parse gives, without its cost for the simple documents the chart renders.
    const object: unknown = parseYamlDocument(m.content);
    if (object !== null && object !== undefined) docs.push({ object, docIndex: 0, origin: { kind: 'chart', template: m.source } });
  }
  return checkManifests(crds, docs, trace);
}
