/**
 * The TypeScript twins of the logic that chart/templates/*.yaml compute with sprig before they
 * print anything. Each function names the template it mirrors; keep the two in step.
 */
import { TemplateFailError } from '../errors.js';
import { goTruthy } from './go-truth.js';
import { isMap, newMap, type Value, type ValueMap } from '../values/types.js';

export interface ChartMeta {
  name: string;
  version: string;
  appVersion: string;
}

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

function asMap(value: unknown): ValueMap {
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

/** _helpers.tpl "ai-gateway-core.chart": the helm.sh/chart label value. */
export function chartLabel(chart: TemplateRoot['Chart']): string {
  // Every document of every render asks, always for the same chart.
  if (chart.Name !== lastChart.name || chart.Version !== lastChart.version) {
    lastChart = { name: chart.Name, version: chart.Version, label: `${chart.Name}-${chart.Version}`.replaceAll('+', '_').slice(0, 63).replace(/-+$/, '') };
  }
  return lastChart.label;
}

let lastChart = { name: '', version: '', label: '' };

/** _helpers.tpl "ai-gateway-core.metadata": standard labels, overlaid by the object's own. */
export function standardLabels(root: TemplateRoot, labels: unknown): ValueMap {
  const out = newMap();
  out['helm.sh/chart'] = chartLabel(root.Chart);
  out['app.kubernetes.io/name'] = root.Chart.Name;
  out['app.kubernetes.io/instance'] = root.Release.Name;
  out['app.kubernetes.io/version'] = root.Chart.AppVersion;
  out['app.kubernetes.io/managed-by'] = root.Release.Service;
  const own = asMap(labels);
  for (const key of Object.keys(own)) out[key] = own[key];
  return out;
}

/** gateway.yaml: the user's annotations plus the GatewayConfig reference when it is enabled. */
export function gatewayAnnotations(annotations: unknown, gatewayConfig: unknown): ValueMap {
  const out = newMap();
  const own = asMap(annotations);
  for (const key of Object.keys(own)) out[key] = own[key];
  const config = asMap(gatewayConfig);
  if (goTruthy(config.enabled)) out['aigateway.envoyproxy.io/gateway-config'] = config.name ?? null;
  return out;
}

/** gatewayconfig.yaml: `spec`, with gatewayConfig.extProc.kubernetes.env appended to its env. */
export function gatewayConfigSpec(config: unknown): ValueMap {
  const cfg = asMap(config);
  const spec = asMap(goTruthy(cfg.spec) ? deepCopy(cfg.spec as Value) : newMap());
  const extra = asMap(asMap(cfg.extProc).kubernetes).env;
  if (goTruthy(extra)) {
    const extProc = goTruthy(spec.extProc) ? asMap(spec.extProc) : newMap();
    const kubernetes = goTruthy(extProc.kubernetes) ? asMap(extProc.kubernetes) : newMap();
    const current = goTruthy(kubernetes.env) ? (kubernetes.env as Value[]) : [];
    kubernetes.env = [...current, ...(extra as Value[])];
    extProc.kubernetes = kubernetes;
    spec.extProc = extProc;
  }
  return spec;
}

/** clienttrafficpolicy.yaml: `connection` without the chart-only connectionTimeout, and without an empty bufferLimit. */
export function policyConnection(policy: unknown): ValueMap {
  const connection = asMap(asMap(policy).connection);
  const out = newMap();
  for (const key of Object.keys(connection)) {
    if (key === 'connectionTimeout') continue;
    if (key === 'bufferLimit' && !goTruthy(connection[key])) continue;
    out[key] = connection[key];
  }
  return out;
}

const TEMPLATE = 'ai-gateway-core/templates/clienttrafficpolicy.yaml';

/** clienttrafficpolicy.yaml: `timeout`, with connection.connectionTimeout as timeout.http.idleTimeout. */
export function policyTimeout(policy: unknown): ValueMap {
  const p = asMap(policy);
  const timeout = asMap(goTruthy(p.timeout) ? deepCopy(p.timeout as Value) : newMap());
  const connectionTimeout = asMap(p.connection).connectionTimeout;
  if (goTruthy(connectionTimeout)) {
    if (goTruthy(asMap(timeout.http).idleTimeout)) {
      throw new TemplateFailError(
        TEMPLATE,
        'clientTrafficPolicy.connection.connectionTimeout and clientTrafficPolicy.timeout.http.idleTimeout set the same field (spec.timeout.http.idleTimeout): keep only one',
      );
    }
    const http = goTruthy(timeout.http) ? asMap(timeout.http) : newMap();
    http.idleTimeout = connectionTimeout as Value;
    timeout.http = http;
  }
  return timeout;
}
