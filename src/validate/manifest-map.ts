/**
 * From a field of a rendered document back to the values path that produced it:
 * `ClientTrafficPolicy spec.connection.bufferLimit` ← `clientTrafficPolicy.connection.bufferLimit`.
 *
 * One table per template. A row maps a rendered path prefix to a values path prefix, and the rest
 * of the path carries over (the pass-through subtrees: `spec.tls.*` ← `clientTrafficPolicy.tls.*`).
 * Rows whose target depends on the values (the chart's defaults and renamings) are functions.
 * The first matching row wins, so specific rows come before their prefixes.
 */
import type { Value, ValueMap } from '../values/types.js';
import { isMap } from '../values/types.js';
import { formatPath } from '../values/source.js';

export type Seg = string | number;

type Target = Seg[] | ((rest: Seg[], values: ValueMap, matched: Seg[]) => Seg[] | undefined);

interface Row {
  /** rendered path prefix; `*` matches any one segment (a list index, a map key) */
  from: Seg[];
  to: Target;
}

function get(values: ValueMap, path: Seg[]): Value | undefined {
  let v: Value | undefined = values;
  for (const s of path) {
    if (typeof s === 'number') v = Array.isArray(v) ? v[s] : undefined;
    else v = isMap(v) ? v[s] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

const truthy = (v: Value | undefined) =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0));

/** metadata rows shared by every template: labels and annotations the user gave, the name. */
function metadataRows(root: string): Row[] {
  return [
    { from: ['metadata', 'name'], to: [root, 'name'] },
    // The chart's own labels (helm.sh/chart, app.kubernetes.io/*) come from no value.
    { from: ['metadata', 'labels', '*'], to: (_rest, values, m) => (get(values, [root, 'labels', m[2]!]) !== undefined ? [root, 'labels', m[2]!] : undefined) },
    { from: ['metadata', 'labels'], to: [root, 'labels'] },
    { from: ['metadata', 'annotations'], to: [root, 'annotations'] },
    { from: [], to: [root] },
  ];
}

/** The HTTPS objects carry only the chart's own labels: no value is behind their metadata. */
const NO_VALUE_METADATA: Row = { from: ['metadata'], to: () => undefined };

/** The redirect's hostnames are httpsRedirect.hostnames, or else the certificates' names. */
const redirectHostnames = (rest: Seg[], values: ValueMap): Seg[] =>
  truthy(get(values, ['httpsRedirect', 'hostnames'])) ? ['httpsRedirect', 'hostnames', ...rest] : ['certManager', 'dnsNames'];

/** Issuer and ClusterIssuer: certManager.issuer, the HTTP listener, and the chart's Gateway. */
const ISSUER_ROWS: Row[] = [
  { from: ['metadata', 'name'], to: ['certManager', 'issuer', 'name'] },
  { from: ['spec', 'acme', 'email'], to: ['certManager', 'issuer', 'email'] },
  { from: ['spec', 'acme', 'server'], to: ['certManager', 'issuer', 'server'] },
  { from: ['spec', 'acme', 'privateKeySecretRef'], to: ['certManager', 'issuer', 'name'] },
  { from: ['spec', 'acme', 'solvers', '*', 'http01', 'gatewayHTTPRoute', 'parentRefs', '*', 'name'], to: ['gateway', 'name'] },
  { from: ['spec', 'acme', 'solvers'], to: ['gateway', 'listeners'] },
  NO_VALUE_METADATA,
  { from: [], to: ['certManager', 'issuer'] },
];

