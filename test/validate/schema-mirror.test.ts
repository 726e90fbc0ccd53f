// The values schema mirrors what the CRDs enforce: where the chart owns a level it lists exactly
// the CRD's fields there (or a subset, plus the chart's own renamings), and its enums and
// patterns are the CRDs' own. If a CRD update changes one of these, this test says where.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCrds, readCrdSource, type Schema } from '../../src/crd/index.js';
import { ROOT } from '../support/helm.js';

const crds = loadCrds(readCrdSource(join(ROOT, '..', 'shared', 'crds')));
const values = JSON.parse(readFileSync(join(ROOT, 'schema', 'values.schema.json'), 'utf8'));

function crdAt(group: string, kind: string, version: string, path: string): Schema {
  let node = crds.find(group, kind)!.versions.find((v) => v.name === version)!.schema;
  for (const p of path.split('.')) node = (p === '[]' ? node.items : node.properties?.[p])!;
  return node;
}
function valuesAt(path: string): Record<string, any> {
  let node: Record<string, any> = values;
  for (const p of path.split('.')) {
    node = p === '[]' ? node['items'] : node['properties'][p];
    if (node['$ref']) node = values.definitions[node['$ref'].split('/').pop()];
  }
  return node;
}
const ctp = (p: string) => crdAt('gateway.envoyproxy.io', 'ClientTrafficPolicy', 'v1alpha1', p);
const ep = (p: string) => crdAt('gateway.envoyproxy.io', 'EnvoyProxy', 'v1alpha1', p);
const gw = (p: string) => crdAt('gateway.networking.k8s.io', 'Gateway', 'v1', p);
const keys = (o: Record<string, unknown> | undefined) => Object.keys(o ?? {}).sort();

describe('the values schema mirrors the CRDs', () => {
  it('is strict (additionalProperties: false) on every level the chart owns, and keeps `global`', () => {
    const strict = ['', 'gatewayClass', 'gateway', 'gateway.infrastructure', 'gatewayConfig', 'gatewayConfig.extProc', 'gatewayConfig.extProc.kubernetes', 'envoyProxy', 'envoyProxy.provider', 'envoyProxy.provider.kubernetes', 'envoyProxy.provider.kubernetes.envoyDeployment', 'envoyProxy.provider.kubernetes.envoyDeployment.pod', 'envoyProxy.provider.kubernetes.envoyDeployment.container', 'envoyProxy.provider.kubernetes.envoyService', 'envoyProxy.logging', 'envoyProxy.telemetry', 'envoyProxy.shutdown', 'clientTrafficPolicy', 'clientTrafficPolicy.connection', 'clientTrafficPolicy.timeout', 'clientTrafficPolicy.timeout.http', 'clientTrafficPolicy.timeout.tcp', 'gateway.listeners.[]', 'gateway.listeners.[].tls', 'clientTrafficPolicy.targetRefs.[]'];
    for (const p of strict) expect(p === '' ? values.additionalProperties : valuesAt(p)['additionalProperties'], p).toBe(false);
    expect(values.properties.global.type).toBe('object');
  });

  it('lists the CRD fields of the levels it owns', () => {
    expect(keys(valuesAt('clientTrafficPolicy.connection').properties)).toEqual([...keys(ctp('spec.connection').properties), 'connectionTimeout'].sort());
    expect(keys(valuesAt('clientTrafficPolicy.timeout').properties)).toEqual(keys(ctp('spec.timeout').properties));
    expect(keys(valuesAt('clientTrafficPolicy.timeout.http').properties)).toEqual(keys(ctp('spec.timeout.http').properties));
    expect(keys(valuesAt('clientTrafficPolicy.timeout.tcp').properties)).toEqual(keys(ctp('spec.timeout.tcp').properties));
    const subset = (chart: string[], crd: string[]) => expect(chart.filter((k) => !crd.includes(k))).toEqual([]);
    subset(keys(valuesAt('gateway.listeners.[]').properties), keys(gw('spec.listeners.[]').properties));
    subset(keys(valuesAt('gateway.listeners.[].tls').properties), keys(gw('spec.listeners.[].tls').properties));
    subset(keys(valuesAt('envoyProxy.provider.kubernetes.envoyService').properties), keys(ep('spec.provider.kubernetes.envoyService').properties));
    subset(keys(valuesAt('envoyProxy.provider.kubernetes.envoyDeployment.pod').properties), keys(ep('spec.provider.kubernetes.envoyDeployment.pod').properties));
    subset(keys(valuesAt('envoyProxy.provider.kubernetes.envoyDeployment.container').properties), keys(ep('spec.provider.kubernetes.envoyDeployment.container').properties));
    subset(keys(valuesAt('envoyProxy.telemetry').properties), keys(ep('spec.telemetry').properties));
    subset(keys(valuesAt('envoyProxy.shutdown').properties), keys(ep('spec.shutdown').properties));
  });

  it("uses the CRDs' enums", () => {
    expect(values.definitions.tlsVersion.enum).toEqual(ctp('spec.tls.minVersion').enum);
    expect(values.definitions.tlsVersion.enum).toEqual(ctp('spec.tls.maxVersion').enum);
    expect(valuesAt('envoyProxy.provider.kubernetes.envoyService.type').enum.sort()).toEqual([...ep('spec.provider.kubernetes.envoyService.type').enum!].sort());
    expect(valuesAt('envoyProxy.provider.kubernetes.envoyService.externalTrafficPolicy').enum.filter((v: string) => v !== '').sort()).toEqual([...ep('spec.provider.kubernetes.envoyService.externalTrafficPolicy').enum!].sort());
    expect(valuesAt('envoyProxy.provider.type').enum.sort()).toEqual([...ep('spec.provider.type').enum!].sort());
    expect(valuesAt('envoyProxy.logging.level').additionalProperties.enum.sort()).toEqual([...ep('spec.logging.level').additionalProperties!.enum!].sort());
    expect(valuesAt('gateway.listeners.[].tls.mode').enum.sort()).toEqual([...gw('spec.listeners.[].tls.mode').enum!].sort());
  });

  it("uses the CRDs' patterns and bounds", () => {
    const patterns = (s: Schema) => [s.pattern, ...(s.allOf ?? []).map((a) => a.pattern)].filter(Boolean);
    expect(patterns(ep('spec.shutdown.drainTimeout'))).toContain(values.definitions.duration.pattern);
    expect(patterns(ctp('spec.timeout.http.idleTimeout'))).toContain(values.definitions.duration.pattern);
    expect(patterns(ctp('spec.connection.bufferLimit'))).toContain(values.definitions.quantity.anyOf[1].pattern);
    expect(valuesAt('gateway.listeners.[].protocol').pattern).toBe(gw('spec.listeners.[].protocol').pattern);
    expect(valuesAt('gateway.listeners.[].hostname').pattern).toBe(gw('spec.listeners.[].hostname').pattern);
    expect(values.definitions.dnsName.pattern).toBe(gw('spec.listeners.[].name').pattern);
    expect([valuesAt('gateway.listeners.[].port').minimum, valuesAt('gateway.listeners.[].port').maximum]).toEqual([gw('spec.listeners.[].port').minimum, gw('spec.listeners.[].port').maximum]);
    expect(valuesAt('gateway.listeners').maxItems).toBe(gw('spec.listeners').maxItems);
  });
});

