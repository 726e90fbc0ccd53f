// One passing and one failing values file for every CEL rule of the five CRDs that the chart's
// values can reach without the values schema stopping them first. The failing file's finding must
// name the rule and point at the values path and line that produced the rendered field.
//
// Not reachable through values (the chart renders no such field, or its schema already rejects
// the value with a better message): Gateway spec.infrastructure annotations and labels, the
// EnvoyProxy loadBalancerIP IPv4 rule (the schema's pattern), loadBalancerSourceRanges,
// allocateLoadBalancerNodePorts, envoyDaemonSet, envoyHpa, envoyPDB, container image fields,
// mergeGateways, and the ClientTrafficPolicy targetRef/targetRefs group and kind rules (the
// schema's enums). test/crd/vectors.ts covers those rules with documents.

export interface ValuesVector {
  rule: string;
  pass: string;
  fail: string;
  /** the CRD findings on the failing file: values path, line:col, message (in the API server's order) */
  findings: [path: string, where: string, message: string][];
  /** when a check of ours reports the same values path first, the CRD's verdict is attached to it */
  attachedTo?: string;
}

const listeners = (body: string) => `gateway:\n  listeners:\n${body}`;
const tracing = (body: string) => `envoyProxy:\n  telemetry:\n    tracing:\n      provider:\n${body}`;
const sink = (body: string) => `envoyProxy:\n  telemetry:\n    accessLog:\n      settings:\n        - sinks:\n            - ${body}`;
const extProc = (body: string) => `gatewayConfig:\n  spec:\n    extProc:\n      kubernetes:\n${body}`;

