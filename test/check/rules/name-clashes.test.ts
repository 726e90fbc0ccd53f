// Finding 6: an object of one release with the kind, namespace and name of one of the other
// (or of what AI Gateway generates from it).
import { describe, expect, it } from 'vitest';
import { nameClashes } from '../../../src/check/rules/name-clashes.js';
import { coreSide, modelObjects, modelsSide, system, withObjects } from '../system-fixtures.js';

const REDIRECT = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ai-gateway-https-redirect, namespace: ai-gateway}
spec:
  parentRefs: [{name: ai-gateway, sectionName: http}]
  rules: [{filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]}]
`;

describe('name clashes', () => {
  it("a model named like the core chart's redirect HTTPRoute: the generated HTTPRoute clashes", () => {
    const core = withObjects(coreSide(), REDIRECT);
    const models = modelsSide('models:\n  ai-gateway-https-redirect:\n    modality: text\n', modelObjects({ name: 'ai-gateway-https-redirect' }));
    const [f, ...rest] = nameClashes(system(core, models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', code: 'check/name-clash', path: 'models.ai-gateway-https-redirect', location: { file: 'models.yaml', line: 2, col: 3 } });
    expect(f!.message).toContain('AI Gateway generates HTTPRoute ai-gateway/ai-gateway-https-redirect from AIGatewayRoute ai-gateway-https-redirect (models release)');
    // fixed twin: another model key
    expect(nameClashes(system(core, modelsSide('', modelObjects({ name: 'gpt-4-1' }))))).toEqual([]);
  });

  it('the same object rendered by both releases: helm refuses the second install', () => {
    const models = modelsSide('', [{ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'ClientTrafficPolicy', metadata: { name: 'client-buffer-limit', namespace: 'ai-gateway' } }]);
    const [f] = nameClashes(system(coreSide(), models));
    expect(f!.message).toBe('both releases render ClientTrafficPolicy ai-gateway/client-buffer-limit: helm refuses to install the second one (the object exists and belongs to the other release)');
    // in another namespace they are two objects
    expect(nameClashes(system(coreSide('', 'other'), models))).toEqual([]);
  });
});
