// fast-check generators for values of this chart: mostly valid, full of strings and numbers that
// stress quoting, folding, number formatting and merging.
import fc from 'fast-check';
import { newMap, type Value } from '../../src/values/types.js';

const FRAGMENTS = [
  'a', 'Z', 'word', ' ', '  ', ': ', ' #', '#', '-', '- ', '---', '...', "'", '"', '\n', '\n\n', '\t', '\\',
  'é', '日本', '😀', '\u00a0', '\u0001', 'true', 'no', 'y', '~', 'null', '1.5', '0777', '12:30', '2024-01-01', '0x1F', '1e3',
  '*', '&', '!', '|', '>', '%', '@', '`', '{', '}', '[', ']', ',', '?', '=', 'http://x.y/z?a=1&b=2',
  'lorem ipsum dolor sit amet consectetur', 'x'.repeat(40),
];

/**
 * A string built from fragments that each trip some rule of go-yaml's emitter. `<no value>` is
 * left out: helm deletes it from the rendered text and then re-parses the result with go-yaml,
 * and on such mangled text (`!]`, `&&`) two YAML parsers can disagree; the golden case `quoting`
 * and test/render/manifest.test.ts cover that path instead.
 */
export const trickyString = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 0, maxLength: 8 }).map((parts) => parts.join(''));

/** A DNS-1123 label, valid as a Kubernetes name. */
export const dnsName = fc
  .tuple(fc.constantFrom('a', 'b', 'gw', 'ai', 'x1'), fc.stringMatching(/^[a-z0-9-]{0,12}$/), fc.constantFrom('', 'z', '9'))
  .map(([a, b, c]) => `${a}${b}${c}`.replace(/-+$/, '') || 'a');

/**
 * Keys for free-form maps. go-yaml v2's key order is not transitive for keys that mix digit runs
 * of different lengths with letters (helm itself then prints a random order), so keys here carry
 * at most one trailing digit.
 */
export const mapKey = fc
  .tuple(fc.stringMatching(/^[a-zA-Z][a-zA-Z_./-]{0,10}$/), fc.constantFrom('', '', '1', '2'))
  .map(([k, d]) => k + d);

/** A valid label or annotation key: optional DNS prefix, then a name that starts and ends alphanumeric. */
export const annotationKey = fc
  .tuple(fc.constantFrom('', 'example.com/', 'app.kubernetes.io/', 'a.b/'), fc.stringMatching(/^[a-z]([a-z0-9._-]{0,14}[a-z0-9])?$/))
  .map(([p, k]) => p + k);

/** A valid label value (the API server's rule): up to 63 characters, alphanumeric at both ends. */
export const labelValue = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/));

export const goodNumber = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }),
  fc.constantFrom(0, 1, 1e6, 12345678, 1.5, 0.25, 1234567.5, 0.00001, 1e21, -0.5, 9007199254740993, 1e19),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 }),
);

const leaf = fc.oneof(trickyString, goodNumber, fc.boolean(), fc.constant(null));

/** Free-form objects, like affinity or telemetry settings: nested maps and lists of leaves. */
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('object')),
  list: fc.array(tie('node'), { maxLength: 3 }),
  object: fc.dictionary(mapKey, tie('node'), { maxKeys: 4 }),
}));
export const freeObject = tree.object as fc.Arbitrary<Record<string, unknown>>;

const annotationMap = fc.dictionary(annotationKey, trickyString, { maxKeys: 4 });
const labelMap = fc.dictionary(annotationKey, labelValue, { maxKeys: 4 });
const duration = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('s', 'm', 'h', 'ms')).map(([n, u]) => `${n}${u}`);
const envList = fc.array(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z_]{0,10}$/), value: trickyString }), { maxLength: 3 });
const listener = fc.record({ name: dnsName, port: fc.integer({ min: 1, max: 65535 }), protocol: fc.constantFrom('HTTP', 'HTTPS', 'TCP') });

const meta = { enabled: fc.boolean(), name: dnsName, labels: labelMap, annotations: annotationMap };
const opt = { requiredKeys: [] as never[] };

