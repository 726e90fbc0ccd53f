/**
 * The whole of `ai-gateway-core diff`, as one library call:
 *
 *   old state (values rendered by the chart, or live objects) and new state (values) → objects
 *   keyed by namespace, group, kind and name → server fields, tool annotations and CRD defaults
 *   set aside → a unified diff per object (secrets redacted) → upgrade findings (renames, the
 *   Service address, listeners, GatewayConfig, rate-limit order, models) → with CRDs, each change
 *   checked as the API server checks an UPDATE.
 */
import YAML from 'yaml';
import { AiGatewayCoreError } from '../errors.js';
import { toYaml } from '../render/to-yaml.js';
import type { Value } from '../values/types.js';
import { DEFAULT_RELEASE_NAME, render, type RenderOptions, type RenderResult } from '../render/render.js';
import { isPlainObject } from '../crd/schema.js';
import type { CrdSet } from '../crd/types.js';
import { deepEqual } from '../crd/correlation.js';
import type { Finding } from '../validate/findings.js';
import { Locator } from '../validate/locator.js';
import { checkEnvoyService } from './checks/envoy-service.js';
import { checkGatewayConfig } from './checks/gateway-config.js';
import { checkListeners } from './checks/listeners.js';
import { checkModels } from './checks/models.js';
import { checkRateLimits } from './checks/rate-limits.js';
import { checkRenames } from './checks/renames.js';
import type { Check, CheckContext, DiffSide } from './checks/context.js';
import { fromManifests, fromManifestText, indexObjects, type KubeObject, type Obj } from './objects.js';
import { normalizeObject } from './normalize.js';
import { redactPair } from './redact.js';
import { unifiedDiff } from './line-diff.js';
import { checkRefusals } from './refusals.js';

export type OldState = { kind: 'values'; options: RenderOptions } | { kind: 'manifests'; files: { name: string; text: string }[] };

export interface DiffOptions {
  from: OldState;
  /** the new state: the chart (`to.chart`), values flags, release name and namespace, as for render; `--from` values render the same chart */
  to: RenderOptions;
  crds?: CrdSet;
  /** unchanged lines around each change (default 3) */
  context?: number;
  showSecrets?: boolean;
}

export type Change = 'added' | 'removed' | 'changed';

export interface ObjectDiff {
  kind: string;
  group: string;
  namespace: string;
  name: string;
  change: Change;
  /** unified diff of the object's YAML (`@@` hunks) */
  diff: string;
}

export interface DiffResult {
  objects: ObjectDiff[];
  findings: Finding[];
  /** the values files and manifests read, in command-line order (for grouping findings) */
  inputs: string[];
  /** what render would warn about (duplicate keys, helm's coalescing notes), old values first */
  warnings: string[];
  crds?: { checked: number; transitionEvaluated: number; ratcheted: number };
}

const CHECKS: Check[] = [checkRenames, checkEnvoyService, checkListeners, checkGatewayConfig, checkRateLimits, checkModels];

/** Old values that fail are named as the old side: the message says which set to fix. */
function renderSide(options: RenderOptions, which: 'old' | 'new'): RenderResult {
  try {
    return render(options);
  } catch (err) {
    if (err instanceof AiGatewayCoreError && which === 'old') err.message = `the old values (--from): ${err.message}`;
    throw err;
  }
}

function sideFromRender(r: RenderResult, options: RenderOptions, crds: CrdSet | undefined, label: string): DiffSide {
  const objects = normalized(fromManifests(r.manifests), crds);
  return { objects: indexObjects(objects, label), trace: { values: r.values, locator: new Locator(r.sources, options.valuesFiles ?? [], r.values) } };
}

function normalized(list: KubeObject[], crds: CrdSet | undefined): KubeObject[] {
  return list.map((o) => ({ ...o, object: normalizeObject(o.object, crds) }));
}

/**
 * One stable spelling for both sides: helm's toYaml (sorted keys, go-yaml's quoting and folding),
 * so a diff reads like the chart's output. Text go-yaml cannot write (control characters) goes
 * through the yaml package instead.
 */
