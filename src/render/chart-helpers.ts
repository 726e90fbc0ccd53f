/**
 * What every chart's templates share: the root context with Go's field names, and the twins of
 * the helpers every chart's _helpers.tpl defines the same way (standard labels, the chart label).
 * A chart's own computed values live in src/charts/<id>/helpers.ts.
 */
import { isMap, newMap, type Value, type ValueMap } from '../values/types.js';
import { freezeTree } from '../values/frozen.js';

export interface ReleaseInfo {
  Name: string;
  Namespace: string;
  Service: string;
  Revision: number;
  IsInstall: boolean;
  IsUpgrade: boolean;
}

/** The root context every template sees, with Go's field names. */
export interface TemplateRoot {
  Values: ValueMap;
  Release: ReleaseInfo;
  Chart: { Name: string; Version: string; AppVersion: string };
}

export function asMap(value: unknown): ValueMap {
  return isMap(value) ? (value as ValueMap) : newMap();
}

/** A deep copy with null-prototype maps (sprig's deepCopy). */
export function deepCopy(value: Value): Value {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isMap(value)) {
    const out = newMap();
    for (const key of Object.keys(value)) out[key] = deepCopy(value[key]);
    return out;
  }
  return value;
}

/** Every _helpers.tpl's "<chart>.chart": the helm.sh/chart label value. */
export function chartLabel(chart: TemplateRoot['Chart']): string {
  // Every document of every render asks, always for the same chart.
  if (chart.Name !== lastChart.name || chart.Version !== lastChart.version) {
    lastChart = { name: chart.Name, version: chart.Version, label: `${chart.Name}-${chart.Version}`.replaceAll('+', '_').slice(0, 63).replace(/-+$/, '') };
  }
  return lastChart.label;
}

let lastChart = { name: '', version: '', label: '' };

/** Every _helpers.tpl's "<chart>.metadata": standard labels, overlaid by the object's own. */
export function standardLabels(root: TemplateRoot, labels: unknown): ValueMap {
  const own = asMap(labels);
  const keys = Object.keys(own);
  // Objects without labels of their own (nearly all of a catalog's) share one frozen map, which
  // toYaml then writes once per render (to-yaml.ts).
  if (keys.length === 0 && lastLabels.root === root) return lastLabels.map;
  const out = newMap();
  out['helm.sh/chart'] = chartLabel(root.Chart);
  out['app.kubernetes.io/name'] = root.Chart.Name;
  out['app.kubernetes.io/instance'] = root.Release.Name;
  out['app.kubernetes.io/version'] = root.Chart.AppVersion;
  out['app.kubernetes.io/managed-by'] = root.Release.Service;
  for (const key of keys) out[key] = own[key];
  if (keys.length === 0) {
    freezeTree(out);
    lastLabels = { root, map: out };
  }
  return out;
}

let lastLabels: { root: TemplateRoot | undefined; map: ValueMap } = { root: undefined, map: newMap() };
