// (b) One passing and one failing document for every CEL rule the chart can reach
// (crd-fidelity.md §c), each with the exact findings expected from the API server.
import { ctp, envoyProxy, gateway, gatewayConfig, GATEWAY_TARGET } from './helpers.js';

export interface Vector {
  rule: string;
  pass: Record<string, unknown>;
  fail: Record<string, unknown>;
  errors: string[];
}

const http = { name: 'http', protocol: 'HTTP', port: 80 };
const gw = (listeners: unknown[], extra: Record<string, unknown> = {}) => gateway({ gatewayClassName: 'ai-gateway', listeners, ...extra });
const k8s = (kubernetes: Record<string, unknown>) => envoyProxy({ provider: { type: 'Kubernetes', kubernetes } });
const tracing = (provider: Record<string, unknown>) => envoyProxy({ telemetry: { tracing: { provider } } });
const sink = (s: Record<string, unknown>) => envoyProxy({ telemetry: { accessLog: { settings: [{ sinks: [s] }] } } });
const policy = (spec: Record<string, unknown>) => ctp({ targetRefs: [GATEWAY_TARGET], ...spec });
const extProc = (kubernetes: Record<string, unknown>) => gatewayConfig({ extProc: { kubernetes } });
const svc = 'spec.provider.kubernetes.envoyService';
const dep = 'spec.provider.kubernetes.envoyDeployment';

