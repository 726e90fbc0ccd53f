// (c) The seed's examples (shared/spec/chart-interface.md) rendered literally give exactly the
// findings listed in crd-fidelity.md §6, and the recommended renderings (§7) are accepted.
//
// One deliberate difference from §6: for the loadBalancerIP rule §6 prints `Invalid value:
// "object"`. The rule sits on a `type: string` field and kube-apiserver (<= 1.34) prints the
// schema type of the node the rule is on (`field.Invalid(fldPath, sts.Type, ...)`), so the
// message is `Invalid value: "string"`.
import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../src/crd/validate.js';
import { API, ctp, envoyProxy, errorsOf, gateway, GATEWAY_TARGET, gatewayClass, gatewayConfig, sharedCrds, warningsOf } from './helpers.js';

const CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
const EP_REF = { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'ai-gateway' };
const HTTP = { name: 'http', protocol: 'HTTP', port: 80 };

const withMeta = <T extends Record<string, unknown>>(doc: T, meta: Record<string, unknown>): T => ({
  ...doc,
  metadata: { ...(doc['metadata'] as object), ...meta },
});

/** Every table default emitted, without omit-empty guards ("seed-defaults-literal.yaml"). */
const defaultsLiteral = [
  withMeta(gatewayClass({ controllerName: CONTROLLER }), { labels: {}, annotations: {} }),
  withMeta(gateway({ gatewayClassName: 'ai-gateway', listeners: [HTTP], infrastructure: { parametersRef: EP_REF } }), { labels: {}, annotations: {} }),
  withMeta(gatewayConfig({ extProc: { kubernetes: { env: [] } } }), { labels: {}, annotations: {} }),
  withMeta(
    envoyProxy({
      provider: {
        type: 'Kubernetes',
        kubernetes: {
          envoyDeployment: {
            replicas: 1,
            pod: { labels: {}, annotations: {}, securityContext: {}, tolerations: [], nodeSelector: {}, affinity: {} },
            container: { resources: {}, securityContext: {}, env: [], volumeMounts: [] },
            volumes: [],
          },
          envoyService: { type: 'LoadBalancer', annotations: {}, loadBalancerIP: '', externalTrafficPolicy: '' },
        },
      },
      logging: { level: { default: 'info' } },
      telemetry: { accessLog: {}, metrics: {}, tracing: {} },
      shutdown: { drainTimeout: '30s', minDrainDuration: '5s' },
    }),
    { labels: {}, annotations: {} },
  ),
  withMeta(
    ctp({
      targetRefs: [GATEWAY_TARGET],
      connection: { bufferLimit: '50Mi', connectionTimeout: '' },
      http: {},
      timeout: {},
      tls: {},
      path: {},
      headers: {},
      healthCheck: {},
    }),
    { labels: {}, annotations: {} },
  ),
];

/** "Basic Configuration" with the examples' keys 1:1, empty values omitted. */
const basic = [
  gatewayClass({ controllerName: CONTROLLER }),
  gateway({ gatewayClassName: 'ai-gateway', listeners: [HTTP], infrastructure: { parametersRef: EP_REF } }),
  gatewayConfig({}),
  envoyProxy({}),
  ctp({ targetRefs: [GATEWAY_TARGET], connection: { bufferLimit: '50Mi' } }),
];

const productionEnvoyProxySpec = (affinityLabels: Record<string, string>, volumes?: unknown[]) => ({
  provider: {
    type: 'Kubernetes',
    kubernetes: {
      envoyDeployment: {
        replicas: 3,
        pod: {
          annotations: { 'prometheus.io/scrape': 'true' },
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gateway', effect: 'NoSchedule' }],
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: affinityLabels }, topologyKey: 'kubernetes.io/hostname' } },
              ],
            },
          },
          ...(volumes ? { volumes } : {}),
        },
        container: { resources: { limits: { cpu: '2', memory: '4Gi' }, requests: { cpu: '500m', memory: '1Gi' } } },
      },
      envoyService: { type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' } },
    },
  },
  logging: { level: { default: 'warn' } },
  shutdown: { drainTimeout: '60s', minDrainDuration: '10s' },
});