export const VALUES_VECTORS: ValuesVector[] = [
  {
    rule: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
    pass: listeners('    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        certificateRefs:\n          - name: cert\n'),
    fail: listeners('    - name: http\n      protocol: HTTP\n      port: 80\n      tls:\n        certificateRefs:\n          - name: cert\n'),
    findings: [['gateway.listeners', '3:5', `Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`]],
  },
  {
    rule: 'tls mode must be Terminate for protocol HTTPS',
    pass: listeners('    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        mode: Terminate\n        certificateRefs:\n          - name: cert\n'),
    fail: listeners('    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        mode: Passthrough\n'),
    findings: [['gateway.listeners', '3:5', 'Invalid value: "array": tls mode must be Terminate for protocol HTTPS']],
  },
  {
    rule: 'tls mode must be set for protocol TLS',
    pass: listeners('    - name: tls\n      protocol: TLS\n      port: 443\n      tls:\n        mode: Passthrough\n'),
    fail: listeners('    - name: tls\n      protocol: TLS\n      port: 443\n'),
    findings: [['gateway.listeners', '3:5', 'Invalid value: "array": tls mode must be set for protocol TLS']],
  },
  {
    rule: "hostname must not be specified for protocols ['TCP', 'UDP']",
    pass: listeners('    - name: tcp\n      protocol: TCP\n      port: 9000\n'),
    fail: listeners('    - name: tcp\n      protocol: TCP\n      port: 9000\n      hostname: example.com\n'),
    findings: [['gateway.listeners', '3:5', `Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`]],
  },
  {
    rule: 'Listener name must be unique within the Gateway',
    pass: listeners('    - name: http\n      protocol: HTTP\n      port: 80\n    - name: http-alt\n      protocol: HTTP\n      port: 8080\n'),
    fail: listeners('    - name: http\n      protocol: HTTP\n      port: 80\n    - name: http\n      protocol: HTTP\n      port: 8080\n'),
    findings: [
      ['gateway.listeners[1]', '6:7', 'Duplicate value: map[string]interface {}{"name":"http"}'],
      ['gateway.listeners', '3:5', 'Invalid value: "array": Listener name must be unique within the Gateway'],
    ],
  },
  {
    rule: 'Combination of port, protocol and hostname must be unique for each listener',
    pass: listeners('    - name: http\n      protocol: HTTP\n      port: 80\n    - name: other\n      protocol: HTTP\n      port: 80\n      hostname: a.example.com\n'),
    fail: listeners('    - name: http\n      protocol: HTTP\n      port: 80\n    - name: other\n      protocol: HTTP\n      port: 80\n'),
    findings: [['gateway.listeners', '3:5', 'Invalid value: "array": Combination of port, protocol and hostname must be unique for each listener']],
  },
  {
    rule: 'certificateRefs or options must be specified when mode is Terminate',
    pass: listeners('    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        mode: Terminate\n        options:\n          example.com/opt: x\n'),
    fail: listeners('    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        mode: Terminate\n        certificateRefs: []\n'),
    findings: [],
    attachedTo: 'semantic/listener-tls-no-certificate',
  },
  {
    rule: 'loadBalancerIP can only be set for LoadBalancer type',
    pass: 'envoyProxy:\n  provider:\n    kubernetes:\n      envoyService:\n        type: LoadBalancer\n        loadBalancerIP: 10.0.0.7\n',
    fail: 'envoyProxy:\n  provider:\n    kubernetes:\n      envoyService:\n        type: NodePort\n        loadBalancerIP: 10.0.0.7\n',
    findings: [['envoyProxy.provider.kubernetes.envoyService', '5:9', 'Invalid value: "object": loadBalancerIP can only be set for LoadBalancer type']],
  },
  {
    rule: 'host or backendRefs needs to be set',
    pass: tracing('        host: otel-collector.monitoring\n        port: 4317\n'),
    fail: tracing('        type: OpenTelemetry\n        backendRefs: []\n'),
    findings: [['envoyProxy.telemetry.tracing.provider', '5:9', 'Invalid value: "object": host or backendRefs needs to be set']],
  },
  {
    rule: 'BackendRefs must be used, backendRef is not supported.',
    pass: tracing('        backendRefs:\n          - name: otel\n            port: 4317\n'),
    fail: tracing('        host: otel\n        backendRef:\n          name: otel\n          port: 4317\n'),
    findings: [['envoyProxy.telemetry.tracing.provider', '5:9', 'Invalid value: "object": BackendRefs must be used, backendRef is not supported.']],
  },
  {
    rule: 'BackendRefs only support Service and Backend kind.',
    pass: tracing('        backendRefs:\n          - kind: Backend\n            group: gateway.envoyproxy.io\n            name: otel\n'),
    fail: tracing('        backendRefs:\n          - kind: ConfigMap\n            name: otel\n            port: 4317\n'),
    findings: [['envoyProxy.telemetry.tracing.provider', '5:9', 'Invalid value: "object": BackendRefs only support Service and Backend kind.']],
  },
  {
    rule: 'openTelemetry can only be used with type OpenTelemetry',
    pass: tracing('        type: OpenTelemetry\n        host: otel\n        openTelemetry: {}\n'),
    fail: tracing('        type: Zipkin\n        host: zipkin\n        openTelemetry: {}\n'),
    findings: [['envoyProxy.telemetry.tracing.provider', '5:9', 'Invalid value: "object": openTelemetry can only be used with type OpenTelemetry']],
  },
  {
    rule: 'If AccessLogSink type is File, file field needs to be set.',
    pass: sink('type: File\n              file:\n                path: /dev/stdout\n'),
    fail: sink('type: File\n'),
    findings: [['envoyProxy.telemetry.accessLog.settings[0].sinks[0]', '6:15', 'Invalid value: "object": If AccessLogSink type is File, file field needs to be set.']],
  },
  {
    rule: 'If AccessLogSink type is OpenTelemetry, openTelemetry field needs to be set.',
    pass: sink('type: OpenTelemetry\n              openTelemetry:\n                host: otel\n                port: 4317\n'),
    fail: sink('type: OpenTelemetry\n'),
    findings: [['envoyProxy.telemetry.accessLog.settings[0].sinks[0]', '6:15', 'Invalid value: "object": If AccessLogSink type is OpenTelemetry, openTelemetry field needs to be set.']],
  },
  {
    rule: 'If AccessLogSink type is ALS, als field needs to be set.',
    pass: sink('type: ALS\n              als:\n                type: HTTP\n                backendRefs:\n                  - name: als\n                    port: 9000\n'),
    fail: sink('type: ALS\n'),
    findings: [['envoyProxy.telemetry.accessLog.settings[0].sinks[0]', '6:15', 'Invalid value: "object": If AccessLogSink type is ALS, als field needs to be set.']],
  },
  {
    rule: 'If MetricSink type is OpenTelemetry, openTelemetry field needs to be set.',
    pass: 'envoyProxy:\n  telemetry:\n    metrics:\n      sinks:\n        - type: OpenTelemetry\n          openTelemetry:\n            host: otel\n            port: 4317\n',
    fail: 'envoyProxy:\n  telemetry:\n    metrics:\n      sinks:\n        - type: OpenTelemetry\n',
    findings: [['envoyProxy.telemetry.metrics.sinks[0]', '5:11', 'Invalid value: "object": If MetricSink type is OpenTelemetry, openTelemetry field needs to be set.']],
  },
  {
    rule: 'minVersion must be smaller or equal to maxVersion',
    pass: 'clientTrafficPolicy:\n  tls:\n    minVersion: "1.2"\n    maxVersion: "1.3"\n',
    fail: 'clientTrafficPolicy:\n  tls:\n    minVersion: "1.3"\n    maxVersion: "1.2"\n',
    findings: [['clientTrafficPolicy.tls', '3:5', 'Invalid value: "object": minVersion must be smaller or equal to maxVersion']],
  },
  {
    rule: 'setting ciphers has no effect if the minimum possible TLS version is 1.3',
    pass: 'clientTrafficPolicy:\n  tls:\n    minVersion: "1.2"\n    ciphers:\n      - ECDHE-RSA-AES128-GCM-SHA256\n',
    fail: 'clientTrafficPolicy:\n  tls:\n    minVersion: "1.3"\n    ciphers:\n      - ECDHE-RSA-AES128-GCM-SHA256\n',
    findings: [['clientTrafficPolicy.tls', '3:5', 'Invalid value: "object": setting ciphers has no effect if the minimum possible TLS version is 1.3']],
  },
  {
    rule: 'preserveXRequestID and requestID cannot both be set.',
    pass: 'clientTrafficPolicy:\n  headers:\n    requestID: Generate\n',
    fail: 'clientTrafficPolicy:\n  headers:\n    preserveXRequestID: true\n    requestID: Generate\n',
    findings: [['clientTrafficPolicy.headers', '3:5', 'Invalid value: "object": preserveXRequestID and requestID cannot both be set.']],
  },
  {
    rule: 'closeDelay can only be configured when value is set',
    pass: 'clientTrafficPolicy:\n  connection:\n    connectionLimit:\n      value: 100\n      closeDelay: 1s\n',
    fail: 'clientTrafficPolicy:\n  connection:\n    connectionLimit:\n      closeDelay: 1s\n',
    findings: [['clientTrafficPolicy.connection.connectionLimit', '4:7', 'Invalid value: "object": closeDelay can only be configured when value is set']],
  },
  {
    rule: 'timeout must be less than interval',
    pass: 'clientTrafficPolicy:\n  http2:\n    connectionKeepalive:\n      interval: 1m\n      timeout: 20s\n',
    fail: 'clientTrafficPolicy:\n  http2:\n    connectionKeepalive:\n      interval: 10s\n      timeout: 1m\n',
    findings: [['clientTrafficPolicy.http2.connectionKeepalive', '4:7', 'Invalid value: "object": timeout must be less than interval']],
  },
  {
    rule: 'GatewayConfig: Either image or imageRepository can be set.',
    pass: extProc('        imageRepository: docker.io/envoyproxy/ai-gateway-extproc\n'),
    fail: extProc('        image: envoyproxy/ai-gateway-extproc:v1.1.0\n        imageRepository: envoyproxy/ai-gateway-extproc\n'),
    findings: [['gatewayConfig.spec.extProc.kubernetes', '5:9', 'Invalid value: "object": Either image or imageRepository can be set.']],
  },
  {
    rule: "GatewayConfig: Image must include a tag and allowed characters only (e.g., 'repo:tag').",
    pass: extProc('        image: envoyproxy/ai-gateway-extproc:v1.1.0\n'),
    fail: extProc('        image: "envoyproxy/ai-gateway-extproc:v1.1.0 "\n'),
    findings: [['gatewayConfig.spec.extProc.kubernetes.image', '5:16', `Invalid value: "string": Image must include a tag and allowed characters only (e.g., 'repo:tag').`]],
  },
  {
    rule: 'GatewayConfig: ImageRepository must contain only allowed characters and must not include a tag.',
    pass: extProc('        imageRepository: ghcr.io/envoyproxy/ai-gateway-extproc\n'),
    fail: extProc('        imageRepository: ghcr.io/envoyproxy/ai-gateway-extproc:latest\n'),
    findings: [['gatewayConfig.spec.extProc.kubernetes.imageRepository', '5:26', 'Invalid value: "string": ImageRepository must contain only allowed characters and must not include a tag.']],
  },
];
