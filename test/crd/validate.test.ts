// Document-level behaviour: which CRD a document maps to, built-in kinds, deprecated and
// unserved versions, ObjectMeta checks, YAML input, API-server short-circuiting.
import { describe, expect, it } from 'vitest';
import { validateDocuments, validateYaml, formatIssue } from '../../src/crd/validate.js';
import { errorsOf, gatewayClass, gatewayConfig, sharedCrds, warningsOf, envoyProxy } from './helpers.js';

const crds = sharedCrds();

describe('document routing', () => {
  it('reports documents whose kind has no CRD', () => {
    const report = validateDocuments(crds, [{ apiVersion: 'example.com/v1', kind: 'Foo', metadata: { name: 'x' } }]);
    expect(report.issues).toEqual([
      { severity: 'error', path: '', message: 'no CRD for group/version/kind example.com/v1/Foo', kind: 'Foo', name: 'x', docIndex: 0, origin: 'document' },
    ]);
  });
  it('reports versions the CRD does not serve', () => {
    const doc = { ...envoyProxy({}), apiVersion: 'gateway.envoyproxy.io/v1alpha2' };
    expect(errorsOf(validateDocuments(crds, [doc]))).toEqual([
      'no CRD for group/version/kind gateway.envoyproxy.io/v1alpha2/EnvoyProxy (CRD envoyproxies.gateway.envoyproxy.io serves v1alpha1)',
    ]);
  });
  it('skips built-in kinds with a warning', () => {
    const docs = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' } },
    ];
    const report = validateDocuments(crds, docs);
    expect(errorsOf(report)).toEqual([]);
    expect(warningsOf(report)).toEqual([
      'skipped: core/v1/ConfigMap is a built-in kind, not validated against CRDs',
      'skipped: apps/v1/Deployment is a built-in kind, not validated against CRDs',
      'skipped: networking.k8s.io/v1/Ingress is a built-in kind, not validated against CRDs',
      'skipped: rbac.authorization.k8s.io/v1/Role is a built-in kind, not validated against CRDs',
    ].sort());
  });
  it('warns about deprecated versions with the CRD deprecationWarning, and still validates them', () => {
    const doc = { ...gatewayConfig({ extProc: { kubernetes: { image: 'bad image' } } }), apiVersion: 'aigateway.envoyproxy.io/v1alpha1' };
    const report = validateDocuments(crds, [doc]);
    expect(warningsOf(report)).toEqual(['aigateway.envoyproxy.io/v1alpha1 is deprecated; use aigateway.envoyproxy.io/v1beta1 instead']);
    expect(errorsOf(report)).toEqual([`spec.extProc.kubernetes.image: Invalid value: "string": Image must include a tag and allowed characters only (e.g., 'repo:tag').`]);
  });
  it('validates older served versions (Gateway API v1beta1)', () => {
    const doc = { ...gatewayClass({ controllerName: 'no-slash' }), apiVersion: 'gateway.networking.k8s.io/v1beta1' };
    expect(errorsOf(validateDocuments(crds, [doc]))).toEqual([
      `spec.controllerName: Invalid value: "no-slash": spec.controllerName in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$'`,
    ]);
  });
  it('rejects documents without apiVersion/kind and non-objects; ignores empty documents', () => {
    const report = validateDocuments(crds, [{ metadata: { name: 'x' } }, 'text', null]);
    expect(report.issues.map(formatIssue)).toEqual(['apiVersion: Required value: object has no apiVersion', 'kind: Required value: object has no kind', 'document 1 is not an object']);
  });
});

