/**
 * Checks across objects and values that a schema cannot express: references between the objects
 * the chart renders, listeners that conflict, settings that Envoy Gateway accepts but that break
 * LLM traffic, and secrets written in plain text. Each finding says why it matters.
 *
 * The values may not match the schema (these checks run alongside it), so every read is defensive.
 */
import type { Value, ValueMap } from '../../values/types.js';
import { isMap } from '../../values/types.js';
import { appendPath } from '../../values/source.js';
import type { Finding, FindingLocation } from '../../validate/findings.js';
import type { Locator } from '../../validate/locator.js';
import { nearest } from '../../validate/suggest.js';
import { checkHttps } from './https-checks.js';

type Get = (path: (string | number)[]) => Value | undefined;

function getter(values: ValueMap): Get {
  return (path) => {
    let v: Value | undefined = values;
    for (const seg of path) {
      if (typeof seg === 'number') v = Array.isArray(v) ? v[seg] : undefined;
      else v = isMap(v) ? v[seg] : undefined;
      if (v === undefined) return undefined;
    }
    return v;
  };
}

const str = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: Value | undefined): Value[] => (Array.isArray(v) ? v : []);
const map = (v: Value | undefined): ValueMap | undefined => (isMap(v) ? v : undefined);
/** Go template truthiness, which decides whether the chart renders a block. */
const truthy = (v: Value | undefined): boolean =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0));

export const BUFFER_LIMIT_MIN_BYTES = 1024 * 1024;
const KNOWN_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];
const TLS_ORDER = ['1.0', '1.1', '1.2', '1.3'];

/** Where the seed's `http` settings live in the CRD. */
const HTTP_MOVES: Record<string, string> = {
  http10: 'http1.http10',
  enableTrailers: 'http1.enableTrailers',
  preserveHeaderCase: 'http1.preserveHeaderCase',
  maxConcurrentStreams: 'http2.maxConcurrentStreams',
  initialStreamWindowSize: 'http2.initialStreamWindowSize',
  initialConnectionWindowSize: 'http2.initialConnectionWindowSize',
  onInvalidMessage: 'http2.onInvalidMessage',
  idleTimeout: 'timeout.http.idleTimeout',
  requestTimeout: 'timeout.http.requestReceivedTimeout',
};

/** bytes of a Kubernetes quantity as the chart's schema allows it (integers, binary and decimal suffixes) */
export function quantityBytes(v: Value | undefined): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)([EPTGMK]i|[EPTGMk])?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  return Number(m[1]) * mult[m[2] ?? '']!;
}

const CREDENTIAL_NAME = /(_KEY|^KEY|APIKEY|TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIALS?)$/i;
const CREDENTIAL_VALUE = /(authorization\s*=|bearer\s+\S|basic\s+[A-Za-z0-9+/=]{8,}|api[-_]?key\s*=)/i;
const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+@/i;

