/**
 * The GatewayConfig behind the Gateway annotation `aigateway.envoyproxy.io/gateway-config`: AI
 * Gateway hashes it into the Envoy Deployment, so a changed annotation or GatewayConfig rolls the
 * Envoy pods; an annotation naming a GatewayConfig that does not exist yet runs the Gateway on
 * defaults until it does (tls-and-upgrades.md §4.3). Helm writes the Gateway before the
 * GatewayConfig (custom kinds go alphabetically), so a new name always has that window.
 */
import type { Finding } from '../../validate/findings.js';
import { isPlainObject } from '../../crd/schema.js';
import { deepEqual } from '../../crd/correlation.js';
import { firstDifference, get, ns, ofKind, pairsOfKind, upgradeWarning, type CheckContext } from './context.js';

export const GATEWAY_CONFIG_ANNOTATION = 'aigateway.envoyproxy.io/gateway-config';
const SEGS = ['metadata', 'annotations', GATEWAY_CONFIG_ANNOTATION];

export function checkGatewayConfig(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [a, b] of pairsOfKind(ctx, 'Gateway')) {
    const before = get(a.object, SEGS);
    const after = get(b.object, SEGS);
    if (before === after || after === undefined) {
      if (before !== undefined && after === undefined) {
        out.push(
          upgradeWarning(ctx, { old: a, new: b }, ['metadata', 'annotations'], 'gateway-config', `Gateway ${ns(b)} no longer names GatewayConfig ${String(before)}: AI Gateway restarts its Envoy pods on defaults (tracing and external-processor settings gone)`, 'keep the annotation unless the settings are meant to go'),
        );
      }
      continue;
    }
    const existsBefore = ofKind(ctx.old, 'GatewayConfig').some((c) => c.name === after && c.namespace === b.namespace);
    const existsAfter = ofKind(ctx.new, 'GatewayConfig').some((c) => c.name === after && c.namespace === b.namespace);
    let message = `Gateway ${ns(b)} now names GatewayConfig ${String(after)}${before === undefined ? '' : ` instead of ${String(before)}`}: AI Gateway restarts its Envoy pods`;
    if (!existsBefore) {
      message += existsAfter
        ? `, and GatewayConfig ${String(after)} does not exist yet when helm writes the Gateway, so it runs on defaults (tracing and external-processor settings gone) until it does`
        : `, and no GatewayConfig ${String(after)} exists in namespace ${b.namespace || 'default'}: the Gateway runs on defaults (tracing and external-processor settings gone) until one does`;
    }
    out.push(upgradeWarning(ctx, { old: a, new: b }, SEGS, 'gateway-config', message, existsAfter || existsBefore ? 'expect a rollout of the Envoy pods' : `create GatewayConfig ${String(after)} in namespace ${b.namespace || 'default'} first, or enable gatewayConfig in the values`));
  }
  // The GatewayConfig's own content: a new hash, a rollout.
  for (const [a, b] of ctx.pairs.filter(([o]) => o.kind === 'GatewayConfig')) {
    if (!deepEqual(isPlainObject(a.object['spec']) ? a.object['spec'] : undefined, isPlainObject(b.object['spec']) ? b.object['spec'] : undefined)) {
      out.push(upgradeWarning(ctx, { old: a, new: b }, firstDifference(a.object['spec'], b.object['spec'], ['spec']), 'gateway-config', `GatewayConfig ${ns(b)} changes: AI Gateway restarts the Envoy pods of the Gateways annotated with it`, 'expect a rollout of the Envoy pods; long streaming responses are cut when the drain timeout ends'));
    }
  }
  return out;
}
