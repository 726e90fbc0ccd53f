/**
 * Finding 1: every route of the models release attaches to the Gateway of the core release. A
 * parentRef that names no rendered Gateway, a sectionName that names no listener, or listeners
 * that refuse the route's namespace, kind or protocol all leave the model unreachable (404), while
 * kube-apiserver accepts every object involved.
 */
import type { Finding } from '../../validate/findings.js';
import { nearest } from '../../validate/suggest.js';
import { admission, listenersOf, parentRefs, selectedListeners, type Admission, type Listener, type ParentRef } from '../attachment.js';
import { describeObject, nameList, nameOf, namespaceOf, objectsOf, quote, systemFinding, type System } from '../system.js';

export function routeAttachment(system: System): Finding[] {
  const { core, models } = system;
  const out: Finding[] = [];
  // Routes that share one parentRef (every model of the chart does) share one finding.
  const groups = new Map<string, ParentRef[]>();
  for (const ref of parentRefs(system)) {
    const key = JSON.stringify([ref.name, ref.namespace, ref.routeNamespace, ref.sectionName, ref.port]);
    const group = groups.get(key);
    if (group) group.push(ref);
    else groups.set(key, [ref]);
  }
  const gateways = objectsOf(core, 'Gateway');
  for (const refs of groups.values()) {
    const ref = refs[0]!;
    const routes = refs.map((r) => nameOf(r.route));
    const one = routes.length === 1;
    const subject = `${one ? 'AIGatewayRoute' : 'AIGatewayRoutes'} ${nameList(routes)}`;
    const attach = one ? 'attaches' : 'attach';
    const them = one ? 'it' : 'them';
    const target = `Gateway ${ref.namespace}/${ref.name}`;
    const object = { o: ref.route, field: `spec.parentRefs[${ref.index}]` };

    if (!ref.gateway) {
      const sameName = gateways.find((g) => nameOf(g) === ref.name);
      const rendered = gateways.map((g) => `${namespaceOf(g, core)}/${nameOf(g)}`);
      if (sameName) {
        const ns = namespaceOf(sameName, core);
        out.push(
          systemFinding({
            severity: 'error',
            code: 'check/gateway-not-found',
            at: { side: models, path: 'gateway.namespace' },
            object,
            message: `${subject} ${attach} to ${target}, but the core release renders Gateway ${ref.name} in namespace ${ns}, so no route attaches and every request gets 404`,
            expected: `the namespace of the core release's Gateway: ${ns}`,
            suggestion: `set gateway.namespace: ${ns} in the models values (the listeners must then admit routes from ${ref.routeNamespace}: allowedRoutes.namespaces.from: All or Selector)`,
            related: [{ side: core, path: 'gateway.name', message: `Gateway ${ref.name} is rendered in namespace ${ns} (the core release's -n)` }],
          }),
        );
        continue;
      }
      const guess = nearest(ref.name, gateways.map(nameOf));
      out.push(
        systemFinding({
          severity: 'error',
          code: 'check/gateway-not-found',
          at: { side: models, path: 'gateway.name' },
          object,
          message: `${subject} ${attach} to ${target}, which the core release does not render (${rendered.length ? `it renders ${rendered.map((g) => `Gateway ${g}`).join(', ')}` : 'it renders no Gateway'}), so no route attaches and every request gets 404`,
          expected: rendered.length ? `the name of the core release's Gateway: ${rendered.map((g) => g.split('/')[1]).join(' or ')}` : "a Gateway rendered by the core release (gateway.enabled: true)",
          suggestion: rendered.length
            ? `${guess ? `did you mean ${quote(guess)}? ` : ''}set gateway.name: ${guess ?? nameOf(gateways[0]!)} in the models values`
            : 'set gateway.enabled: true in the core values, or point the models values gateway.name and gateway.namespace at the Gateway the core release renders',
          related: [{ side: core, path: rendered.length ? 'gateway.name' : 'gateway.enabled', message: rendered.length ? 'the core Gateway is named here' : 'the core release renders no Gateway' }],
        }),
      );
      continue;
    }

    const all = listenersOf(ref.gateway);
    const selected = selectedListeners(ref);
    if (ref.sectionName !== undefined && selected.length === 0) {
      const names = all.map((l) => l.name);
      const guess = nearest(ref.sectionName, names);
      out.push(
        systemFinding({
          severity: 'error',
          code: 'check/section-not-found',
          at: { side: models, path: 'gateway.sectionName' },
          object,
          message: `${subject} ${attach} to listener ${quote(ref.sectionName)} of ${target}, which has no listener of that name (its listeners: ${names.join(', ') || 'none'}), so no route attaches and every request gets 404`,
          expected: `one of the Gateway's listeners: ${names.join(', ')}`,
          suggestion: guess ? `did you mean ${quote(guess)}? set gateway.sectionName: ${guess}` : `set gateway.sectionName to one of ${names.map(quote).join(', ')}, or to "" to attach to every listener`,
          related: [{ side: core, path: 'gateway.listeners', message: `the listeners of ${describeObject(ref.gateway, core)}` }],
        }),
      );
      continue;
    }

    const gatewayNs = namespaceOf(ref.gateway, core);
    const verdicts = selected.map((l) => ({ l, a: admission(l, gatewayNs, ref.routeNamespace) }));
    if (verdicts.some((v) => v.a.admits === true)) continue;
    const refused = verdicts.filter((v): v is { l: Listener; a: Extract<Admission, { admits: false }> } => v.a.admits === false);
    const unknown = verdicts.filter((v): v is { l: Listener; a: Extract<Admission, { admits: 'unknown' }> } => v.a.admits === 'unknown');
    if (unknown.length > 0) {
      const v = unknown[0]!;
      out.push(
        systemFinding({
          severity: 'warning',
          code: 'check/listener-selector',
          at: { side: core, path: `gateway.listeners[${v.l.index}].allowedRoutes.namespaces` },
          object,
          message: `${subject} ${attach} to ${target} only if namespace ${ref.routeNamespace} matches the selector of listener ${quote(v.l.name)}: ${v.a.reason}`,
          suggestion: `make sure namespace ${ref.routeNamespace} has the labels of the selector (kubectl get ns ${ref.routeNamespace} --show-labels), or use allowedRoutes.namespaces.from: All`,
        }),
      );
      continue;
    }
    const first = refused[0];
    if (!first) continue;
    const reasons = refused.map((v) => `listener ${quote(v.l.name)}: ${v.a.reason}`).join('; ');
    const why = first.a.why;
    const fix =
      why === 'namespace'
        ? `allow the models namespace on the listener: allowedRoutes: {namespaces: {from: All}} (or Selector) on gateway.listeners[${first.l.index}] in the core values, or install the models release in namespace ${gatewayNs}`
        : why === 'kind'
          ? `add {kind: HTTPRoute} to gateway.listeners[${first.l.index}].allowedRoutes.kinds in the core values, or remove allowedRoutes.kinds`
          : `attach to an HTTP or HTTPS listener: ${all.filter((l) => admission(l, gatewayNs, ref.routeNamespace).admits === true).map((l) => `gateway.sectionName: ${l.name}`)[0] ?? 'add one to gateway.listeners in the core values'}`;
    out.push(
      systemFinding({
        severity: 'error',
        code: 'check/listener-rejects-route',
        at: { side: core, path: why === 'protocol' ? `gateway.listeners[${first.l.index}].protocol` : `gateway.listeners[${first.l.index}]`, key: why !== 'protocol' },
        object,
        message: `${subject} cannot attach to ${target}: ${selected.length === 1 ? `its listener refuses ${them}` : `every listener refuses ${them}`} (${reasons}), so every request gets 404`,
        expected: why === 'namespace' ? `a listener that admits routes from namespace ${ref.routeNamespace}` : 'an HTTP or HTTPS listener that admits HTTPRoutes',
        suggestion: fix,
        related: ref.sectionName !== undefined ? [{ side: models, path: 'gateway.sectionName', message: 'the route is pinned to this listener here' }] : [],
      }),
    );
  }
  return out;
}