/** `namespace` is the release namespace (`-n`): listeners may name Secrets in it or elsewhere. */
export function semanticChecks(values: ValueMap, locator: Locator, schemaPaths: ReadonlySet<string>, namespace = 'default'): Finding[] {
  const get = getter(values);
  const out: Finding[] = [];
  const at = (path: string, key = false): FindingLocation | undefined => locator.locate(path, { key });
  const add = (f: Omit<Finding, 'origin' | 'location'> & { location?: FindingLocation }) => {
    // A value the schema already rejected is not judged again.
    if (schemaPaths.has(f.path)) return;
    out.push({ origin: 'semantic', location: f.location ?? at(f.path), ...f });
  };

  // A flag the schema rejected (`enabled: "false"`) is neither on nor off: checks that need it skip.
  const flag = (path: (string | number)[]): boolean | undefined => {
    const v = get(path);
    return typeof v === 'boolean' ? v : undefined;
  };
  const gatewayEnabled = flag(['gateway', 'enabled']) === true;
  const gatewayDisabled = flag(['gateway', 'enabled']) === false;
  const gatewayName = str(get(['gateway', 'name'])) ?? '';
  const proxyEnabled = flag(['envoyProxy', 'enabled']) === true;
  const proxyDisabled = flag(['envoyProxy', 'enabled']) === false;
  const proxyName = str(get(['envoyProxy', 'name'])) ?? '';
  const configEnabled = flag(['gatewayConfig', 'enabled']) === true;
  const configName = str(get(['gatewayConfig', 'name'])) ?? '';
  const policyEnabled = flag(['clientTrafficPolicy', 'enabled']) === true;
  const classDisabled = flag(['gatewayClass', 'enabled']) === false;
  const className = str(get(['gatewayClass', 'name'])) ?? '';

  // --- references between the objects -----------------------------------------------------
  if (gatewayEnabled && flag(['gateway', 'infrastructure', 'enabled']) === true && proxyDisabled) {
    add({
      severity: 'warning',
      code: 'semantic/envoyproxy-not-rendered',
      path: 'envoyProxy.enabled',
      message: `the Gateway references EnvoyProxy ${JSON.stringify(proxyName)} (gateway.infrastructure.enabled: true), but the chart does not create it (envoyProxy.enabled: false)`,
      expected: 'an EnvoyProxy for every parametersRef: Envoy Gateway does not accept a Gateway whose parametersRef points at nothing',
      suggestion: `set gateway.infrastructure.enabled: false, or envoyProxy.enabled: true, or make sure EnvoyProxy ${JSON.stringify(proxyName)} exists in the release namespace`,
      related: relatedAt(at('gateway.infrastructure.enabled'), 'the reference is made here'),
    });
  }
  const gatewayClassName = str(get(['gateway', 'className'])) || className;
  if (gatewayEnabled && classDisabled && gatewayClassName === className) {
    add({
      severity: 'warning',
      code: 'semantic/gatewayclass-not-rendered',
      path: 'gatewayClass.enabled',
      message: `the Gateway uses GatewayClass ${JSON.stringify(gatewayClassName)}, but the chart does not create it (gatewayClass.enabled: false)`,
      expected: 'a GatewayClass the Gateway can use: without one, no controller picks the Gateway up',
      suggestion: `make sure GatewayClass ${JSON.stringify(gatewayClassName)} exists in the cluster, or set gateway.className to the class you use`,
    });
  }
  if (configEnabled && gatewayDisabled) {
    add({
      severity: 'warning',
      code: 'semantic/gatewayconfig-without-gateway',
      path: 'gateway.enabled',
      message: `the GatewayConfig ${JSON.stringify(configName)} is rendered but the Gateway is not, so the aigateway.envoyproxy.io/gateway-config annotation that attaches it has nowhere to go`,
      expected: 'a Gateway annotated with the GatewayConfig: AI Gateway ignores a GatewayConfig no Gateway points at',
      suggestion: `set gatewayConfig.enabled: false, or annotate your own Gateway with aigateway.envoyproxy.io/gateway-config: ${configName}`,
      related: relatedAt(at('gatewayConfig.enabled'), 'the GatewayConfig is enabled here'),
    });
  }
  if (policyEnabled) {
    const targets = list(get(['clientTrafficPolicy', 'targetRefs']));
    if (targets.length === 0 && gatewayDisabled) {
      add({
        location: at('gateway.enabled'),
        severity: 'warning',
        code: 'semantic/policy-target-not-rendered',
        path: 'clientTrafficPolicy.targetRefs',
        message: `the ClientTrafficPolicy targets the chart's Gateway ${JSON.stringify(gatewayName)} by default, but that Gateway is not rendered (gateway.enabled: false) and targetRefs names no other`,
        expected: 'a policy attached to a Gateway that exists: otherwise it applies to nothing',
        suggestion: 'name the Gateway to attach to in clientTrafficPolicy.targetRefs ({group: gateway.networking.k8s.io, kind: Gateway, name: …}), or set clientTrafficPolicy.enabled: false',
      });
    }
    const listenerNames = list(get(['gateway', 'listeners'])).map((l) => str(map(l)?.['name'])).filter((n): n is string => n !== undefined);
    targets.forEach((t, i) => {
      const ref = map(t);
      const section = str(ref?.['sectionName']);
      if (!ref || !section || !gatewayEnabled || str(ref['kind']) !== 'Gateway' || str(ref['name']) !== gatewayName) return;
      if (listenerNames.includes(section)) return;
      const near = nearest(section, listenerNames);
      add({
        severity: 'warning',
        code: 'semantic/policy-section-missing',
        path: `clientTrafficPolicy.targetRefs[${i}].sectionName`,
        message: `sectionName ${JSON.stringify(section)} names no listener of Gateway ${JSON.stringify(gatewayName)} (its listeners: ${listenerNames.join(', ') || 'none'})`,
        expected: 'the name of one of the Gateway\'s listeners',
        suggestion: near ? `did you mean ${JSON.stringify(near)}?` : `use one of ${listenerNames.map((n) => JSON.stringify(n)).join(', ')}, or remove sectionName to target the whole Gateway`,
      });
    });
  }

  // --- listeners -----------------------------------------------------------------------------
  if (gatewayEnabled) checkListeners(get, add, at);

  // --- ClientTrafficPolicy -------------------------------------------------------------------
  if (policyEnabled) checkPolicy(get, add, at);

  // --- EnvoyProxy ----------------------------------------------------------------------------
  if (proxyEnabled) checkProxy(get, add, locator, gatewayName);

  // --- HTTPS: cert-manager and the redirect ---------------------------------------------------
  checkHttps(get, add, at, namespace);

  // --- env -------------------------------------------------------------------------------------
  const envLists: { path: string; entries: Value[] }[][] = [];
  if (proxyEnabled) {
    const p = 'envoyProxy.provider.kubernetes.envoyDeployment.container.env';
    envLists.push([{ path: p, entries: list(get(['envoyProxy', 'provider', 'kubernetes', 'envoyDeployment', 'container', 'env'])) }]);
  }
  if (configEnabled) {
    // The chart appends gatewayConfig.extProc.kubernetes.env to gatewayConfig.spec.extProc.kubernetes.env: one list.
    envLists.push([
      { path: 'gatewayConfig.spec.extProc.kubernetes.env', entries: list(get(['gatewayConfig', 'spec', 'extProc', 'kubernetes', 'env'])) },
      { path: 'gatewayConfig.extProc.kubernetes.env', entries: list(get(['gatewayConfig', 'extProc', 'kubernetes', 'env'])) },
    ]);
  }
  for (const parts of envLists) checkEnv(parts, add, at);
  return out;
}

