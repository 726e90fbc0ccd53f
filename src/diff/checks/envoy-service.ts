/**
 * The EnvoyProxy's Service: its type, load-balancer IP and external traffic policy decide the
 * address clients use and whether the client IP reaches Envoy. Envoy Gateway patches the Service
 * in place, so a change lands on the live address (tls-and-upgrades.md §4.3).
 */
import type { Finding } from '../../validate/findings.js';
import { get, ns, pairsOfKind, upgradeWarning, type CheckContext } from './context.js';

const SERVICE = ['spec', 'provider', 'kubernetes', 'envoyService'];
// The CRD's defaults, so an unset field compares as what the cluster runs.
const DEFAULT_TYPE = 'LoadBalancer';
const DEFAULT_POLICY = 'Local';

export function checkEnvoyService(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [a, b] of pairsOfKind(ctx, 'EnvoyProxy')) {
    const o = get(a.object, SERVICE);
    const n = get(b.object, SERVICE);
    const typeA = String(get(o, ['type']) ?? DEFAULT_TYPE);
    const typeB = String(get(n, ['type']) ?? DEFAULT_TYPE);
    const who = `the Envoy Service of EnvoyProxy ${ns(b)}`;
    if (typeA !== typeB) {
      const message =
        typeA === 'LoadBalancer'
          ? `${who} changes from LoadBalancer to ${typeB}: the cloud load balancer is released and its external address is lost`
          : typeB === 'LoadBalancer'
            ? `${who} changes from ${typeA} to LoadBalancer: a new external address is provisioned; clients of the ${typeA} address must move`
            : `${who} changes from ${typeA} to ${typeB}: clients of the ${typeA} address (or node ports) must move`;
      out.push(upgradeWarning(ctx, { old: a, new: b }, [...SERVICE, 'type'], 'service-type', message, `keep type ${typeA}, or move clients and DNS to the new address after the upgrade`));
    }
    const ipA = get(o, ['loadBalancerIP']);
    const ipB = get(n, ['loadBalancerIP']);
    if (ipA !== ipB && typeB === 'LoadBalancer') {
      const message =
        ipB === undefined
          ? `${who} no longer asks for load-balancer IP ${String(ipA)}: the provider may give it another address`
          : `${who} asks for load-balancer IP ${String(ipB)}${ipA === undefined ? ' instead of the address it has now' : ` instead of ${String(ipA)}`}: the external address changes`;
      out.push(upgradeWarning(ctx, { old: a, new: b }, ipB === undefined ? SERVICE : [...SERVICE, 'loadBalancerIP'], 'load-balancer-ip', message, 'reserve the new IP with your provider first, and move DNS with it'));
    }
    const polA = String(get(o, ['externalTrafficPolicy']) ?? DEFAULT_POLICY);
    const polB = String(get(n, ['externalTrafficPolicy']) ?? DEFAULT_POLICY);
    if (polA !== polB) {
      const message =
        polB === 'Cluster'
          ? `${who} changes externalTrafficPolicy from ${polA} to Cluster: Envoy no longer sees the client's IP (it sees a node's), so IP allow-lists, rate limits by client IP and access logs change`
          : `${who} changes externalTrafficPolicy from ${polA} to ${polB}: the client's IP is preserved, and only nodes running an Envoy pod receive traffic (the load balancer's health checks move)`;
      out.push(upgradeWarning(ctx, { old: a, new: b }, [...SERVICE, 'externalTrafficPolicy'], 'external-traffic-policy', message, `keep ${polA} unless the client-IP behaviour is meant to change`));
    }
  }
  return out;
}
