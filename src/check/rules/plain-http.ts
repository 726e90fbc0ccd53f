/**
 * Finding 7: AI traffic over plain HTTP. A route attached to the whole Gateway (no sectionName)
 * is served on every listener that admits it, so on a Gateway with an HTTPS listener it is served,
 * API keys in headers included, on the HTTP listener too. The core chart's HTTPS redirect does not
 * help: the generated HTTPRoute's header-matching rules outrank the redirect's header-less
 * catch-all, and its own `/` rule ties with it (../shared/docs/tls-and-upgrades.md §2.3-2.4).
 */
import type { Finding } from '../../validate/findings.js';
import type { ValueMap } from '../../values/types.js';
import { admission, listenersOf, parentRefs, selectedListeners, type Listener, type ParentRef } from '../attachment.js';
import { describeObject, get, list, nameList, nameOf, namespaceOf, objectsOf, quote, str, systemFinding, type System } from '../system.js';

export function plainHttp(system: System): Finding[] {
  const { core, models } = system;
  const out: Finding[] = [];
  const groups = new Map<string, ParentRef[]>();
  for (const ref of parentRefs(system)) {
    if (!ref.gateway) continue;
    const key = JSON.stringify([ref.name, ref.namespace, ref.routeNamespace, ref.sectionName, ref.port]);
    const group = groups.get(key);
    if (group) group.push(ref);
    else groups.set(key, [ref]);
  }
  for (const refs of groups.values()) {
    const ref = refs[0]!;
    const gateway = ref.gateway!;
    const gatewayNs = namespaceOf(gateway, core);
    const admitted = selectedListeners(ref).filter((l) => admission(l, gatewayNs, ref.routeNamespace).admits === true);
    const http = admitted.filter((l) => str(l.listener['protocol']) === 'HTTP');
    const https = listenersOf(gateway).filter((l) => str(l.listener['protocol']) === 'HTTPS' && admission(l, gatewayNs, ref.routeNamespace).admits === true);
    if (http.length === 0 || https.length === 0) continue;
    const pinned = ref.sectionName !== undefined;
    const redirects = redirectRoutes(system, gateway, http);
    // Pinned to the HTTP listener on purpose: only worth a word when a redirect is there to be skipped.
    if (pinned && redirects.length === 0) continue;
    const routes = refs.map((r) => nameOf(r.route));
    const plain = http[0]!;
    const secure = https[0]!;
    const port = get(plain.listener, 'port');
    const redirectNote = redirects.length ? `; ${redirectEffect(redirects, plain, ref.route)}` : '';
    out.push(
      systemFinding({
        severity: 'warning',
        code: 'check/plain-http',
        at: { side: models, path: 'gateway.sectionName' },
        object: { o: ref.route, field: `spec.parentRefs[${ref.index}]` },
        message: `${routes.length === 1 ? 'AIGatewayRoute' : 'AIGatewayRoutes'} ${nameList(routes)} ${pinned ? `${routes.length === 1 ? 'is' : 'are'} pinned to the plain HTTP listener ${quote(plain.name)}` : `${routes.length === 1 ? 'attaches' : 'attach'} to every listener of ${describeObject(gateway, core)}`}, so AI traffic, API keys and prompts included, is served unencrypted on listener ${quote(plain.name)} (port ${String(port)}) as well as on HTTPS listener ${quote(secure.name)}${redirectNote}`,
        expected: `routes pinned to the HTTPS listener (sectionName: ${secure.name})`,
        suggestion: `set gateway.sectionName: ${secure.name} in the models values`,
        related: [
          { side: core, path: `gateway.listeners[${plain.index}]`, key: true, message: `the plain HTTP listener ${quote(plain.name)}` },
          ...(redirects.length ? [{ side: core, path: 'httpsRedirect.enabled', message: 'the HTTPS redirect is enabled here' }] : []),
        ],
      }),
    );
  }
  return out;
}

/**
 * What the HTTPS redirect does for the AI routes. Envoy Gateway makes one virtual host per host
 * name and Envoy picks the most specific: a redirect with host names of its own, next to AI routes
 * without any on a listener without one, has those names to itself (requests for them are
 * redirected) while the AI routes serve every other Host. Sharing a virtual host, the AI routes'
 * header matches outrank the redirect's catch-all and their own "/" rule ties with it.
 */
function redirectEffect(redirects: ValueMap[], listener: Listener, route: ValueMap): string {
  const names = redirects.map(nameOf).join(', ');
  const hosts = [...new Set(redirects.flatMap((r) => list(get(r, 'spec', 'hostnames')).map((h) => str(h) ?? '')))].filter((h) => h !== '');
  const apart = hosts.length > 0 && !str(listener.listener['hostname']) && list(get(route, 'spec', 'hostnames')).length === 0;
  if (apart) {
    return `the HTTPS redirect (HTTPRoute ${names}) covers requests for ${nameList(hosts)} only: AI traffic sent to any other host name, or to the address itself, is served over plain HTTP`;
  }
  return `the HTTPS redirect (HTTPRoute ${names}) never applies to them, because their header-matching rules outrank its catch-all and their own "/" rule ties with it`;
}

/** The core release's HTTPRoutes that redirect (RequestRedirect) on one of these HTTP listeners. */
function redirectRoutes(system: System, gateway: ValueMap, http: Listener[]): ValueMap[] {
  const { core } = system;
  const ns = namespaceOf(gateway, core);
  return objectsOf(core, 'HTTPRoute').filter((route) => {
    const redirects = list(get(route, 'spec', 'rules')).some((r) => list(get(r, 'filters')).some((f) => str(get(f, 'type')) === 'RequestRedirect'));
    if (!redirects) return false;
    return list(get(route, 'spec', 'parentRefs')).some((p) => {
      if (str(get(p, 'name')) !== nameOf(gateway) || (str(get(p, 'namespace')) || namespaceOf(route, core)) !== ns) return false;
      const section = str(get(p, 'sectionName'));
      return section === undefined || http.some((l) => l.name === section);
    });
  });
}
