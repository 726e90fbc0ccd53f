/**
 * An object removed and another of its kind added is a rename: the API server deletes one and
 * creates the other. For the Gateway and its class that means new Envoy proxies and a new Service,
 * so a new external address (tls-and-upgrades.md §4.1–4.3).
 */
import type { Finding } from '../../validate/findings.js';
import type { KubeObject } from '../objects.js';
import { get, names, ns, ofKind, upgradeWarning, type CheckContext } from './context.js';

function gatewaysUsing(ctx: CheckContext, proxy: KubeObject): string[] {
  const viaClass = new Set(
    ofKind(ctx.new, 'GatewayClass')
      .filter((c) => get(c.object, ['spec', 'parametersRef', 'kind']) === 'EnvoyProxy' && get(c.object, ['spec', 'parametersRef', 'name']) === proxy.name)
      .map((c) => c.name),
  );
  return ofKind(ctx.new, 'Gateway')
    .filter((g) => g.namespace === proxy.namespace || viaClass.size > 0)
    .filter((g) => {
      const ref = get(g.object, ['spec', 'infrastructure', 'parametersRef']);
      if (ref !== undefined) return get(ref, ['kind']) === 'EnvoyProxy' && get(ref, ['name']) === proxy.name;
      return viaClass.has(String(get(g.object, ['spec', 'gatewayClassName'])));
    })
    .map(ns);
}

function consequence(ctx: CheckContext, from: KubeObject, to: KubeObject): { message: string; suggestion: string } {
  const what = `${from.kind} ${ns(from)} is renamed to ${ns(to)}`;
  switch (from.kind) {
    case 'Gateway':
      return {
        message: `${what}: Envoy Gateway creates new Envoy proxies and a new Service for it and deletes the old ones, so clients lose the load-balancer address (the Service gets a new external address)`,
        suggestion: 'keep the old name; if the rename is intended, move DNS to the new address: both proxies run until the old Gateway is deleted at the end of the upgrade',
      };
    case 'GatewayClass': {
      const gws = ofKind(ctx.new, 'Gateway').filter((g) => get(g.object, ['spec', 'gatewayClassName']) === to.name).map(ns);
      return {
        message: `${what}: the Gateways of the class${gws.length ? ` (${names(gws)})` : ''} move to a class that does not exist until later in the upgrade; Envoy Gateway may delete and recreate their Envoy proxies and Service (a new external address)`,
        suggestion: 'keep the old class name, or plan for a new load-balancer address (move DNS after the upgrade)',
      };
    }
    case 'EnvoyProxy': {
      const gws = gatewaysUsing(ctx, to);
      return {
        message: `${what}: the Envoy proxies of every Gateway that points at it${gws.length ? ` (${names(gws)})` : ''} are rolled out again with the new EnvoyProxy`,
        suggestion: 'keep the old name unless the proxies may restart; long streaming responses are cut when the drain timeout ends',
      };
    }
    case 'GatewayConfig':
      return {
        message: `${what}: AI Gateway restarts the Envoy pods of the Gateways annotated with it, and helm writes the Gateway before the new GatewayConfig exists, so they run on defaults (tracing and external-processor settings gone) until it does`,
        suggestion: 'keep the old name; if the rename is intended, expect two rollouts of the Envoy pods',
      };
    default:
      return {
        message: `${what}: the old object is deleted and a new one created, not updated in place`,
        suggestion: 'keep the old name if anything refers to it',
      };
  }
}

export function checkRenames(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const kinds = new Set(ctx.removed.map((o) => `${o.group}/${o.kind}`));
  for (const gk of kinds) {
    const removed = ctx.removed.filter((o) => `${o.group}/${o.kind}` === gk);
    const added = ctx.added.filter((o) => `${o.group}/${o.kind}` === gk);
    removed.slice(0, added.length).forEach((from, i) => {
      const to = added[i]!;
      const c = consequence(ctx, from, to);
      out.push(upgradeWarning(ctx, { old: from, new: to }, ['metadata', from.namespace !== to.namespace && from.name === to.name ? 'namespace' : 'name'], 'rename', c.message, c.suggestion));
    });
  }
  return out;
}