export const chartValues = fc.record(
  {
    gatewayClass: fc.record({ ...meta, controllerName: fc.constantFrom('gateway.envoyproxy.io/gatewayclass-controller', 'example.com/x') }, opt),
    gateway: fc.record(
      { ...meta, className: fc.oneof(fc.constant(''), dnsName), listeners: fc.array(listener, { minLength: 1, maxLength: 3 }), infrastructure: fc.record({ enabled: fc.boolean() }) },
      opt,
    ),
    gatewayConfig: fc.record(
      {
        ...meta,
        apiVersion: fc.constantFrom('aigateway.envoyproxy.io/v1beta1', 'aigateway.envoyproxy.io/v1alpha1'),
        extProc: fc.record({ kubernetes: fc.record({ env: envList }) }),
        spec: fc.oneof(fc.constant({}), fc.record({ extProc: fc.record({ kubernetes: fc.record({ env: envList, resources: freeObject }, opt) }, opt) }, opt)),
      },
      opt,
    ),
    envoyProxy: fc.record(
      {
        ...meta,
        provider: fc.record({
          type: fc.constantFrom('Kubernetes', 'Kubernetes', 'Host'),
          kubernetes: fc.record(
            {
              envoyDeployment: fc.record(
                {
                  replicas: fc.integer({ min: 0, max: 20 }),
                  pod: fc.record({ labels: labelMap, annotations: annotationMap, securityContext: freeObject, affinity: freeObject, nodeSelector: labelMap }, opt),
                  container: fc.record({ resources: freeObject, env: envList }, opt),
                },
                opt,
              ),
              envoyService: fc.record(
                {
                  type: fc.constantFrom('LoadBalancer', 'ClusterIP', 'NodePort'),
                  annotations: annotationMap,
                  loadBalancerIP: fc.constantFrom('', '10.0.0.1'),
                  externalTrafficPolicy: fc.constantFrom('', 'Local', 'Cluster'),
                },
                opt,
              ),
            },
            opt,
          ),
        }),
        logging: fc.record({ level: fc.record({ default: fc.constantFrom('info', 'warn', 'debug') }) }),
        telemetry: fc.record({ accessLog: freeObject, metrics: freeObject, tracing: freeObject }, opt),
        shutdown: fc.record({ drainTimeout: fc.oneof(duration, fc.constant('')), minDrainDuration: duration }, opt),
      },
      opt,
    ),
    clientTrafficPolicy: fc.record(
      {
        ...meta,
        connection: fc.record({ bufferLimit: fc.constantFrom('50Mi', '1Gi', 32768, '100k'), connectionTimeout: fc.oneof(fc.constant(''), duration) }, opt),
        http2: freeObject,
        tls: fc.record({ minVersion: fc.constantFrom('1.2', '1.3', 'Auto') }, opt),
        path: freeObject,
        headers: freeObject,
        healthCheck: fc.record({ path: fc.constantFrom('/healthz', '/ready') }),
        targetRefs: fc.array(fc.record({ group: fc.constant('gateway.networking.k8s.io'), kind: fc.constantFrom('Gateway', 'ListenerSet'), name: dnsName }), { maxLength: 2 }),
      },
      opt,
    ),
  },
  opt,
);

/** `--set` style escaping of a path key and of a value. */
const escapeKey = (k: string) => k.replace(/[\\.,=[\]]/g, (c) => `\\${c}`);
const escapeValue = (v: string) => v.replace(/[\\,]/g, (c) => `\\${c}`);

/** Random value flags that helm's strvals parser and ours must read the same way. */
export const valueFlags = fc.array(
  fc.oneof(
    dnsName.map((n) => ['--set', `gateway.name=${n}`]),
    fc.integer({ min: 0, max: 50 }).map((n) => ['--set', `envoyProxy.provider.kubernetes.envoyDeployment.replicas=${n}`]),
    fc.boolean().map((b) => ['--set', `gatewayConfig.enabled=${b}`]),
    fc.tuple(annotationKey, trickyString.filter((s) => !s.startsWith('{'))).map(([k, v]) => ['--set-string', `gateway.annotations.${escapeKey(k)}=${escapeValue(v)}`]),
    fc.tuple(mapKey, goodNumber.filter((n) => Number.isFinite(n))).map(([k, n]) => ['--set-json', `clientTrafficPolicy.http2.${escapeKey(k)}=${JSON.stringify(n)}`]),
    trickyString.filter((s) => !s.includes('\n')).map((v) => ['--set-literal', `gatewayClass.annotations.literal=${v}`]),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 65535 })).map(([i, p]) => ['--set', `gateway.listeners[${i}].port=${p},gateway.listeners[${i}].name=l${i},gateway.listeners[${i}].protocol=HTTP`]),
  ),
  { maxLength: 4 },
).map((pairs) => pairs.flat());

/** A generated plain object as the values pipeline holds it: maps without a prototype. */
export function toValue(v: unknown): Value {
  if (Array.isArray(v)) return v.map(toValue);
  if (v !== null && typeof v === 'object') {
    const out = newMap();
    for (const [k, x] of Object.entries(v)) out[k] = toValue(x);
    return out;
  }
  return v as Value;
}

/** Random valid values of each chart, by chart id (the tests that hold every chart to helm loop over it). */
export const CHART_ARBITRARIES = {
  core: chartValues,
};