type Add = (f: Omit<Finding, 'origin' | 'location'> & { location?: FindingLocation }) => void;
type At = (path: string, key?: boolean) => FindingLocation | undefined;

function relatedAt(loc: FindingLocation | undefined, message: string): Finding['related'] {
  return loc ? [{ location: loc, message }] : undefined;
}

function checkListeners(get: Get, add: Add, at: At): void {
  const listeners = list(get(['gateway', 'listeners']));
  const byName = new Map<string, number>();
  const byPort = new Map<number, number[]>();
  listeners.forEach((l, i) => {
    const listener = map(l);
    if (!listener) return;
    const base = `gateway.listeners[${i}]`;
    const name = str(listener['name']);
    const protocol = str(listener['protocol']);
    const port = typeof listener['port'] === 'number' ? listener['port'] : undefined;
    const hostname = str(listener['hostname']) ?? '';
    if (name !== undefined) {
      const first = byName.get(name);
      if (first !== undefined) {
        add({
          severity: 'error',
          code: 'semantic/listener-duplicate-name',
          path: `${base}.name`,
          message: `listener name ${JSON.stringify(name)} is already used by gateway.listeners[${first}]`,
          expected: 'a unique name per listener: the Gateway API rejects duplicates ("Listener name must be unique within the Gateway")',
          suggestion: `rename one of them, e.g. ${JSON.stringify(`${name}-${port ?? i}`)}`,
          related: relatedAt(at(`gateway.listeners[${first}].name`), 'first used here'),
        });
      } else byName.set(name, i);
    }
    if (protocol !== undefined && !KNOWN_PROTOCOLS.includes(protocol) && !protocol.includes('/')) {
      const near = nearest(protocol, KNOWN_PROTOCOLS);
      add({
        severity: 'warning',
        code: 'semantic/listener-protocol',
        path: `${base}.protocol`,
        message: `protocol ${JSON.stringify(protocol)} is not one Envoy Gateway supports, so the listener will not be programmed`,
        expected: 'HTTP, HTTPS, TLS, TCP or UDP (protocol names are case-sensitive)',
        suggestion: near ? `did you mean ${JSON.stringify(near)}?` : 'use HTTP, HTTPS, TLS, TCP or UDP',
      });
    }
    if (port !== undefined && protocol !== undefined) {
      for (const j of byPort.get(port) ?? []) {
        const other = map(listeners[j])!;
        const op = str(other['protocol']);
        const oh = str(other['hostname']) ?? '';
        if (op === protocol && oh === hostname) {
          add({
            severity: 'error',
            code: 'semantic/listener-duplicate-port',
            path: `${base}.port`,
            message: `gateway.listeners[${j}] already uses port ${port} with protocol ${protocol} and ${hostname ? `hostname ${JSON.stringify(hostname)}` : 'no hostname'}`,
            expected: 'a unique combination of port, protocol and hostname per listener (a Gateway API rule)',
            suggestion: 'use another port, or give each listener its own hostname',
            related: relatedAt(at(`gateway.listeners[${j}].port`), 'first used here'),
          });
          break;
        }
        const tlsFamily = (p: string | undefined) => p === 'HTTPS' || p === 'TLS';
        if (op !== protocol && !(tlsFamily(op) && tlsFamily(protocol))) {
          add({
            severity: 'error',
            code: 'semantic/listener-port-conflict',
            path: `${base}.port`,
            message: `port ${port} is also used by gateway.listeners[${j}] with protocol ${op}; Envoy Gateway cannot serve ${op} and ${protocol} on one port and marks the listeners Conflicted`,
            expected: 'one protocol per port (HTTPS and TLS may share a port)',
            suggestion: `use another port for this ${protocol} listener`,
            related: relatedAt(at(`gateway.listeners[${j}].port`), 'the other listener'),
          });
          break;
        }
      }
      byPort.set(port, [...(byPort.get(port) ?? []), i]);
    }
    if (protocol === 'HTTPS' || protocol === 'TLS') {
      const tls = map(listener['tls']);
      const mode = str(tls?.['mode']) ?? (protocol === 'HTTPS' ? 'Terminate' : undefined);
      const certs = list(tls?.['certificateRefs']);
      const options = map(tls?.['options']);
      if (mode === 'Terminate' && certs.length === 0 && !(options && Object.keys(options).length > 0)) {
        add({
          severity: 'error',
          code: 'semantic/listener-tls-no-certificate',
          path: tls ? `${base}.tls` : base,
          message: `${protocol} listener ${JSON.stringify(name ?? i)} terminates TLS but has no certificateRefs`,
          expected: 'a certificate for every listener in Terminate mode: without one the listener serves nothing',
          suggestion: 'add tls.certificateRefs: [{kind: Secret, name: <a kubernetes.io/tls Secret in the release namespace>}]',
        });
      }
    }
  });
}

