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

/** Go's order of map keys in `range`: byte order of the UTF-8 strings. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** sprig's `uniq`: the first of each value, in order. */
function uniq(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

const list = (v: unknown): Value[] => (Array.isArray(v) ? (v as Value[]) : []);

interface ListenerSecret {
  hosts: Value[];
  listeners: Value[];
}

/**
 * _helpers.tpl "ai-gateway-core.certificates": the Secrets to issue, Secret name → the hostnames and
 * names of the listeners that terminate TLS with it, in Go's key order.
 */
export function listenerSecrets(root: TemplateRoot): [string, ListenerSecret][] {
  const secrets = new Map<string, ListenerSecret>();
  for (const l of list(asMap(root.Values.gateway).listeners)) {
    const listener = asMap(l);
    const tls = asMap(listener.tls);
    if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') continue;
    if ((goTruthy(tls.mode) ? tls.mode : 'Terminate') !== 'Terminate') continue;
    for (const r of list(tls.certificateRefs)) {
      const ref = asMap(r);
      const group = goTruthy(ref.group) ? ref.group : '';
      const kind = goTruthy(ref.kind) ? ref.kind : 'Secret';
      const namespace = goTruthy(ref.namespace) ? ref.namespace : '';
      if ((group !== '' && group !== 'core') || kind !== 'Secret' || (namespace !== '' && namespace !== root.Release.Namespace)) continue;
      const name = String(ref.name);
      const entry = secrets.get(name) ?? { hosts: [], listeners: [] };
      if (goTruthy(listener.hostname)) entry.hosts.push(listener.hostname as Value);
      entry.listeners.push(listener.name ?? null);
      secrets.set(name, entry);
    }
  }
  return [...secrets.entries()].sort(([a], [b]) => byteOrder(a, b));
}

/** _helpers.tpl "ai-gateway-core.certificateNames": certManager.dnsNames, then the listeners' hostnames. */
export function certificateNames(root: TemplateRoot): Value[] {
  const names = [...list(asMap(root.Values.certManager).dnsNames)];
  for (const [, entry] of listenerSecrets(root)) names.push(...entry.hosts);
  return uniq(names);
}

/** _helpers.tpl "ai-gateway-core.firstListener": the first listener of a protocol. */
export function firstListener(root: TemplateRoot, protocol: string): ValueMap | undefined {
  for (const l of list(asMap(root.Values.gateway).listeners)) {
    if (asMap(l).protocol === protocol) return asMap(l);
  }
  return undefined;
}

const CERTIFICATE_TEMPLATE = 'ai-gateway-core/templates/certificate.yaml';
const ISSUER_TEMPLATE = 'ai-gateway-core/templates/issuer.yaml';
const HTTPROUTE_TEMPLATE = 'ai-gateway-core/templates/httproute.yaml';

/** certificate.yaml: one Certificate per Secret, with its names; fails as the template does. */
export function certificates(root: TemplateRoot): { secretName: string; dnsNames: Value[] }[] {
  const secrets = listenerSecrets(root);
  if (secrets.length === 0) {
    throw new TemplateFailError(
      CERTIFICATE_TEMPLATE,
      'certManager.enabled needs an HTTPS listener whose tls.certificateRefs names the Secret to issue: add one to gateway.listeners, e.g. {name: https, protocol: HTTPS, port: 443, hostname: ai.example.com, tls: {certificateRefs: [{kind: Secret, name: ai-gateway-tls}]}}',
    );
  }
  const given = list(asMap(root.Values.certManager).dnsNames);
  return secrets.map(([secretName, entry]) => {
    const dnsNames = uniq([...given, ...entry.hosts]);
    if (dnsNames.length === 0) {
      throw new TemplateFailError(
        CERTIFICATE_TEMPLATE,
        `the Certificate for Secret ${secretName} has no names: give listener ${uniq(entry.listeners).map(String).join(', ')} a hostname, or list the names in certManager.dnsNames`,
      );
    }
    return { secretName, dnsNames };
  });
}

/** issuer.yaml: the HTTP listener on port 80 that solves HTTP-01, and the account key's Secret. */
export function acmeSolver(root: TemplateRoot): { listener: string; accountKey: string } {
  const http = firstListener(root, 'HTTP');
  if (!http) {
    throw new TemplateFailError(
      ISSUER_TEMPLATE,
      'certManager.issuer.create solves ACME HTTP-01 challenges through an HTTP listener on port 80, and the Gateway has none: add {name: http, protocol: HTTP, port: 80} to gateway.listeners',
    );
  }
  if (Number(http.port) !== 80) {
    throw new TemplateFailError(
      ISSUER_TEMPLATE,
      `certManager.issuer.create solves ACME HTTP-01 challenges on port 80, but the HTTP listener ${String(http.name)} is on port ${String(http.port)}: move it to port 80, or bring your own issuer (certManager.issuer.create: false)`,
    );
  }
  return { listener: http.name as string, accountKey: `${String(asMap(asMap(root.Values.certManager).issuer).name)}-account-key` };
}

/** httproute.yaml: where the redirect attaches, for which hostnames, and the https port when it is not 443. */
export function httpsRedirect(root: TemplateRoot): { name: string; listener: Value; hostnames: Value; port: Value | undefined } {
  const http = firstListener(root, 'HTTP');
  if (!http) {
    throw new TemplateFailError(
      HTTPROUTE_TEMPLATE,
      'httpsRedirect.enabled needs an HTTP listener to redirect from, and the Gateway has none: add {name: http, protocol: HTTP, port: 80} to gateway.listeners',
    );
  }
  const https = firstListener(root, 'HTTPS');
  const given = asMap(root.Values.httpsRedirect).hostnames;
  return {
    name: `${String(asMap(root.Values.gateway).name)}-https-redirect`,
    listener: http.name ?? null,
    hostnames: goTruthy(given) ? (given as Value) : certificateNames(root),
    port: https && Number(https.port) !== 443 ? (https.port ?? null) : undefined,
  };
}
