// A small synthetic CRD builder, so structural and CEL behaviour can be tested on schemas that
// isolate one feature at a time.
import YAML from 'yaml';
import { loadCrds } from '../../src/crd/load.js';
import type { CrdSet } from '../../src/crd/types.js';

export const TEST_GROUP = 'test.example.com';

export interface TestCrdOptions {
  kind?: string;
  scope?: 'Namespaced' | 'Cluster';
  versions?: Record<string, unknown>[];
}

export function testCrdYaml(spec: Record<string, unknown>, options: TestCrdOptions = {}): string {
  const kind = options.kind ?? 'Widget';
  const plural = `${kind.toLowerCase()}s`;
  const versions = options.versions ?? [
    {
      name: 'v1',
      served: true,
      storage: true,
      subresources: { status: {} },
      schema: { openAPIV3Schema: { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec, status: { type: 'object', properties: { ready: { type: 'boolean' } } } } } },
    },
  ];
  return YAML.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${TEST_GROUP}` },
    spec: { group: TEST_GROUP, names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` }, scope: options.scope ?? 'Namespaced', versions },
  });
}

/** A CRD set with one kind `Widget` whose `spec` has the given schema. */
export function testCrds(spec: Record<string, unknown>, options: TestCrdOptions = {}): CrdSet {
  return loadCrds([{ name: 'test-crd.yaml', text: testCrdYaml(spec, options) }]);
}

export function widget(spec: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: `${TEST_GROUP}/v1`, kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec, ...extra };
}