function checkPolicy(get: Get, add: Add, at: At): void {
  const p = ['clientTrafficPolicy'];
  const bufferLimit = get([...p, 'connection', 'bufferLimit']);
  const blPath = 'clientTrafficPolicy.connection.bufferLimit';
  if (bufferLimit === undefined || bufferLimit === null || bufferLimit === '') {
    add({
      severity: 'warning',
      code: 'semantic/buffer-limit',
      path: blPath,
      message: "bufferLimit is unset, so Envoy Gateway's default of 32 KiB applies: LLM requests with long prompts, images or tool definitions exceed it and are rejected with 413 Payload Too Large",
      expected: `a buffer limit of at least 1Mi`,
      suggestion: 'set clientTrafficPolicy.connection.bufferLimit: 50Mi (the chart default)',
    });
  } else {
    const bytes = quantityBytes(bufferLimit);
    if (bytes !== undefined && bytes < BUFFER_LIMIT_MIN_BYTES) {
      add({
        severity: 'warning',
        code: 'semantic/buffer-limit',
        path: blPath,
        message: `bufferLimit ${String(bufferLimit)} (${bytes} bytes) is below 1Mi: LLM requests with long prompts, images or tool definitions exceed it and are rejected with 413 Payload Too Large`,
        expected: 'a buffer limit of at least 1Mi',
        suggestion: 'raise it, e.g. bufferLimit: 50Mi (the chart default)',
      });
    }
  }
  const http = get([...p, 'http']);
  if (truthy(http) && isMap(http)) {
    const moves = Object.keys(http).filter((k) => HTTP_MOVES[k]).map((k) => `${k} → clientTrafficPolicy.${HTTP_MOVES[k]}`);
    add({
      severity: 'error',
      code: 'semantic/policy-http',
      path: 'clientTrafficPolicy.http',
      message: 'clientTrafficPolicy.http is not a ClientTrafficPolicy field (the CRD has no spec.http), and the chart refuses to render it',
      expected: 'an empty clientTrafficPolicy.http; HTTP settings under http1, http2 or http3',
      suggestion: `move these settings to clientTrafficPolicy.http1, http2 or http3${moves.length ? ` (${moves.join(', ')})` : ''} and remove clientTrafficPolicy.http`,
    });
  }
  const connectionTimeout = get([...p, 'connection', 'connectionTimeout']);
  const idleTimeout = get([...p, 'timeout', 'http', 'idleTimeout']);
  if (truthy(connectionTimeout) && truthy(idleTimeout)) {
    add({
      severity: 'error',
      code: 'semantic/connection-timeout-conflict',
      path: 'clientTrafficPolicy.connection.connectionTimeout',
      message: 'connectionTimeout and timeout.http.idleTimeout both set spec.timeout.http.idleTimeout, and the chart refuses to choose',
      expected: 'at most one of them',
      suggestion: 'keep clientTrafficPolicy.timeout.http.idleTimeout and remove connection.connectionTimeout',
      related: relatedAt(at('clientTrafficPolicy.timeout.http.idleTimeout'), 'also set here'),
    });
  }
  const tls = map(get([...p, 'tls']));
  const min = str(tls?.['minVersion']);
  const max = str(tls?.['maxVersion']);
  if (min && max && TLS_ORDER.includes(min) && TLS_ORDER.includes(max) && TLS_ORDER.indexOf(min) > TLS_ORDER.indexOf(max)) {
    add({
      severity: 'error',
      code: 'semantic/tls-version-order',
      path: 'clientTrafficPolicy.tls.minVersion',
      message: `minVersion ${min} is above maxVersion ${max}`,
      expected: 'minVersion ≤ maxVersion (a ClientTrafficPolicy rule)',
      suggestion: `swap them: minVersion: "${max}", maxVersion: "${min}"`,
    });
  }
}

