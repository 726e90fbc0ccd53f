/**
 * Finding 2: the core release's GatewayClass → Gateway → EnvoyProxy (and GatewayConfig) chain is
 * whole. A Gateway whose class, parametersRef or GatewayConfig annotation names something the
 * release does not render depends on the cluster having it; offline that cannot be seen, so these
 * are warnings that say exactly what must exist instead.
 */
import type { Finding } from '../../validate/findings.js';
import { describeObject, get, nameOf, namespaceOf, objectsOf, str, systemFinding, type System } from '../system.js';

const GATEWAY_CONFIG_ANNOTATION = 'aigateway.envoyproxy.io/gateway-config';
const EG_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';

export function gatewayChain(system: System): Finding[] {
  const { core } = system;
  const out: Finding[] = [];
  const classes = objectsOf(core, 'GatewayClass');
  const proxies = objectsOf(core, 'EnvoyProxy');
  const configs = objectsOf(core, 'GatewayConfig');
  for (const gateway of objectsOf(core, 'Gateway')) {
    const ns = namespaceOf(gateway, core);
    const who = describeObject(gateway, core);
    const className = str(get(gateway, 'spec', 'gatewayClassName')) ?? '';
    if (!classes.some((c) => nameOf(c) === className)) {
      const userClass = core.locator.userSet('gateway.className') && str(get(core.values, 'gateway', 'className'));
      out.push(
        systemFinding({
          severity: 'warning',
          code: 'check/gatewayclass-not-rendered',
          at: { side: core, path: userClass ? 'gateway.className' : 'gatewayClass.enabled' },
          object: { o: gateway, field: 'spec.gatewayClassName' },
          message: `${who} uses GatewayClass ${className}, which the core release does not render: unless the cluster has it, no controller programs the Gateway and nothing is served`,
          expected: `GatewayClass ${className} in the cluster, with controllerName: ${EG_CONTROLLER} (kubectl get gatewayclass ${className})`,
          suggestion: `make sure GatewayClass ${className} exists, or set gatewayClass.enabled: true in the core values so the release renders it`,
        }),
      );
    }
    const params = get(gateway, 'spec', 'infrastructure', 'parametersRef');
    const proxyName = str(get(params, 'name'));
    if (proxyName !== undefined && str(get(params, 'kind')) === 'EnvoyProxy' && !proxies.some((p) => nameOf(p) === proxyName && namespaceOf(p, core) === ns)) {
      out.push(
        systemFinding({
          severity: 'warning',
          code: 'check/envoyproxy-not-rendered',
          at: { side: core, path: 'envoyProxy.enabled' },
          object: { o: gateway, field: 'spec.infrastructure.parametersRef' },
          message: `${who} takes its infrastructure from EnvoyProxy ${ns}/${proxyName}, which the core release does not render: unless it exists in the cluster, Envoy Gateway does not accept the Gateway`,
          expected: `EnvoyProxy ${proxyName} in namespace ${ns} (kubectl get envoyproxy -n ${ns} ${proxyName})`,
          suggestion: `make sure EnvoyProxy ${proxyName} exists in ${ns}, or set envoyProxy.enabled: true in the core values, or gateway.infrastructure.enabled: false`,
          related: [{ side: core, path: 'gateway.infrastructure.enabled', message: 'the reference is made here' }],
        }),
      );
    }
    const configName = str(get(gateway, 'metadata', 'annotations', GATEWAY_CONFIG_ANNOTATION));
    if (configName !== undefined && !configs.some((c) => nameOf(c) === configName && namespaceOf(c, core) === ns)) {
      out.push(
        systemFinding({
          severity: 'warning',
          code: 'check/gatewayconfig-not-rendered',
          at: { side: core, path: 'gatewayConfig.enabled' },
          object: { o: gateway, field: `metadata.annotations[${GATEWAY_CONFIG_ANNOTATION}]` },
          message: `${who} points at GatewayConfig ${ns}/${configName}, which the core release does not render: if the cluster does not have it, AI Gateway logs "not found" and runs its external processor with defaults`,
          expected: `GatewayConfig ${configName} in namespace ${ns}`,
          suggestion: `make sure GatewayConfig ${configName} exists in ${ns}, or set gatewayConfig.enabled: true in the core values`,
        }),
      );
    }
  }
  return out;
}