const productionGateway = gateway({
  gatewayClassName: 'ai-gateway',
  listeners: [HTTP, { name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ name: 'ai-gateway-tls', kind: 'Secret' }] } }],
  infrastructure: { parametersRef: EP_REF },
});

const otelEnv = [
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'https://tempo-prod-10-prod-eu-west-2.grafana.net/tempo' },
  { name: 'OTEL_SERVICE_NAME', value: 'ai-gateway-production' },
];

/** "Production Configuration", keys 1:1. */
const production = [
  withMeta(gatewayClass({ controllerName: CONTROLLER }), { annotations: { description: 'Production AI Gateway' } }),
  productionGateway,
  gatewayConfig({ extProc: { kubernetes: { env: otelEnv } } }),
  envoyProxy(productionEnvoyProxySpec({ app: 'envoy' })),
  ctp({
    targetRefs: [GATEWAY_TARGET],
    connection: { bufferLimit: '100Mi', connectionTimeout: '60s' },
    timeout: { http: { requestTimeout: '300s' } },
    tls: { minVersion: '1.2', maxVersion: '1.3' },
  }),
];

/** "Minimal Configuration (No EnvoyProxy)": 4 objects, no infrastructure reference. */
const minimal = [
  gatewayClass({ controllerName: CONTROLLER }),
  gateway({ gatewayClassName: 'ai-gateway', listeners: [HTTP] }),
  gatewayConfig({}),
  ctp({ targetRefs: [GATEWAY_TARGET], connection: { bufferLimit: '50Mi' } }),
];

/** §7: the recommended Production rendering. */
const fixedProduction = [
  production[0]!,
  withMeta(productionGateway, { annotations: { 'aigateway.envoyproxy.io/gateway-config': 'ai-gateway-tracing' } }),
  production[2]!,
  envoyProxy(
    productionEnvoyProxySpec(
      { 'app.kubernetes.io/name': 'envoy', 'gateway.envoyproxy.io/owning-gateway-name': 'ai-gateway' },
      [{ name: 'extra', emptyDir: {} }],
    ),
  ),
  ctp({
    targetRefs: [GATEWAY_TARGET],
    connection: { bufferLimit: '100Mi' },
    timeout: { http: { idleTimeout: '60s', requestReceivedTimeout: '300s' } },
    tls: { minVersion: '1.2', maxVersion: '1.3' },
  }),
];

/** The table defaults with empty values omitted and the seed keys moved to real fields. */
const fixedDefaults = [
  gatewayClass({ controllerName: CONTROLLER }),
  withMeta(gateway({ gatewayClassName: 'ai-gateway', listeners: [HTTP], infrastructure: { parametersRef: EP_REF } }), {
    annotations: { 'aigateway.envoyproxy.io/gateway-config': 'ai-gateway-tracing' },
  }),
  gatewayConfig({ extProc: { kubernetes: { env: [] } } }),
  envoyProxy({
    provider: { type: 'Kubernetes', kubernetes: { envoyDeployment: { replicas: 1, pod: { volumes: [] } }, envoyService: { type: 'LoadBalancer' } } },
    logging: { level: { default: 'info' } },
    shutdown: { drainTimeout: '30s', minDrainDuration: '5s' },
  }),
  ctp({ targetRefs: [GATEWAY_TARGET], connection: { bufferLimit: '50Mi' } }),
];

function byObject(docs: Record<string, unknown>[]): Record<string, string[]> {
  const report = validateDocuments(sharedCrds(), docs);
  expect(report.rules.unevaluable).toBe(0);
  const out: Record<string, string[]> = {};
  docs.forEach((d, i) => {
    const errs = errorsOf({ ...report, issues: report.issues.filter((x) => x.docIndex === i) });
    if (errs.length > 0) out[`${String(d['kind'])}/${String((d['metadata'] as { name: string }).name)}`] = errs;
  });
  return out;
}