const ENVOY_POD_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/component', 'app.kubernetes.io/managed-by', 'gateway.envoyproxy.io/owning-gateway-name', 'gateway.envoyproxy.io/owning-gateway-namespace'];

function checkProxy(get: Get, add: Add, locator: Locator, gatewayName: string): void {
  const provider = ['envoyProxy', 'provider'];
  const type = str(get([...provider, 'type']));
  if (type === 'Host') {
    const set = [...locator.sources.keys()].filter((k) => k.startsWith('envoyProxy.provider.kubernetes.') && locator.userSet(k) && !isMap(get(['envoyProxy', 'provider', 'kubernetes', ...k.split('.').slice(3)]) ?? null));
    if (set.length > 0) {
      add({
        severity: 'warning',
        code: 'semantic/host-provider-ignores-kubernetes',
        path: set[0]!,
        message: `envoyProxy.provider.kubernetes settings are ignored with provider type Host (${set.length} set)`,
        expected: 'provider.kubernetes settings only with provider type Kubernetes',
        suggestion: 'remove them, or set envoyProxy.provider.type: Kubernetes',
      });
    }
    return;
  }
  const service = ['envoyProxy', 'provider', 'kubernetes', 'envoyService'];
  const lbIP = str(get([...service, 'loadBalancerIP']));
  const svcType = str(get([...service, 'type']));
  if (lbIP && svcType && svcType !== 'LoadBalancer') {
    add({
      severity: 'error',
      code: 'semantic/loadbalancerip-needs-loadbalancer',
      path: 'envoyProxy.provider.kubernetes.envoyService.loadBalancerIP',
      message: `loadBalancerIP is set but the service type is ${svcType}`,
      expected: 'loadBalancerIP only with type LoadBalancer (an EnvoyProxy rule)',
      suggestion: 'set envoyService.type: LoadBalancer, or remove loadBalancerIP',
    });
  }
  const podPath = ['envoyProxy', 'provider', 'kubernetes', 'envoyDeployment', 'pod'];
  const podLabels = map(get([...podPath, 'labels'])) ?? {};
  const anti = map(get([...podPath, 'affinity', 'podAntiAffinity']));
  if (!anti) return;
  const terms: { path: string; term: ValueMap | undefined }[] = [];
  const base = 'envoyProxy.provider.kubernetes.envoyDeployment.pod.affinity.podAntiAffinity';
  list(anti['requiredDuringSchedulingIgnoredDuringExecution']).forEach((t, i) =>
    terms.push({ path: `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, term: map(t) }),
  );
  list(anti['preferredDuringSchedulingIgnoredDuringExecution']).forEach((t, i) =>
    terms.push({ path: `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`, term: map(map(t)?.['podAffinityTerm']) }),
  );
  for (const { path, term } of terms) {
    const matchLabels = map(map(term?.['labelSelector'])?.['matchLabels']);
    if (!matchLabels || Object.keys(matchLabels).length === 0) continue;
    const misses = Object.entries(matchLabels).filter(([k, v]) => {
      if (Object.prototype.hasOwnProperty.call(podLabels, k)) return podLabels[k] !== v;
      if (k === 'app.kubernetes.io/name') return v !== 'envoy';
      if (k === 'app.kubernetes.io/component') return v !== 'proxy';
      if (k === 'app.kubernetes.io/managed-by') return v !== 'envoy-gateway';
      if (k === 'gateway.envoyproxy.io/owning-gateway-name') return v !== gatewayName;
      return !ENVOY_POD_LABELS.includes(k);
    });
    if (misses.length === 0) continue;
    const shown = misses.map(([k, v]) => `${k}: ${String(v)}`).join(', ');
    add({
      severity: 'warning',
      code: 'semantic/anti-affinity-selects-nothing',
      path: appendPath(path, 'labelSelector') + '.matchLabels',
      message: `the anti-affinity selector (${shown}) matches none of this Gateway's Envoy pods, so it does not spread the replicas`,
      expected: "labels the Envoy pods carry: Envoy Gateway's (app.kubernetes.io/name: envoy, gateway.envoyproxy.io/owning-gateway-name) or envoyDeployment.pod.labels",
      suggestion: `select the Envoy pods: matchLabels: {app.kubernetes.io/name: envoy, gateway.envoyproxy.io/owning-gateway-name: ${gatewayName}}, or add ${shown} to envoyProxy.provider.kubernetes.envoyDeployment.pod.labels`,
    });
  }
}

