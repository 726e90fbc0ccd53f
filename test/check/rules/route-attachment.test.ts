// Finding 1: each route's parentRef resolves to the core Gateway, its sectionName to a listener,
// and the listener admits the route's namespace, kind and protocol.
import { describe, expect, it } from 'vitest';
import { routeAttachment } from '../../../src/check/rules/route-attachment.js';
import { coreSide, modelObjects, modelsSide, system } from '../system-fixtures.js';

const MODELS = 'gateway:\n  name: ai-gateway\n  namespace: ""\n  sectionName: ""\nmodels:\n  gpt-4-1:\n    modality: text\n';

describe('route attachment', () => {
  it('a Gateway name the core release does not render: error at the models gateway.name, did-you-mean the core one', () => {
    const models = modelsSide('gateway:\n  name: ai-gatway\n', modelObjects({ name: 'gpt-4-1', gateway: { name: 'ai-gatway' } }));
    const [f, ...rest] = routeAttachment(system(coreSide(), models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', code: 'check/gateway-not-found', path: 'gateway.name', location: { kind: 'file', file: 'models.yaml', line: 2, col: 9 } });
    expect(f!.message).toContain('Gateway ai-gateway/ai-gatway, which the core release does not render (it renders Gateway ai-gateway/ai-gateway)');
    expect(f!.suggestion).toBe('did you mean "ai-gateway"? set gateway.name: ai-gateway in the models values');
    // the core Gateway's name is the chart's default: a place in the chart's own values.yaml is not worth a "see:"
    expect(f!.related).toBeUndefined();
    // fixed twin
    expect(routeAttachment(system(coreSide(), modelsSide(MODELS, modelObjects({ name: 'gpt-4-1' }))))).toEqual([]);
  });

  it('the right name in another namespace: error at gateway.namespace naming the core namespace', () => {
    const models = modelsSide('gateway:\n  namespace: models\n', modelObjects({ name: 'gpt-4-1', gateway: { namespace: 'models' } }, 'models'), 'models');
    const [f] = routeAttachment(system(coreSide(), models));
    expect(f).toMatchObject({ severity: 'error', code: 'check/gateway-not-found', path: 'gateway.namespace', location: { line: 2, col: 14 } });
    expect(f!.suggestion).toContain('set gateway.namespace: ai-gateway');
  });

  it('the core release renders no Gateway at all', () => {
    const [f] = routeAttachment(system(coreSide('gateway:\n  enabled: false\n'), modelsSide(MODELS, modelObjects({ name: 'gpt-4-1' }))));
    expect(f).toMatchObject({ code: 'check/gateway-not-found', severity: 'error' });
    expect(f!.message).toContain('it renders no Gateway');
    expect(f!.related?.[0]?.location).toMatchObject({ file: 'core.yaml', line: 2 });
  });

  it('a sectionName that names no listener: error with the listener it probably means', () => {
    const models = modelsSide('gateway:\n  sectionName: htps\n', modelObjects({ name: 'gpt-4-1', gateway: { sectionName: 'htps' } }));
    const core = coreSide('gateway:\n  listeners:\n    - {name: http, protocol: HTTP, port: 80}\n    - {name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: tls}]}}\n');
    const [f] = routeAttachment(system(core, models));
    expect(f).toMatchObject({ severity: 'error', code: 'check/section-not-found', path: 'gateway.sectionName', location: { line: 2, col: 16 } });
    expect(f!.suggestion).toBe('did you mean "https"? set gateway.sectionName: https');
    const fixed = modelsSide('gateway:\n  sectionName: https\n', modelObjects({ name: 'gpt-4-1', gateway: { sectionName: 'https' } }));
    expect(routeAttachment(system(core, fixed))).toEqual([]);
  });

  it('routes in another namespace than a Same listener: error at the core listener, naming both namespaces', () => {
    const models = modelsSide('gateway:\n  namespace: ai-gateway\n', modelObjects({ name: 'gpt-4-1', gateway: { namespace: 'ai-gateway' } }, 'models'), 'models');
    const [f] = routeAttachment(system(coreSide(), models));
    expect(f).toMatchObject({ severity: 'error', code: 'check/listener-rejects-route', path: 'gateway.listeners[0]' });
    expect(f!.message).toContain('allowedRoutes.namespaces.from: Same, the default');
    expect(f!.message).toContain('the route is in models, the Gateway in ai-gateway');
    expect(f!.suggestion).toContain('allowedRoutes: {namespaces: {from: All}}');
    const fixedCore = coreSide('gateway:\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n      allowedRoutes:\n        namespaces:\n          from: All\n');
    expect(routeAttachment(system(fixedCore, models))).toEqual([]);
  });

  it('a Selector cannot be verified offline: a warning, not an error', () => {
    const core = coreSide('gateway:\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n      allowedRoutes:\n        namespaces:\n          from: Selector\n          selector: {matchLabels: {ai: "true"}}\n');
    const models = modelsSide('gateway:\n  namespace: ai-gateway\n', modelObjects({ name: 'gpt-4-1', gateway: { namespace: 'ai-gateway' } }, 'models'), 'models');
    const [f] = routeAttachment(system(core, models));
    expect(f).toMatchObject({ severity: 'warning', code: 'check/listener-selector', location: { file: 'core.yaml', line: 8 } });
    expect(f!.suggestion).toContain('kubectl get ns models --show-labels');
  });

  it('a listener whose kinds leave out HTTPRoute, or whose protocol carries no HTTP', () => {
    const kinds = coreSide('gateway:\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n      allowedRoutes:\n        kinds: [{kind: GRPCRoute}]\n');
    const [k] = routeAttachment(system(kinds, modelsSide(MODELS, modelObjects({ name: 'gpt-4-1' }))));
    expect(k).toMatchObject({ severity: 'error', code: 'check/listener-rejects-route' });
    expect(k!.message).toContain('allowedRoutes.kinds (GRPCRoute) leave out HTTPRoute');
    const tcp = coreSide('gateway:\n  listeners:\n    - {name: http, protocol: HTTP, port: 80}\n    - {name: raw, protocol: TCP, port: 9000}\n');
    const pinned = modelsSide('gateway:\n  sectionName: raw\n', modelObjects({ name: 'gpt-4-1', gateway: { sectionName: 'raw' } }));
    const [p] = routeAttachment(system(tcp, pinned));
    expect(p).toMatchObject({ severity: 'error', code: 'check/listener-rejects-route', path: 'gateway.listeners[1].protocol' });
    expect(p!.suggestion).toBe('attach to an HTTP or HTTPS listener: gateway.sectionName: http');
    // attached to the whole Gateway, one listener that admits is enough
    expect(routeAttachment(system(tcp, modelsSide(MODELS, modelObjects({ name: 'gpt-4-1' }))))).toEqual([]);
  });

  it('many models behind one parentRef: one finding naming them all', () => {
    const objects = [...modelObjects({ name: 'a', gateway: { name: 'x' } }), ...modelObjects({ name: 'b', gateway: { name: 'x' } })];
    const found = routeAttachment(system(coreSide(), modelsSide('gateway:\n  name: x\n', objects)));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^AIGatewayRoutes a, b attach to/);
  });
});