describe('seed examples (crd-fidelity.md §6)', () => {
  it('seed-defaults-literal: EnvoyProxy REJECTED (4), ClientTrafficPolicy REJECTED (3), the rest accepted', () => {
    expect(byObject(defaultsLiteral)).toEqual({
      'EnvoyProxy/ai-gateway': [
        'spec.provider.kubernetes.envoyDeployment.volumes: unknown field "spec.provider.kubernetes.envoyDeployment.volumes"',
        'spec.provider.kubernetes.envoyService.externalTrafficPolicy: Unsupported value: "": supported values: "Local", "Cluster"',
        'spec.provider.kubernetes.envoyService.loadBalancerIP: Invalid value: "string": loadBalancerIP must be a valid IPv4 address',
        'spec.telemetry.tracing.provider: Required value',
      ],
      'ClientTrafficPolicy/client-buffer-limit': [
        'spec.connection.connectionTimeout: unknown field "spec.connection.connectionTimeout"',
        'spec.healthCheck.path: Required value',
        'spec.http: unknown field "spec.http"',
      ],
    });
  });

  it('seed-defaults-literal: the loadBalancerIP finding carries its CEL rule', () => {
    const report = validateDocuments(sharedCrds(), defaultsLiteral);
    const cel = report.issues.filter((i) => i.origin === 'cel');
    expect(cel.map((i) => i.rule)).toEqual([
      'self.matches(r"^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$")',
    ]);
  });

  it('seed-defaults-literal under kube-apiserver short-circuiting: strict decoding errors only', () => {
    const report = validateDocuments(sharedCrds(), defaultsLiteral, { mode: 'apiserver' });
    expect(errorsOf(report)).toEqual([
      'spec.connection.connectionTimeout: unknown field "spec.connection.connectionTimeout"',
      'spec.http: unknown field "spec.http"',
      'spec.provider.kubernetes.envoyDeployment.volumes: unknown field "spec.provider.kubernetes.envoyDeployment.volumes"',
    ]);
  });

  it('seed-defaults-literal under Helm 3 (fieldValidation Warn): unknown fields become warnings, schema errors block CEL', () => {
    const report = validateDocuments(sharedCrds(), defaultsLiteral, { mode: 'apiserver', fieldValidation: 'Warn' });
    expect(errorsOf(report)).toEqual([
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      'spec.healthCheck.path: Required value',
      'spec.provider.kubernetes.envoyService.externalTrafficPolicy: Unsupported value: "": supported values: "Local", "Cluster"',
      'spec.telemetry.tracing.provider: Required value',
    ]);
    expect(warningsOf(report)).toEqual([
      'spec.connection.connectionTimeout: unknown field "spec.connection.connectionTimeout"',
      'spec.http: unknown field "spec.http"',
      'spec.provider.kubernetes.envoyDeployment.volumes: unknown field "spec.provider.kubernetes.envoyDeployment.volumes"',
    ]);
  });

  it('seed-basic: all 5 objects accepted', () => {
    expect(byObject(basic)).toEqual({});
  });

  it('seed-production: ClientTrafficPolicy REJECTED (2), the rest accepted', () => {
    expect(byObject(production)).toEqual({
      'ClientTrafficPolicy/client-buffer-limit': [
        'spec.connection.connectionTimeout: unknown field "spec.connection.connectionTimeout"',
        'spec.timeout.http.requestTimeout: unknown field "spec.timeout.http.requestTimeout"',
      ],
    });
  });

  it('seed-minimal: all 4 objects accepted', () => {
    expect(byObject(minimal)).toEqual({});
  });

  it('fixed-production and fixed-defaults: all objects accepted, no warnings', () => {
    expect(byObject(fixedProduction)).toEqual({});
    expect(byObject(fixedDefaults)).toEqual({});
    expect(warningsOf(validateDocuments(sharedCrds(), [...fixedProduction, ...fixedDefaults]))).toEqual([]);
  });

  it('the seed documents use the CRD storage versions', () => {
    expect(new Set(defaultsLiteral.map((d) => d['apiVersion']))).toEqual(new Set(Object.values(API)));
  });
});