function checkEnv(parts: { path: string; entries: Value[] }[], add: Add, at: At): void {
  const seen = new Map<string, string>();
  for (const { path, entries } of parts) {
    entries.forEach((e, i) => {
      const entry = map(e);
      const name = str(entry?.['name']);
      if (!entry || name === undefined) return;
      const here = `${path}[${i}]`;
      const first = seen.get(name);
      if (first !== undefined) {
        add({
          severity: 'error',
          code: 'semantic/env-duplicate',
          path: `${here}.name`,
          message: `env var ${JSON.stringify(name)} is already set at ${first}${first.startsWith(path) ? '' : ' (the chart puts both lists into one)'}`,
          expected: 'each env name once: Kubernetes silently keeps the last one, and server-side apply (helm 4) rejects the object',
          suggestion: 'remove one of them',
          related: relatedAt(at(`${first}.name`), 'first set here'),
        });
      } else seen.set(name, here);
      const value = str(entry['value']);
      if (!value) return;
      let why: string | undefined;
      if (URL_USERINFO.test(value)) why = 'its URL carries credentials (user:password@)';
      else if (CREDENTIAL_NAME.test(name) && !/^\$\(.+\)$/.test(value)) why = `${name} looks like a credential`;
      else if (CREDENTIAL_VALUE.test(value)) why = 'its value carries an authorization header or key';
      if (!why) return;
      add({
        severity: 'warning',
        code: 'semantic/env-credential',
        path: `${here}.value`,
        message: `env var ${JSON.stringify(name)} has a plain value, and ${why}: it ends up readable in the values file, the release and the rendered object`,
        expected: 'credentials from a Secret',
        suggestion: URL_USERINFO.test(value)
          ? `remove the credentials from the URL and pass them from a Secret: valueFrom.secretKeyRef {name: <secret>, key: <key>} (for OTLP, as OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic …)`
          : 'use valueFrom.secretKeyRef: {name: <secret>, key: <key>} instead of value',
      });
    });
  }
}
