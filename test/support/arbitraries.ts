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
/** Hostnames, wildcards among them, sharing suffixes so that listeners and certificate names meet. */
const gatewayHostname = fc.constantFrom('a.example.com', 'b.example.com', '*.example.com', 'x.a.example.com', 'ai.example.org');
/** A certificate reference: mostly a Secret the chart issues, sometimes one it leaves alone (another kind, group or namespace). */
const secretName = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('tls-a', 'tls-b', 'ai-gateway-tls') }, { weight: 1, arbitrary: trickyString.filter((s) => s.length > 0) });
const certificateRef = fc.oneof(
  { weight: 4, arbitrary: fc.record({ name: secretName, kind: fc.constant('Secret'), group: fc.constantFrom('', 'core'), namespace: fc.constant('ns-x') }, { requiredKeys: ['name'] }) },
  { weight: 1, arbitrary: fc.record({ name: secretName, kind: fc.constantFrom('Secret', 'ConfigMap'), group: fc.constantFrom('', 'example.com'), namespace: fc.constantFrom('', 'other') }) },
);
const listener = fc.record(
  {
    name: dnsName,
    port: fc.oneof(fc.constantFrom(80, 443, 8443), fc.integer({ min: 1, max: 65535 })),
    protocol: fc.constantFrom('HTTP', 'HTTPS', 'HTTPS', 'TLS', 'TCP'),
    hostname: gatewayHostname,
    tls: fc.record({ mode: fc.constantFrom('Terminate', 'Terminate', 'Passthrough'), certificateRefs: fc.array(certificateRef, { maxLength: 2 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['name', 'port', 'protocol'] },
);
/** Listeners ready for HTTPS: HTTP on port 80 first, an HTTPS listener with a Secret to issue, maybe one more. */
const httpsListeners = fc
  .tuple(
    fc.record({ name: dnsName, port: fc.constant(80), protocol: fc.constant('HTTP') }),
    fc.record(
      { name: dnsName.map((n) => `${n}-s`), port: fc.constantFrom(443, 8443), protocol: fc.constant('HTTPS'), hostname: gatewayHostname, tls: fc.record({ certificateRefs: fc.array(certificateRef, { minLength: 1, maxLength: 2 }) }) },
      { requiredKeys: ['name', 'port', 'protocol', 'tls'] },
    ),
    fc.array(listener, { maxLength: 1 }),
  )
  .map(([http, https, more]) => [http, https, ...more]);
const listeners = fc.oneof({ weight: 3, arbitrary: fc.array(listener, { minLength: 1, maxLength: 3 }) }, { weight: 2, arbitrary: httpsListeners });

/** Mostly off, as in real values: on, a feature whose listeners are missing makes helm fail. */
const seldom = fc.constantFrom(false, false, false, true);

const meta = { enabled: fc.boolean(), name: dnsName, labels: labelMap, annotations: annotationMap };
const opt = { requiredKeys: [] as never[] };

export const chartValues = fc.record(
  {
    gatewayClass: fc.record({ ...meta, controllerName: fc.constantFrom('gateway.envoyproxy.io/gatewayclass-controller', 'example.com/x') }, opt),
    gateway: fc.record(
      { ...meta, className: fc.oneof(fc.constant(''), dnsName), listeners, infrastructure: fc.record({ enabled: fc.boolean() }) },
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
    certManager: fc.record(
      {
        enabled: seldom,
        issuerRef: fc.record({ group: fc.constantFrom('cert-manager.io', 'example.com'), kind: fc.constantFrom('ClusterIssuer', 'Issuer'), name: dnsName }, opt),
        dnsNames: fc.array(gatewayHostname, { maxLength: 3 }),
        duration: fc.constantFrom('', '2160h', '90m'),
        renewBefore: fc.constantFrom('', '720h'),
        privateKey: fc.oneof(fc.constant({}), fc.record({ algorithm: fc.constantFrom('RSA', 'ECDSA'), size: fc.constantFrom(2048, 256), rotationPolicy: fc.constantFrom('Never', 'Always') }, opt)),
        issuer: fc.record(
          {
            create: seldom,
            kind: fc.constantFrom('ClusterIssuer', 'Issuer'),
            name: dnsName,
            email: fc.constantFrom('', 'ops@example.com'),
            server: fc.constantFrom('https://acme-v02.api.letsencrypt.org/directory', 'https://acme-staging-v02.api.letsencrypt.org/directory'),
          },
          opt,
        ),
      },
      opt,
    ),
    httpsRedirect: fc.record({ enabled: seldom, statusCode: fc.constantFrom(301, 302), hostnames: fc.array(gatewayHostname, { maxLength: 3 }) }, opt),
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

// ---------------------------------------------------------------------------------------------
// The models chart: random catalogs. Keys come from small pools, so that models name backends
// that exist (and sometimes ones that do not, or are disabled), and two models sometimes match
// the same name: most cases render, the rest must fail in helm and here alike.

const BACKEND_KEYS = ['openai-01', 'openai-02', 'b', 'fw', 'vertex-1', 'x9'];
const MODEL_KEYS = ['gpt-4-1', 'gpt-5', 'llama', 'm', 'embed-3', 'z0'];
const oneLine = fc.oneof(fc.constant(''), trickyString.map((s) => s.replace(/[\x00-\x1f\x7f]/g, '')));
const word = fc.oneof(fc.constant(''), fc.constantFrom('v1', '/v1', '/openai/v1', '2025-01-01-preview', 'vertex-2023-10-16', 'yes', '1.0', '0777'));
const hostname = fc.constantFrom('api.openai.com', 'api.fireworks.ai', 'us-east5-aiplatform.googleapis.com', 'llm.internal', 'a.b');
const secretRef = fc.record({ name: dnsName });
const auth = fc.oneof(
  fc.constant(undefined),
  fc.record({ type: fc.constant('') }),
  fc.record({ type: fc.constantFrom('APIKey', 'AzureAPIKey', 'AnthropicAPIKey'), secretName: dnsName }),
  fc.record({ type: fc.constant('AWSCredentials'), awsCredentials: fc.record({ region: fc.constantFrom('us-east-1', 'eu-west-1'), credentialsFile: fc.record({ secretRef }) }, { requiredKeys: ['region'] }) }),
  fc.record({ type: fc.constant('GCPCredentials'), gcpCredentials: fc.record({ projectName: dnsName, region: fc.constantFrom('us-central1', 'europe-west4'), credentialsFile: fc.record({ secretRef }) }, { requiredKeys: ['projectName', 'region'] }) }),
  fc.record({ type: fc.constant('AzureCredentials'), azureCredentials: fc.record({ clientID: dnsName, tenantID: dnsName, clientSecretRef: secretRef }) }),
);
/** Mostly on: a disabled backend or reference fails the render, which the property covers but should not drown in. */
const mostlyOn = fc.oneof({ arbitrary: fc.constant(true), weight: 8 }, { arbitrary: fc.constant(false), weight: 1 });
const backend = fc.record(
  {
    enabled: mostlyOn,
    schema: fc.constantFrom('OpenAI', 'Cohere', 'AWSBedrock', 'AzureOpenAI', 'GCPVertexAI', 'GCPAnthropic', 'Anthropic', 'AWSAnthropic'),
    prefix: word,
    version: word,
    hostname,
    port: fc.oneof(fc.constant(443), fc.integer({ min: 1, max: 65535 })),
    tls: fc.record({ enabled: fc.boolean(), hostname: fc.oneof(fc.constant(''), hostname) }, opt),
    auth,
    labels: labelMap,
    annotations: annotationMap,
  },
  { requiredKeys: ['schema', 'hostname'] },
);
const modelBackend = fc.record(
  {
    enabled: mostlyOn,
    priority: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.constant(2147483647)),
    weight: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 1000000 })),
    modelNameOverride: oneLine,
  },
  opt,
);
const limit = fc.record({ limit: fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.constantFrom(1000000, 4294967295, 12345678)), unit: fc.constantFrom('Second', 'Minute', 'Hour', 'Day', 'Month', 'Year') });
const retry = fc.record(
  {
    enabled: fc.boolean(),
    numRetries: fc.integer({ min: 0, max: 10 }),
    numAttemptsPerPriority: fc.integer({ min: 0, max: 3 }),
    perRetry: fc.record({ timeout: duration, backOff: fc.record({ baseInterval: duration, maxInterval: duration }, opt) }, opt),
    retryOn: fc.record({ httpStatusCodes: fc.array(fc.integer({ min: 100, max: 599 }), { maxLength: 4 }), triggers: fc.uniqueArray(fc.constantFrom('5xx', 'reset', 'connect-failure', 'retriable-status-codes'), { maxLength: 3 }) }, opt),
  },
  opt,
);
const rateLimit = fc.record(
  {
    enabled: fc.boolean(),
    clientHeader: fc.constantFrom('', 'x-user-id', 'X-Tenant', 'x-api-key'),
    requests: fc.oneof(fc.constant(null), limit),
    tokens: fc.array(limit, { maxLength: 3 }),
  },
  opt,
);
const model = fc.record(
  {
    enabled: mostlyOn,
    match: fc.oneof(fc.constant(''), fc.constant(''), oneLine),
    modality: fc.constantFrom('text', 'multimodal', 'image', 'audio', 'embedding'),
    backends: fc.dictionary(fc.constantFrom(...BACKEND_KEYS), modelBackend, { minKeys: 1, maxKeys: 3 }),
    timeout: fc.oneof(fc.constant(''), duration, fc.constant('0s')),
    retry,
    rateLimit,
    labels: labelMap,
    annotations: annotationMap,
  },
  { requiredKeys: ['backends'] },
);

export const modelsValues = fc.record(
  {
    gateway: fc.record({ name: dnsName, namespace: fc.oneof(fc.constant(''), dnsName), sectionName: fc.oneof(fc.constant(''), dnsName) }, { requiredKeys: ['name'] }),
    // Every backend key but the last is always defined; a model naming the last one may fail.
    backends: fc.record(Object.fromEntries(BACKEND_KEYS.map((k) => [k, backend])), { requiredKeys: BACKEND_KEYS.slice(0, -1) as never[] }),
    // The first model is always there: the flags below change it.
    models: fc.tuple(model, fc.dictionary(fc.constantFrom(...MODEL_KEYS.slice(1)), model, { maxKeys: 4 })).map(([first, rest]) => ({ [MODEL_KEYS[0]!]: first, ...rest })),
    defaults: fc.record(
      {
        timeout: duration,
        minBackends: fc.constantFrom(0, 1, 1, 1, 2),
        // Token limits need a TotalToken cost; a list without one (one case in six) must fail alike.
        llmRequestCosts: fc
          .tuple(fc.array(fc.record({ metadataKey: fc.constantFrom('tokens', 'in'), type: fc.constantFrom('InputToken', 'OutputToken', 'TotalToken') }), { maxLength: 2 }), fc.integer({ min: 0, max: 5 }))
          .map(([list, i]) => (i === 0 ? list : [...list, { metadataKey: 'llm_total_token', type: 'TotalToken' }])),
        retry,
        rateLimit,
      },
      opt,
    ),
  },
  opt,
);

/** helm's value flags on the models chart: they land on keys the generator also uses (a model they named only would have no backends). */
export const modelsValueFlags = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...MODEL_KEYS), fc.boolean()).map(([m, b]) => ['--set', `models.${m}.enabled=${b && m === MODEL_KEYS[0]}`]),
      fc.tuple(fc.constantFrom(...BACKEND_KEYS), mostlyOn).map(([k, b]) => ['--set', `backends.${k}.enabled=${b}`]),
      fc.tuple(fc.constantFrom(...BACKEND_KEYS), fc.integer({ min: 0, max: 5 })).map(([k, p]) => ['--set', `models.${MODEL_KEYS[0]}.backends.${k}.priority=${p}`]),
      fc.constantFrom('1.0', 'yes', 'gpt-4o:latest', 'a: b', '#x').map((v) => ['--set-string', `models.${MODEL_KEYS[0]}.match=${v}`]),
      fc.integer({ min: 0, max: 4 }).map((n) => ['--set', `models.${MODEL_KEYS[0]}.retry.numRetries=${n}`]),
      fc.constantFrom(['--set', 'defaults.rateLimit.enabled=true'], ['--set-json', 'defaults.rateLimit.tokens=[{"limit":1000000,"unit":"Day"}]'], ['--set', 'defaults.retry.enabled=false'], ['--set', 'gateway.sectionName=https']),
    ),
    { maxLength: 3 },
  )
  .map((list) => list.flat());

/** Random valid values of each chart, by chart id (the tests that hold every chart to helm loop over it). */
export const CHART_ARBITRARIES = {
  core: chartValues,
  models: modelsValues,
};
