import { describe, expect, it } from 'vitest';
import { normalizeObject } from '../../src/diff/normalize.js';
import { loadCrds, readCrdSource } from '../../src/crd/index.js';

describe('normalizeObject', () => {
  const live = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      name: 'gw',
      namespace: 'ai',
      uid: 'u',
      resourceVersion: '1',
      generation: 3,
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{}],
      annotations: { 'meta.helm.sh/release-name': 'prod', 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' },
      labels: {},
    },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    status: { conditions: [] },
  };
  it('drops what the server and the tools add, keeps the rest', () => {
    expect(normalizeObject(live)).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'ai', annotations: { keep: 'me' } },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    });
    expect(live.status).toBeDefined(); // a copy: the input is untouched
  });
  it('applies the CRD defaults when the CRDs are known', () => {
    const crds = loadCrds(readCrdSource('/work/shared/crds'));
    const out = normalizeObject(live, crds) as { spec: { listeners: Record<string, unknown>[] } };
    expect(out.spec.listeners[0]!['allowedRoutes']).toEqual({ namespaces: { from: 'Same' } });
  });
});