export function objectYaml(o: Obj | undefined): string {
  if (o === undefined) return '';
  const text = toYaml(o as Value);
  if (text !== '' || Object.keys(o).length === 0) return text === '' ? '' : `${text}\n`;
  return YAML.stringify(o, { sortMapEntries: true, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, indentSeq: false });
}

/** Does a live object belong to the release: helm's annotation, or the chart's instance label (render | kubectl apply)? */
function ofRelease(o: Obj, release: string): boolean {
  const meta = isPlainObject(o['metadata']) ? o['metadata'] : {};
  const annotations = isPlainObject(meta['annotations']) ? meta['annotations'] : {};
  const labels = isPlainObject(meta['labels']) ? meta['labels'] : {};
  return annotations['meta.helm.sh/release-name'] === release || labels['app.kubernetes.io/instance'] === release;
}

function keptByHelm(o: Obj): boolean {
  const meta = isPlainObject(o['metadata']) ? o['metadata'] : {};
  return isPlainObject(meta['annotations']) && meta['annotations']['helm.sh/resource-policy'] === 'keep';
}

export function diff(options: DiffOptions): DiffResult {
  const context = options.context ?? 3;
  const newRender = renderSide(options.to, 'new');
  const newSide = sideFromRender(newRender, options.to, options.crds, 'the new values');
  const warnings: string[] = [];
  let oldSide: DiffSide;
  let inputs: string[];
  const release = options.to.releaseName ?? DEFAULT_RELEASE_NAME;
  /** with live objects: those of this release (the others are never "removed") */
  let owned: Set<string> | undefined;
  if (options.from.kind === 'values') {
    const fromOptions = { chart: options.to.chart, releaseName: options.to.releaseName, namespace: options.to.namespace, ...options.from.options };
    const oldRender = renderSide(fromOptions, 'old');
    warnings.push(...oldRender.warnings.map((w) => `the old values (--from): ${w}`));
    oldSide = sideFromRender(oldRender, fromOptions, options.crds, 'the old values');
    inputs = (options.from.options.valuesFiles ?? []).map((f) => f.name);
  } else {
    const objects = options.from.files.flatMap((f) => fromManifestText(f.name, f.text));
    // Before normalizing, which drops helm's annotations.
    owned = new Set(objects.filter((o) => ofRelease(o.object, release)).map((o) => o.key));
    oldSide = { objects: indexObjects(normalized(objects, options.crds), 'the old manifests') };
    inputs = options.from.files.map((f) => f.name);
  }
  inputs.push(...(options.to.valuesFiles ?? []).map((f) => f.name).filter((n) => !inputs.includes(n)));
  warnings.push(...newRender.warnings);

  const ctx: CheckContext = { old: oldSide, new: newSide, pairs: [], added: [], removed: [] };
  const objects: ObjectDiff[] = [];
  const keys = [...new Set([...oldSide.objects.keys(), ...newSide.objects.keys()])].sort();
  for (const key of keys) {
    const a = oldSide.objects.get(key);
    const b = newSide.objects.get(key);
    // Live objects of other owners (routes, other releases) are context for the checks, not
    // objects this upgrade removes.
    if (a && !b && owned && !owned.has(key)) continue;
    // helm never deletes what it was told to keep.
    if (a && !b && keptByHelm(a.object)) continue;
    if (a && b) ctx.pairs.push([a, b]);
    else if (b) ctx.added.push(b);
    else if (a) ctx.removed.push(a);
    if (a && b && deepEqual(a.object, b.object)) continue;
    const o = (b ?? a)!;
    const [x, y] = options.showSecrets ? [a?.object, b?.object] : redactPair(o.kind, a?.object, b?.object);
    objects.push({ kind: o.kind, group: o.group, namespace: o.namespace, name: o.name, change: a && b ? 'changed' : b ? 'added' : 'removed', diff: unifiedDiff(objectYaml(x), objectYaml(y), context) });
  }

  const findings = CHECKS.flatMap((check) => check(ctx));
  const result: DiffResult = { objects, findings, inputs, warnings };
  if (options.crds) {
    const r = checkRefusals(ctx, options.crds);
    findings.unshift(...r.findings);
    result.crds = { checked: r.checked, transitionEvaluated: r.transitionEvaluated, ratcheted: r.ratcheted };
  }
  return result;
}
