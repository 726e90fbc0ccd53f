/**
 * How the models release's routes reach the core release's Gateway, by Gateway API's rules
 * (../shared/docs/tls-and-upgrades.md §2.2): a parentRef names a Gateway (and maybe one listener);
 * a listener takes the route only if its `allowedRoutes` admit the route's namespace and kind, and
 * its protocol carries HTTP. AI Gateway turns each AIGatewayRoute into an HTTPRoute of the same
 * name, so HTTPRoute is the kind listeners must admit.
 */
import type { ValueMap } from '../values/types.js';
import { isMap } from '../values/types.js';
import { get, list, nameOf, namespaceOf, num, objectsOf, str, type System, type SystemSide } from './system.js';

export interface ParentRef {
  route: ValueMap;
  index: number;
  /** the Gateway's name and namespace, as the parentRef says them */
  name: string;
  namespace: string;
  /** where the route itself lives (what `allowedRoutes.namespaces` judges) */
  routeNamespace: string;
  sectionName?: string;
  port?: number;
  /** the core release's Gateway it names, when there is one */
  gateway?: ValueMap;
}

export interface Listener {
  listener: ValueMap;
  /** its index in spec.listeners, which is its index in the core values' gateway.listeners */
  index: number;
  name: string;
}

const resolved = new WeakMap<System, ParentRef[]>();

/** Every parentRef of every AIGatewayRoute the models release renders (worked out once per system). */
export function parentRefs(system: System): ParentRef[] {
  let refs = resolved.get(system);
  if (!refs) {
    refs = resolveParentRefs(system);
    resolved.set(system, refs);
  }
  return refs;
}

function resolveParentRefs(system: System): ParentRef[] {
  const gateways = objectsOf(system.core, 'Gateway');
  const out: ParentRef[] = [];
  for (const route of objectsOf(system.models, 'AIGatewayRoute')) {
    list(get(route, 'spec', 'parentRefs')).forEach((r, index) => {
      if (!isMap(r)) return;
      if ((str(r['kind']) ?? 'Gateway') !== 'Gateway' || (str(r['group']) ?? 'gateway.networking.k8s.io') !== 'gateway.networking.k8s.io') return;
      const name = str(r['name']) ?? '';
      const routeNamespace = namespaceOf(route, system.models);
      const namespace = str(r['namespace']) || routeNamespace;
      const ref: ParentRef = { route, index, name, namespace, routeNamespace };
      const section = str(r['sectionName']);
      if (section) ref.sectionName = section;
      const port = num(r['port']);
      if (port !== undefined) ref.port = port;
      const gateway = gateways.find((g) => nameOf(g) === name && namespaceOf(g, system.core) === namespace);
      if (gateway) ref.gateway = gateway;
      out.push(ref);
    });
  }
  return out;
}

export function listenersOf(gateway: ValueMap): Listener[] {
  return list(get(gateway, 'spec', 'listeners')).flatMap((l, index) => (isMap(l) ? [{ listener: l, index, name: str(l['name']) ?? '' }] : []));
}

/** The listeners a parentRef selects: the one it names, those on its port, or all. */
export function selectedListeners(ref: ParentRef): Listener[] {
  if (!ref.gateway) return [];
  return listenersOf(ref.gateway).filter(
    (l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || num(l.listener['port']) === ref.port),
  );
}

export const HTTP_PROTOCOLS = ['HTTP', 'HTTPS'];

export type Admission =
  | { admits: true }
  | { admits: false; why: 'protocol' | 'kind' | 'namespace'; reason: string }
  | { admits: 'unknown'; reason: string };

/** Whether a listener takes an HTTPRoute from `routeNamespace` (Gateway API's allowedRoutes). */
export function admission(l: Listener, gatewayNamespace: string, routeNamespace: string): Admission {
  const protocol = str(l.listener['protocol']) ?? '';
  if (!HTTP_PROTOCOLS.includes(protocol)) {
    return { admits: false, why: 'protocol', reason: `its protocol ${protocol || '(none)'} carries no HTTP routes (only HTTP and HTTPS listeners do)` };
  }
  const kinds = list(get(l.listener, 'allowedRoutes', 'kinds'));
  if (kinds.length > 0) {
    const ok = kinds.some((k) => isMap(k) && str(k['kind']) === 'HTTPRoute' && (str(k['group']) ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io');
    if (!ok) {
      const names = kinds.map((k) => (isMap(k) ? str(k['kind']) : undefined) ?? '?').join(', ');
      return { admits: false, why: 'kind', reason: `its allowedRoutes.kinds (${names}) leave out HTTPRoute, the kind AI Gateway generates from each AIGatewayRoute` };
    }
  }
  const from = str(get(l.listener, 'allowedRoutes', 'namespaces', 'from')) ?? 'Same';
  if (from === 'All') return { admits: true };
  if (from === 'Selector') {
    return { admits: 'unknown', reason: `it admits routes from the namespaces its allowedRoutes.namespaces.selector matches, and whether namespace ${routeNamespace} carries those labels can only be seen in the cluster` };
  }
  if (routeNamespace !== gatewayNamespace) {
    return { admits: false, why: 'namespace', reason: `it admits routes from its own namespace only (allowedRoutes.namespaces.from: ${from === 'Same' && get(l.listener, 'allowedRoutes') === undefined ? 'Same, the default' : from}), and the route is in ${routeNamespace}, the Gateway in ${gatewayNamespace}` };
  }
  return { admits: true };
}

/** The core release's policies of `kind` that apply to this Gateway (as a whole or one listener). */
export function policiesFor(side: SystemSide, kind: string, gateway: ValueMap, gatewaySide: SystemSide): ValueMap[] {
  const ns = namespaceOf(gateway, gatewaySide);
  return objectsOf(side, kind).filter((p) => {
    if (namespaceOf(p, side) !== ns) return false;
    return list(get(p, 'spec', 'targetRefs')).some((t) => isMap(t) && str(t['kind']) === 'Gateway' && str(t['name']) === nameOf(gateway));
  });
}