export const VECTORS: Vector[] = [
  // Gateway spec.listeners
  {
    rule: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
    pass: gw([http, { name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'cert' }] } }]),
    fail: gw([{ ...http, tls: { certificateRefs: [{ name: 'cert' }] } }]),
    errors: [`spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`],
  },
  {
    rule: 'tls mode must be Terminate for protocol HTTPS',
    pass: gw([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }]),
    fail: gw([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Passthrough' } }]),
    errors: ['spec.listeners: Invalid value: "array": tls mode must be Terminate for protocol HTTPS'],
  },
  {
    rule: 'tls mode must be set for protocol TLS',
    pass: gw([{ name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' } }]),
    fail: gw([{ name: 'tls', protocol: 'TLS', port: 443 }]),
    errors: ['spec.listeners: Invalid value: "array": tls mode must be set for protocol TLS'],
  },
  {
    rule: "hostname must not be specified for protocols ['TCP', 'UDP']",
    pass: gw([{ name: 'tcp', protocol: 'TCP', port: 9000 }]),
    fail: gw([{ name: 'tcp', protocol: 'TCP', port: 9000, hostname: 'example.com' }]),
    errors: [`spec.listeners: Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`],
  },
  {
    rule: 'Listener name must be unique within the Gateway',
    pass: gw([http, { name: 'http2', protocol: 'HTTP', port: 8080 }]),
    fail: gw([http, { name: 'http', protocol: 'HTTP', port: 8080 }]),
    errors: [
      'spec.listeners: Invalid value: "array": Listener name must be unique within the Gateway',
      'spec.listeners[1]: Duplicate value: map[string]interface {}{"name":"http"}',
    ],
  },
  {
    rule: 'Combination of port, protocol and hostname must be unique for each listener',
    pass: gw([http, { name: 'other', protocol: 'HTTP', port: 80, hostname: 'a.example.com' }]),
    fail: gw([http, { name: 'other', protocol: 'HTTP', port: 80 }]),
    errors: ['spec.listeners: Invalid value: "array": Combination of port, protocol and hostname must be unique for each listener'],
  },
  // Gateway spec.listeners[].tls
  {
    rule: 'certificateRefs or options must be specified when mode is Terminate',
    pass: gw([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', options: { 'example.com/opt': 'x' } } }]),
    fail: gw([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [] } }]),
    errors: [
      'spec.listeners[0].tls: Invalid value: "object": no such key: options evaluating rule: certificateRefs or options must be specified when mode is Terminate',
    ],
  },
  // Gateway spec.infrastructure
  {
    rule: 'Annotation keys must be in the form of an optional DNS subdomain prefix ...',
    pass: gw([http], { infrastructure: { annotations: { 'example.com/team': 'ai' } } }),
    fail: gw([http], { infrastructure: { annotations: { 'bad key!': 'ai' } } }),
    errors: [
      'spec.infrastructure.annotations: Invalid value: "object": Annotation keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.',
    ],
  },
  // EnvoyProxy envoyService
  {
    rule: 'loadBalancerIP must be a valid IPv4 address',
    pass: k8s({ envoyService: { type: 'LoadBalancer', loadBalancerIP: '10.0.0.7' } }),
    fail: k8s({ envoyService: { type: 'LoadBalancer', loadBalancerIP: '2001:db8::1' } }),
    errors: [`${svc}.loadBalancerIP: Invalid value: "string": loadBalancerIP must be a valid IPv4 address`],
  },
  {
    rule: 'loadBalancerIP can only be set for LoadBalancer type',
    pass: k8s({ envoyService: { loadBalancerIP: '10.0.0.7' } }),
    fail: k8s({ envoyService: { type: 'ClusterIP', loadBalancerIP: '10.0.0.7' } }),
    errors: [`${svc}: Invalid value: "object": loadBalancerIP can only be set for LoadBalancer type`],
  },
  {
    rule: 'loadBalancerSourceRanges can only be set for LoadBalancer type',
    pass: k8s({ envoyService: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] } }),
    fail: k8s({ envoyService: { type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] } }),
    errors: [`${svc}: Invalid value: "object": loadBalancerSourceRanges can only be set for LoadBalancer type`],
  },
  {
    rule: 'allocateLoadBalancerNodePorts can only be set for LoadBalancer type',
    pass: k8s({ envoyService: { allocateLoadBalancerNodePorts: false } }),
    fail: k8s({ envoyService: { type: 'ClusterIP', allocateLoadBalancerNodePorts: false } }),
    errors: [`${svc}: Invalid value: "object": allocateLoadBalancerNodePorts can only be set for LoadBalancer type`],
  },
  // EnvoyProxy provider.kubernetes
  {
    rule: 'only one of envoyDeployment or envoyDaemonSet can be specified',
    pass: k8s({ envoyDaemonSet: {} }),
    fail: k8s({ envoyDeployment: { replicas: 2 }, envoyDaemonSet: {} }),
    errors: ['spec.provider.kubernetes: Invalid value: "object": only one of envoyDeployment or envoyDaemonSet can be specified'],
  },
  {
    rule: 'cannot use envoyHpa if envoyDaemonSet is used',
    pass: k8s({ envoyHpa: { maxReplicas: 3 } }),
    fail: k8s({ envoyDaemonSet: {}, envoyHpa: { maxReplicas: 3 } }),
    errors: ['spec.provider.kubernetes: Invalid value: "object": cannot use envoyHpa if envoyDaemonSet is used'],
  },
  {
    rule: 'maxReplicas cannot be less than minReplicas',
    pass: k8s({ envoyHpa: { minReplicas: 2, maxReplicas: 3 } }),
    fail: k8s({ envoyHpa: { minReplicas: 4, maxReplicas: 3 } }),
    errors: ['spec.provider.kubernetes.envoyHpa: Invalid value: "object": maxReplicas cannot be less than minReplicas'],
  },
  {
    rule: 'minReplicas must be greater than 0',
    pass: k8s({ envoyHpa: { minReplicas: 1, maxReplicas: 3 } }),
    fail: k8s({ envoyHpa: { minReplicas: 0, maxReplicas: 3 } }),
    errors: ['spec.provider.kubernetes.envoyHpa.minReplicas: Invalid value: "integer": minReplicas must be greater than 0'],
  },
  {
    rule: 'only one of minAvailable or maxUnavailable can be specified',
    pass: k8s({ envoyPDB: { minAvailable: 1 } }),
    fail: k8s({ envoyPDB: { minAvailable: 1, maxUnavailable: 1 } }),
    errors: ['spec.provider.kubernetes.envoyPDB: Invalid value: "object": only one of minAvailable or maxUnavailable can be specified'],
  },
  // EnvoyProxy container image rules
  {
    rule: 'Either image or imageRepository can be set.',
    pass: k8s({ envoyDeployment: { container: { image: 'envoyproxy/envoy:v1.36.0' } } }),
    fail: k8s({ envoyDeployment: { container: { image: 'envoyproxy/envoy:v1.36.0', imageRepository: 'envoyproxy/envoy' } } }),
    errors: [`${dep}.container: Invalid value: "object": Either image or imageRepository can be set.`],
  },
  {
    rule: "Image must include a tag and allowed characters only (e.g., 'repo:tag').",
    pass: k8s({ envoyDeployment: { container: { image: 'registry.example.com:5000/envoyproxy/envoy:v1.36.0' } } }),
    fail: k8s({ envoyDeployment: { container: { image: 'envoy proxy' } } }),
    errors: [`${dep}.container.image: Invalid value: "string": Image must include a tag and allowed characters only (e.g., 'repo:tag').`],
  },
  {
    rule: 'ImageRepository must contain only allowed characters and must not include a tag.',
    pass: k8s({ envoyDeployment: { container: { imageRepository: 'docker.io/envoyproxy/envoy' } } }),
    fail: k8s({ envoyDeployment: { container: { imageRepository: 'envoyproxy/envoy:v1.36.0' } } }),
    errors: [`${dep}.container.imageRepository: Invalid value: "string": ImageRepository must contain only allowed characters and must not include a tag.`],
  },
  // EnvoyProxy tracing provider
  {
    rule: 'host or backendRefs needs to be set',
    pass: tracing({ host: 'otel-collector.monitoring', port: 4317 }),
    fail: tracing({ type: 'OpenTelemetry', backendRefs: [] }),
    errors: ['spec.telemetry.tracing.provider: Invalid value: "object": host or backendRefs needs to be set'],
  },
  {
    rule: 'BackendRefs must be used, backendRef is not supported.',
    pass: tracing({ backendRefs: [{ name: 'otel', port: 4317 }] }),
    fail: tracing({ host: 'otel', backendRef: { name: 'otel', port: 4317 } }),
    errors: ['spec.telemetry.tracing.provider: Invalid value: "object": BackendRefs must be used, backendRef is not supported.'],
  },
  {
    rule: 'BackendRefs only support Service and Backend kind.',
    pass: tracing({ backendRefs: [{ kind: 'Backend', group: 'gateway.envoyproxy.io', name: 'otel' }] }),
    fail: tracing({ backendRefs: [{ kind: 'ConfigMap', name: 'otel', port: 4317 }] }),
    errors: ['spec.telemetry.tracing.provider: Invalid value: "object": BackendRefs only support Service and Backend kind.'],
  },
  {
    rule: 'openTelemetry can only be used with type OpenTelemetry',
    pass: tracing({ type: 'OpenTelemetry', host: 'otel', openTelemetry: {} }),
    fail: tracing({ type: 'Zipkin', host: 'zipkin', openTelemetry: {} }),
    errors: ['spec.telemetry.tracing.provider: Invalid value: "object": openTelemetry can only be used with type OpenTelemetry'],
  },
  // EnvoyProxy accessLog sinks
  {
    rule: 'If AccessLogSink type is File, file field needs to be set.',
    pass: sink({ type: 'File', file: { path: '/dev/stdout' } }),
    fail: sink({ type: 'File' }),
    errors: ['spec.telemetry.accessLog.settings[0].sinks[0]: Invalid value: "object": If AccessLogSink type is File, file field needs to be set.'],
  },
  {
    rule: 'If AccessLogSink type is OpenTelemetry, openTelemetry field needs to be set.',
    pass: sink({ type: 'OpenTelemetry', openTelemetry: { host: 'otel', port: 4317 } }),
    fail: sink({ type: 'OpenTelemetry', file: { path: '/dev/stdout' } }),
    errors: [
      'spec.telemetry.accessLog.settings[0].sinks[0]: Invalid value: "object": If AccessLogSink type is File, file field needs to be set.',
      'spec.telemetry.accessLog.settings[0].sinks[0]: Invalid value: "object": If AccessLogSink type is OpenTelemetry, openTelemetry field needs to be set.',
    ],
  },
  {
    rule: 'If AccessLogSink type is ALS, als field needs to be set.',
    pass: sink({ type: 'ALS', als: { type: 'HTTP', backendRefs: [{ name: 'als', port: 9000 }] } }),
    fail: sink({ type: 'ALS' }),
    errors: ['spec.telemetry.accessLog.settings[0].sinks[0]: Invalid value: "object": If AccessLogSink type is ALS, als field needs to be set.'],
  },
  // EnvoyProxy metrics sinks
  {
    rule: 'If MetricSink type is OpenTelemetry, openTelemetry field needs to be set.',
    pass: envoyProxy({ telemetry: { metrics: { sinks: [{ type: 'OpenTelemetry', openTelemetry: { host: 'otel', port: 4317 } }] } } }),
    fail: envoyProxy({ telemetry: { metrics: { sinks: [{ type: 'OpenTelemetry' }] } } }),
    errors: ['spec.telemetry.metrics.sinks[0]: Invalid value: "object": If MetricSink type is OpenTelemetry, openTelemetry field needs to be set.'],
  },
  // EnvoyProxy spec
  {
    rule: 'mergeGateways and mergeBackends cannot both be enabled',
    pass: envoyProxy({ mergeGateways: true }),
    fail: envoyProxy({ mergeGateways: true, mergeBackends: {} }),
    errors: ['spec: Invalid value: "object": mergeGateways and mergeBackends cannot both be enabled'],
  },
  // ClientTrafficPolicy spec targets
  {
    rule: 'either targetRef or targetRefs must be used',
    pass: ctp({ targetRefs: [GATEWAY_TARGET] }),
    fail: ctp({ targetRef: GATEWAY_TARGET, targetRefs: [GATEWAY_TARGET] }),
    errors: ['spec: Invalid value: "object": either targetRef or targetRefs must be used'],
  },
  {
    rule: 'this policy can only have a targetRefs[*].group of gateway.networking.k8s.io',
    pass: ctp({ targetRefs: [GATEWAY_TARGET] }),
    fail: ctp({ targetRefs: [{ ...GATEWAY_TARGET, group: 'gateway.envoyproxy.io' }] }),
    errors: ['spec: Invalid value: "object": this policy can only have a targetRefs[*].group of gateway.networking.k8s.io'],
  },
  {
    rule: 'this policy can only have a targetRefs[*].kind of Gateway or ListenerSet',
    pass: ctp({ targetRefs: [{ ...GATEWAY_TARGET, kind: 'ListenerSet' }] }),
    fail: ctp({ targetRefs: [{ ...GATEWAY_TARGET, kind: 'HTTPRoute' }] }),
    errors: ['spec: Invalid value: "object": this policy can only have a targetRefs[*].kind of Gateway or ListenerSet'],
  },
  {
    rule: 'this policy can only have a targetRef.group of gateway.networking.k8s.io',
    pass: ctp({ targetRef: GATEWAY_TARGET }),
    fail: ctp({ targetRef: { ...GATEWAY_TARGET, group: 'apps' } }),
    errors: ['spec: Invalid value: "object": this policy can only have a targetRef.group of gateway.networking.k8s.io'],
  },
  {
    rule: 'this policy can only have a targetRef.kind of Gateway or ListenerSet',
    pass: ctp({ targetRef: { ...GATEWAY_TARGET, kind: 'ListenerSet' } }),
    fail: ctp({ targetRef: { ...GATEWAY_TARGET, kind: 'Service' } }),
    errors: ['spec: Invalid value: "object": this policy can only have a targetRef.kind of Gateway or ListenerSet'],
  },
  // ClientTrafficPolicy tls
  {
    rule: 'minVersion must be smaller or equal to maxVersion',
    pass: policy({ tls: { minVersion: '1.2', maxVersion: '1.3' } }),
    fail: policy({ tls: { minVersion: '1.3', maxVersion: '1.2' } }),
    errors: ['spec.tls: Invalid value: "object": minVersion must be smaller or equal to maxVersion'],
  },
  {
    rule: 'setting ciphers has no effect if the minimum possible TLS version is 1.3',
    pass: policy({ tls: { minVersion: '1.2', ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] } }),
    fail: policy({ tls: { minVersion: '1.3', ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] } }),
    errors: ['spec.tls: Invalid value: "object": setting ciphers has no effect if the minimum possible TLS version is 1.3'],
  },
  // ClientTrafficPolicy headers, connection, http2
  {
    rule: 'preserveXRequestID and requestID cannot both be set.',
    pass: policy({ headers: { requestID: 'Generate' } }),
    fail: policy({ headers: { preserveXRequestID: true, requestID: 'Generate' } }),
    errors: ['spec.headers: Invalid value: "object": preserveXRequestID and requestID cannot both be set.'],
  },
  {
    rule: 'closeDelay can only be configured when value is set',
    pass: policy({ connection: { connectionLimit: { value: 100, closeDelay: '1s' } } }),
    fail: policy({ connection: { connectionLimit: { closeDelay: '1s' } } }),
    errors: ['spec.connection.connectionLimit: Invalid value: "object": closeDelay can only be configured when value is set'],
  },
  {
    rule: 'timeout must be less than interval',
    pass: policy({ http2: { connectionKeepalive: { interval: '1m', timeout: '20s' } } }),
    fail: policy({ http2: { connectionKeepalive: { interval: '10s', timeout: '1m' } } }),
    errors: ['spec.http2.connectionKeepalive: Invalid value: "object": timeout must be less than interval'],
  },
  // GatewayConfig extProc
  {
    rule: 'GatewayConfig: Either image or imageRepository can be set.',
    pass: extProc({ imageRepository: 'docker.io/envoyproxy/ai-gateway-extproc' }),
    fail: extProc({ image: 'envoyproxy/ai-gateway-extproc:v1.1.0', imageRepository: 'envoyproxy/ai-gateway-extproc' }),
    errors: ['spec.extProc.kubernetes: Invalid value: "object": Either image or imageRepository can be set.'],
  },
  {
    rule: "GatewayConfig: Image must include a tag and allowed characters only (e.g., 'repo:tag').",
    pass: extProc({ image: 'envoyproxy/ai-gateway-extproc:v1.1.0' }),
    fail: extProc({ image: 'envoyproxy/ai-gateway-extproc:v1.1.0 ' }),
    errors: [`spec.extProc.kubernetes.image: Invalid value: "string": Image must include a tag and allowed characters only (e.g., 'repo:tag').`],
  },
  {
    rule: 'GatewayConfig: ImageRepository must contain only allowed characters and must not include a tag.',
    pass: extProc({ imageRepository: 'ghcr.io/envoyproxy/ai-gateway-extproc' }),
    fail: extProc({ imageRepository: 'ghcr.io/envoyproxy/ai-gateway-extproc:latest' }),
    errors: ['spec.extProc.kubernetes.imageRepository: Invalid value: "string": ImageRepository must contain only allowed characters and must not include a tag.'],
  },
];
