// The pieces under the findings: did-you-mean, the format repairs, the values-path parser, and the
// rendered-field → values-path table.
import { describe, expect, it } from 'vitest';
import { editDistance, fixDuration, fixQuantity, nearest, toDnsName } from '../../src/validate/suggest.js';
import { keyPosition, parseValuesPath, rawScalar } from '../../src/validate/locate.js';
import { renderedToValues, splitFieldPath } from '../../src/validate/manifest-map.js';
import { formatPath } from '../../src/values/source.js';
import { chartDefaults } from '../../src/render/render.js';
import { quantityBytes } from '../../src/charts/core/checks.js';

describe('did you mean', () => {
  it('measures transpositions as one edit', () => {
    expect(editDistance('envoyDeploymnet', 'envoyDeployment')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('prefers a case-insensitive match, then the unique nearest within a third of the length', () => {
    expect(nearest('loadbalancer', ['LoadBalancer', 'ClusterIP'])).toBe('LoadBalancer');
    expect(nearest('buffer_limit', ['bufferLimit', 'connectionLimit'])).toBe('bufferLimit');
    expect(nearest('protcol', ['name', 'port', 'protocol'])).toBe('protocol');
    expect(nearest('colour', ['enabled', 'name', 'labels'])).toBeUndefined();
    expect(nearest('ab', ['ac', 'ad'])).toBeUndefined(); // a tie suggests nothing
  });
});

describe('format repairs', () => {
  it.each([
    ['300', 'add a unit: "300s" (or ms, m, h)'],
    ['1 min', 'use Go units: "1m"'],
    ['30 s', 'remove the spaces: "30s"'],
    ['30S', 'use Go units: "30s"'],
    ['1.5s', 'only whole numbers are allowed: "1500ms"'],
    ['2.5m', 'only whole numbers are allowed: "150000ms" or "150s"'],
    ['10us', 'the smallest unit is ms'],
    ['soon', undefined],
  ])('duration %j', (input, fix) => expect(fixDuration(input)).toBe(fix));
  it.each([
    ['50MB', '"MB" is not a Kubernetes unit: use "50Mi" (mebibytes, powers of 1024) or "50M" (powers of 1000)'],
    ['1KB', '"KB" is not a Kubernetes unit: use "1Ki" (powers of 1024) or "1k" (powers of 1000)'],
    ['50mi', 'binary units are written Mi: "50Mi"'],
    ['50MiB', 'binary units are written Mi: "50Mi"'],
    ['1.5Gi', 'only whole numbers are allowed: "1536Mi"'],
    ['50 Mi', 'remove the spaces: "50Mi"'],
    ['050Mi', 'no leading zeros: "50Mi"'],
    ['lots', undefined],
  ])('quantity %j', (input, fix) => expect(fixQuantity(input)).toBe(fix));
  it('makes DNS names', () => {
    expect(toDnsName('AI_Gateway')).toBe('ai-gateway');
    expect(toDnsName('my..gateway.')).toBe('my.gateway');
    expect(toDnsName('-x-')).toBe('x');
    expect(toDnsName('ok')).toBeUndefined();
  });
  it('reads quantities in bytes', () => {
    expect([quantityBytes('64Ki'), quantityBytes('1M'), quantityBytes(32768), quantityBytes('x')]).toEqual([65536, 1e6, 32768, undefined]);
  });
});

describe('positions in values files', () => {
  it('parses values paths back into segments', () => {
    for (const segs of [['a', 'b', 0, 'c'], ['labels', 'app.kubernetes.io/name'], ['x', 'a"b', 3], []]) {
      expect(parseValuesPath(formatPath(segs))).toEqual(segs);
    }
  });
  it('finds the key of a path, the last duplicate winning', () => {
    const text = 'a:\n  b: 1\n  list:\n    - x: 1\n      y: 2\na:\n  c: 3\n';
    expect(keyPosition(text, 'a.list[0].y')).toEqual({ line: 5, col: 7 });
    expect(keyPosition(text, 'a.c')).toEqual({ line: 7, col: 3 });
    expect(keyPosition(text, 'a.missing')).toBeUndefined();
  });
  it('reads a scalar as typed, without its comment', () => {
    const text = 'tls:\n  minVersion: 1.0 # old\n  list: [1.10, "2"]\n';
    expect(rawScalar(text, { line: 2, col: 15 })).toBe('1.0');
    expect(rawScalar(text, { line: 3, col: 10 })).toBe('1.10');
    expect(rawScalar(text, { line: 3, col: 16 })).toBe('"2"');
  });
});

describe('rendered field → values path', () => {
  const values = chartDefaults().values;
  it.each([
    ['ClientTrafficPolicy', 'spec.connection.bufferLimit', 'clientTrafficPolicy.connection.bufferLimit'],
    ['ClientTrafficPolicy', 'spec.tls.ciphers[0]', 'clientTrafficPolicy.tls.ciphers[0]'],
    ['ClientTrafficPolicy', 'spec.timeout.http.idleTimeout', 'clientTrafficPolicy.timeout.http.idleTimeout'],
    ['ClientTrafficPolicy', 'spec.targetRefs[0].name', 'gateway.name'],
    ['Gateway', 'spec.gatewayClassName', 'gatewayClass.name'],
    ['Gateway', 'spec.listeners[0].port', 'gateway.listeners[0].port'],
    ['Gateway', 'spec.infrastructure.parametersRef.name', 'envoyProxy.name'],
    ['Gateway', 'metadata.annotations.aigateway.envoyproxy.io/gateway-config', 'gatewayConfig.name'],
    ['EnvoyProxy', 'spec.provider.kubernetes.envoyDeployment.pod.volumes[1].name', 'envoyProxy.provider.kubernetes.envoyDeployment.volumes[1].name'],
    ['EnvoyProxy', 'spec.telemetry.tracing.provider', 'envoyProxy.telemetry.tracing.provider'],
    ['GatewayConfig', 'apiVersion', 'gatewayConfig.apiVersion'],
    ['GatewayConfig', 'spec.extProc.kubernetes.env[0].value', 'gatewayConfig.extProc.kubernetes.env[0].value'],
    ['GatewayClass', 'spec.controllerName', 'gatewayClass.controllerName'],
    ['GatewayClass', 'metadata.name', 'gatewayClass.name'],
    ['GatewayClass', 'metadata.labels.helm.sh/chart', undefined],
    ['Gateway', 'metadata.namespace', undefined],
    ['Deployment', 'spec.replicas', undefined],
  ])('%s %s ← %s', (kind, field, expected) => {
    const doc = { metadata: { annotations: { 'aigateway.envoyproxy.io/gateway-config': 'x' }, labels: { 'helm.sh/chart': 'x' } } };
    expect(renderedToValues(kind, splitFieldPath(doc, field), values)).toBe(expected);
  });
  it('follows the chart where it renames: connectionTimeout, targetRefs, env from two lists', () => {
    const v = {
      ...values,
      clientTrafficPolicy: { connection: { connectionTimeout: '60s' }, targetRefs: [{ name: 'other' }] },
      gatewayConfig: { spec: { extProc: { kubernetes: { env: [{ name: 'A' }] } } } },
    } as never;
    expect(renderedToValues('ClientTrafficPolicy', ['spec', 'timeout', 'http', 'idleTimeout'], v)).toBe('clientTrafficPolicy.connection.connectionTimeout');
    expect(renderedToValues('ClientTrafficPolicy', ['spec', 'targetRefs', 0, 'name'], v)).toBe('clientTrafficPolicy.targetRefs[0].name');
    expect(renderedToValues('GatewayConfig', ['spec', 'extProc', 'kubernetes', 'env', 0, 'name'], v)).toBe('gatewayConfig.spec.extProc.kubernetes.env[0].name');
    expect(renderedToValues('GatewayConfig', ['spec', 'extProc', 'kubernetes', 'env', 1, 'name'], v)).toBe('gatewayConfig.extProc.kubernetes.env[0].name');
  });
  it('splits API server paths using the document: dotted keys stay whole', () => {
    const doc = { spec: { pod: { annotations: { 'prometheus.io/scrape': 'true' } }, list: [{ a: 1 }] } };
    expect(splitFieldPath(doc, 'spec.pod.annotations.prometheus.io/scrape')).toEqual(['spec', 'pod', 'annotations', 'prometheus.io/scrape']);
    expect(splitFieldPath(doc, 'spec.pod.annotations[prometheus.io/scrape]')).toEqual(['spec', 'pod', 'annotations', 'prometheus.io/scrape']);
    expect(splitFieldPath(doc, 'spec.list[0].a')).toEqual(['spec', 'list', 0, 'a']);
    expect(splitFieldPath(doc, 'spec.healthCheck.path')).toEqual(['spec', 'healthCheck', 'path']);
  });
});