describe('the HTTPS values mirror the cert-manager CRDs and HTTPRoute', () => {
  const https = loadCrds([...readCrdSource(join(ROOT, '..', 'shared', 'crds-cert-manager')), ...readCrdSource(join(ROOT, '..', 'shared', 'crds-models', 'gateway.networking.k8s.io_httproutes.yaml'))]);
  const at = (group: string, kind: string, version: string, path: string): Schema => {
    let node = https.find(group, kind)!.versions.find((v) => v.name === version)!.schema;
    for (const p of path.split('.')) node = (p === '[]' ? node.items : node.properties?.[p])!;
    return node;
  };
  const cert = (p: string) => at('cert-manager.io', 'Certificate', 'v1', p);
  const route = (p: string) => at('gateway.networking.k8s.io', 'HTTPRoute', 'v1', p);
  const redirect = 'spec.rules.[].filters.[].requestRedirect';

  it('is strict on every level it owns', () => {
    for (const p of ['certManager', 'certManager.issuerRef', 'certManager.privateKey', 'certManager.issuer', 'httpsRedirect']) expect(valuesAt(p)['additionalProperties'], p).toBe(false);
  });

  it('takes the Certificate fields it passes through, with their enums', () => {
    expect(keys(valuesAt('certManager.privateKey').properties)).toEqual(keys(cert('spec.privateKey').properties));
    for (const k of ['algorithm', 'encoding', 'rotationPolicy']) expect(valuesAt(`certManager.privateKey.${k}`).enum.sort(), k).toEqual([...cert(`spec.privateKey.${k}`).enum!].sort());
    expect(keys(valuesAt('certManager.issuerRef').properties)).toEqual(keys(cert('spec.issuerRef').properties));
  });

  it("keeps the redirect within HTTPRoute's limits", () => {
    const codes = route(`${redirect}.statusCode`).enum as number[];
    expect(valuesAt('httpsRedirect.statusCode').enum.every((c: number) => codes.includes(c))).toBe(true);
    expect(valuesAt('httpsRedirect.hostnames').maxItems).toBe(route('spec.hostnames').maxItems);
    expect(route(`${redirect}.scheme`).enum).toContain('https');
  });
});
