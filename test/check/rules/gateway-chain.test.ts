// Finding 2: the core release's GatewayClass → Gateway → EnvoyProxy (and GatewayConfig) chain.
import { describe, expect, it } from 'vitest';
import { gatewayChain } from '../../../src/check/rules/gateway-chain.js';
import { coreSide, modelsSide, system } from '../system-fixtures.js';

const none = modelsSide('', []);

describe('gateway chain', () => {
  it('the chart defaults are whole', () => {
    expect(gatewayChain(system(coreSide(), none))).toEqual([]);
  });

  it('a class the release does not render: what must exist in the cluster instead', () => {
    const [f, ...rest] = gatewayChain(system(coreSide('gatewayClass:\n  enabled: false\n'), none));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', code: 'check/gatewayclass-not-rendered', path: 'gatewayClass.enabled', location: { file: 'core.yaml', line: 2 } });
    expect(f!.expected).toBe('GatewayClass ai-gateway in the cluster, with controllerName: gateway.envoyproxy.io/gatewayclass-controller (kubectl get gatewayclass ai-gateway)');
    expect(f!.rendered).toMatchObject({ kind: 'Gateway', name: 'ai-gateway', field: 'spec.gatewayClassName' });
  });

  it('a className of the user\'s own points at that setting', () => {
    const [f] = gatewayChain(system(coreSide('gateway:\n  className: eg\n'), none));
    expect(f).toMatchObject({ code: 'check/gatewayclass-not-rendered', path: 'gateway.className', location: { line: 2, col: 14 } });
  });

  it('a parametersRef to an EnvoyProxy the release does not render, and a GatewayConfig annotation to nothing', () => {
    const found = gatewayChain(system(coreSide('envoyProxy:\n  enabled: false\ngateway:\n  annotations:\n    aigateway.envoyproxy.io/gateway-config: elsewhere\n'), none));
    expect(found.map((f) => f.code)).toEqual(['check/envoyproxy-not-rendered']);
    expect(found[0]!.expected).toBe('EnvoyProxy ai-gateway in namespace ai-gateway (kubectl get envoyproxy -n ai-gateway ai-gateway)');
    const config = gatewayChain(system(coreSide('gatewayConfig:\n  enabled: false\ngateway:\n  annotations:\n    aigateway.envoyproxy.io/gateway-config: elsewhere\n'), none));
    expect(config.map((f) => f.code)).toEqual(['check/gatewayconfig-not-rendered']);
    expect(config[0]!.message).toContain('GatewayConfig ai-gateway/elsewhere');
  });
});