const TABLES: Record<string, Row[]> = {
  Certificate: [
    // Named after the Secret of a listener's certificateRefs.
    { from: ['metadata', 'name'], to: ['gateway', 'listeners'] },
    { from: ['spec', 'secretName'], to: ['gateway', 'listeners'] },
    NO_VALUE_METADATA,
    { from: ['spec', 'dnsNames'], to: (_r, values) => (truthy(get(values, ['certManager', 'dnsNames'])) ? ['certManager', 'dnsNames'] : ['gateway', 'listeners']) },
    ...['issuerRef', 'duration', 'renewBefore', 'privateKey'].map((k): Row => ({ from: ['spec', k], to: ['certManager', k] })),
    { from: [], to: ['certManager'] },
  ],
  Issuer: ISSUER_ROWS,
  ClusterIssuer: ISSUER_ROWS,
  HTTPRoute: [
    { from: ['metadata', 'name'], to: ['gateway', 'name'] },
    { from: ['spec', 'hostnames'], to: redirectHostnames },
    { from: ['spec', 'parentRefs', '*', 'name'], to: ['gateway', 'name'] },
    { from: ['spec', 'parentRefs'], to: ['gateway', 'listeners'] },
    { from: ['spec', 'rules', '*', 'filters', '*', 'requestRedirect', 'statusCode'], to: ['httpsRedirect', 'statusCode'] },
    { from: ['spec', 'rules', '*', 'filters', '*', 'requestRedirect', 'port'], to: ['gateway', 'listeners'] },
    NO_VALUE_METADATA,
    { from: [], to: ['httpsRedirect'] },
  ],
  GatewayClass: [{ from: ['spec', 'controllerName'], to: ['gatewayClass', 'controllerName'] }, { from: ['spec'], to: ['gatewayClass'] }, ...metadataRows('gatewayClass')],
  Gateway: [
    { from: ['metadata', 'annotations', 'aigateway.envoyproxy.io/gateway-config'], to: ['gatewayConfig', 'name'] },
    { from: ['spec', 'gatewayClassName'], to: (_r, values) => (truthy(get(values, ['gateway', 'className'])) ? ['gateway', 'className'] : ['gatewayClass', 'name']) },
    { from: ['spec', 'infrastructure', 'parametersRef', 'name'], to: ['envoyProxy', 'name'] },
    { from: ['spec', 'infrastructure'], to: ['gateway', 'infrastructure', 'enabled'] },
    { from: ['spec', 'listeners'], to: ['gateway', 'listeners'] },
    { from: ['spec'], to: ['gateway'] },
    ...metadataRows('gateway'),
  ],
  EnvoyProxy: [
    { from: ['spec', 'provider', 'kubernetes', 'envoyDeployment', 'pod', 'volumes'], to: ['envoyProxy', 'provider', 'kubernetes', 'envoyDeployment', 'volumes'] },
    { from: ['spec', 'provider'], to: ['envoyProxy', 'provider'] },
    { from: ['spec', 'logging'], to: ['envoyProxy', 'logging'] },
    { from: ['spec', 'telemetry'], to: ['envoyProxy', 'telemetry'] },
    { from: ['spec', 'shutdown'], to: ['envoyProxy', 'shutdown'] },
    { from: ['spec'], to: ['envoyProxy'] },
    ...metadataRows('envoyProxy'),
  ],
  ClientTrafficPolicy: [
    {
      from: ['spec', 'timeout', 'http', 'idleTimeout'],
      to: (_r, values) =>
        truthy(get(values, ['clientTrafficPolicy', 'connection', 'connectionTimeout']))
          ? ['clientTrafficPolicy', 'connection', 'connectionTimeout']
          : ['clientTrafficPolicy', 'timeout', 'http', 'idleTimeout'],
    },
    {
      // An empty targetRefs renders the chart's Gateway as the one target.
      from: ['spec', 'targetRefs'],
      to: (rest, values) => {
        if (truthy(get(values, ['clientTrafficPolicy', 'targetRefs']))) return ['clientTrafficPolicy', 'targetRefs', ...rest];
        if (rest.length >= 2 && rest[1] === 'name') return ['gateway', 'name'];
        return ['clientTrafficPolicy', 'targetRefs'];
      },
    },
    ...['connection', 'headers', 'healthCheck', 'http1', 'http2', 'http3', 'path', 'timeout', 'tls'].map((k): Row => ({ from: ['spec', k], to: ['clientTrafficPolicy', k] })),
    { from: ['spec'], to: ['clientTrafficPolicy'] },
    ...metadataRows('clientTrafficPolicy'),
  ],
  GatewayConfig: [
    {
      // spec.extProc.kubernetes.env = gatewayConfig.spec's env, then gatewayConfig.extProc.kubernetes.env
      from: ['spec', 'extProc', 'kubernetes', 'env', '*'],
      to: (rest, values, m) => {
        const i = m[4] as number;
        const own = get(values, ['gatewayConfig', 'spec', 'extProc', 'kubernetes', 'env']);
        const n = Array.isArray(own) ? own.length : 0;
        return i < n ? ['gatewayConfig', 'spec', 'extProc', 'kubernetes', 'env', i, ...rest] : ['gatewayConfig', 'extProc', 'kubernetes', 'env', i - n, ...rest];
      },
    },
    { from: ['apiVersion'], to: ['gatewayConfig', 'apiVersion'] },
    { from: ['spec'], to: ['gatewayConfig', 'spec'] },
    ...metadataRows('gatewayConfig'),
  ],
};

function matches(from: Seg[], path: Seg[]): boolean {
  if (from.length > path.length) return false;
  return from.every((s, i) => s === '*' || s === path[i]);
}

/**
 * The values path behind a rendered field, or undefined when no value produced it (the chart's
 * own labels, the namespace, apiVersion and kind).
 */
export function renderedToValues(kind: string, path: Seg[], values: ValueMap): string | undefined {
  const table = TABLES[kind];
  if (!table) return undefined;
  if (path[0] === 'apiVersion' && kind !== 'GatewayConfig') return undefined;
  if (path[0] === 'kind' || (path[0] === 'metadata' && path[1] === 'namespace')) return undefined;
  for (const row of table) {
    if (!matches(row.from, path)) continue;
    const rest = path.slice(row.from.length);
    const target = typeof row.to === 'function' ? row.to(rest, values, path) : [...row.to, ...rest];
    if (target === undefined) return undefined;
    return formatPath(target);
  }
  return undefined;
}

/** Kinds the chart renders (documents of other kinds never come from values). */
export const CHART_KINDS = Object.keys(TABLES);

export { splitFieldPath } from '../crd/path.js';