describe('ObjectMeta', () => {
  const base = gatewayConfig({});
  it('requires a DNS-subdomain name', () => {
    const docs = [
      { ...base, metadata: { namespace: 'ai-gateway' } },
      { ...base, metadata: { name: 'AI_Gateway', namespace: 'ai-gateway' } },
    ];
    expect(errorsOf(validateDocuments(crds, docs))).toEqual([
      'metadata.name: Invalid value: "AI_Gateway": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      'metadata.name: Required value: name or generateName is required',
    ]);
  });
  it('checks labels, annotations and unknown metadata fields', () => {
    const doc = { ...base, metadata: { name: 'x', labels: { app: 'ai gateway', ok: 'yes' }, annotations: { 'bad key': 'v', good: 'v' }, lables: {} } };
    expect(errorsOf(validateDocuments(crds, [doc]))).toEqual([
      "metadata.annotations: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "metadata.labels: Invalid value: \"ai gateway\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      'metadata.lables: unknown field "metadata.lables"',
    ]);
  });
  it('requires string label/annotation values (unquoted YAML true is a boolean)', () => {
    const doc = { ...base, metadata: { name: 'x', annotations: { 'prometheus.io/scrape': true } } };
    expect(errorsOf(validateDocuments(crds, [doc]))).toEqual([
      'metadata.annotations.prometheus.io/scrape: Invalid value: "boolean": metadata.annotations.prometheus.io/scrape in body must be of type string: "boolean"',
    ]);
  });
  it('warns that a namespace on a cluster-scoped kind is ignored', () => {
    const doc = { ...gatewayClass({ controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' }), metadata: { name: 'ai-gateway', namespace: 'ai-gateway' } };
    const report = validateDocuments(crds, [doc]);
    expect(errorsOf(report)).toEqual([]);
    expect(warningsOf(report)).toEqual(['metadata.namespace: namespace "ai-gateway" is ignored: the resource is cluster-scoped']);
  });
});

describe('API-server mode', () => {
  it('skips CEL after blocking schema errors, with the server note (quoted null before 1.35, bare after)', () => {
    const doc = envoyProxy({ provider: { type: 'Kubernetes', kubernetes: { envoyService: { type: 'ClusterIP', loadBalancerIP: '1.2.3.4', externalTrafficPolicy: 'local' } } } });
    expect(errorsOf(validateDocuments(crds, [doc]))).toEqual([
      'spec.provider.kubernetes.envoyService.externalTrafficPolicy: Unsupported value: "local": supported values: "Local", "Cluster"',
      'spec.provider.kubernetes.envoyService: Invalid value: "object": loadBalancerIP can only be set for LoadBalancer type',
    ]);
    expect(errorsOf(validateDocuments(crds, [doc], { mode: 'apiserver' }))).toEqual([
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      'spec.provider.kubernetes.envoyService.externalTrafficPolicy: Unsupported value: "local": supported values: "Local", "Cluster"',
    ]);
    expect(errorsOf(validateDocuments(crds, [doc], { mode: 'apiserver', celValueStyle: 'value' }))[0]).toBe(
      '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    );
  });
  it('runs CEL when the schema errors are not blocking', () => {
    const doc = envoyProxy({ shutdown: { drainTimeout: '90' }, provider: { type: 'Kubernetes', kubernetes: { envoyService: { type: 'ClusterIP', loadBalancerIP: '1.2.3.4' } } } });
    expect(errorsOf(validateDocuments(crds, [doc], { mode: 'apiserver' }))).toEqual([
      'spec.provider.kubernetes.envoyService: Invalid value: "object": loadBalancerIP can only be set for LoadBalancer type',
      `spec.shutdown.drainTimeout: Invalid value: "90": spec.shutdown.drainTimeout in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'`,
    ]);
  });
});

describe('validateYaml', () => {
  it('validates multi-document YAML, reporting YAML errors per document', () => {
    const text = [
      '---',
      'apiVersion: gateway.envoyproxy.io/v1alpha1',
      'kind: ClientTrafficPolicy',
      'metadata: {name: p}',
      'spec:',
      '  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: g}]',
      '  tls: {minVersion: 1.2}',
      '---',
      '# empty',
      '---',
      'a: b',
      'a: c',
    ].join('\n');
    const report = validateYaml(crds, text);
    expect(report.issues.map((i) => [i.docIndex, formatIssue(i)])).toEqual([
      [2, 'invalid YAML: Map keys must be unique at line 12, column 1:\n\na: b\na: c\n^\n'],
      [0, 'spec.tls.minVersion: Invalid value: "number": spec.tls.minVersion in body must be of type string: "number"'],
      [0, 'spec.tls.minVersion: Unsupported value: 1.2: supported values: "Auto", "1.0", "1.1", "1.2", "1.3"'],
    ]);
  });
});

describe('report', () => {
  it('names the kind, object and document of each issue, and counts rules', () => {
    const report = validateDocuments(crds, [envoyProxy({ mergeGateways: true, mergeBackends: {} })]);
    expect(report.issues).toEqual([
      {
        severity: 'error',
        path: 'spec',
        message: 'Invalid value: "object": mergeGateways and mergeBackends cannot both be enabled',
        rule: '!(has(self.mergeGateways) && self.mergeGateways && has(self.mergeBackends))',
        ruleId: 'v1alpha1:.spec#1',
        kind: 'EnvoyProxy',
        name: 'ai-gateway',
        docIndex: 0,
        origin: 'cel',
        errorType: 'FieldValueInvalid',
      },
    ]);
    expect(report.rules).toEqual({ evaluated: 2, transitionSkipped: 0, unevaluable: 0 });
    expect([...report.coverage.keys()].sort()).toEqual([
      'clienttrafficpolicies.gateway.envoyproxy.io',
      'envoyproxies.gateway.envoyproxy.io',
      'gatewayclasses.gateway.networking.k8s.io',
      'gatewayconfigs.aigateway.envoyproxy.io',
      'gateways.gateway.networking.k8s.io',
    ]);
    expect([...report.coverage.get('envoyproxies.gateway.envoyproxy.io')!.evaluated].sort()).toEqual(['v1alpha1:.spec#0', 'v1alpha1:.spec#1']);
  });
});
