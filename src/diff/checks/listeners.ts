/**
 * A listener removed, or moved to another port: its port stops serving, and the routes attached to
 * it (by `sectionName`, or by `port`) lose their parent (tls-and-upgrades.md §2.2, §4.3). The
 * routes are named when the inputs hold them (live objects, or the models chart).
 */
import type { Finding } from '../../validate/findings.js';
import type { KubeObject, Obj } from '../objects.js';
import { get, list, names, ns, pairsOfKind, upgradeWarning, type CheckContext } from './context.js';

interface Attached {
  route: string;
  sectionName?: string;
  port?: number;
}

/** Every route (any kind with spec.parentRefs) on either side that names this Gateway. */
function routesOf(ctx: CheckContext, gw: KubeObject): Attached[] {
  const seen = new Map<string, Attached[]>();
  for (const side of [ctx.old, ctx.new]) {
    for (const r of side.objects.values()) {
      if (!r.kind.endsWith('Route') || seen.has(r.key)) continue;
      const refs = list(r.object, ['spec', 'parentRefs']).filter(
        (p) => (p['kind'] ?? 'Gateway') === 'Gateway' && p['name'] === gw.name && ((p['namespace'] as string | undefined) ?? r.namespace) === gw.namespace,
      );
      seen.set(
        r.key,
        refs.map((p) => ({ route: `${r.kind}/${r.name}`, sectionName: p['sectionName'] as string | undefined, port: typeof p['port'] === 'number' ? p['port'] : undefined })),
      );
    }
  }
  return [...seen.values()].flat();
}

const routesText = (rs: string[]) => (rs.length ? `: ${names([...new Set(rs)])} detach` : ': routes attached to it detach');

export function checkListeners(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [a, b] of pairsOfKind(ctx, 'Gateway')) {
    const oldL = list(a.object, ['spec', 'listeners']);
    const newL = list(b.object, ['spec', 'listeners']);
    const byName = new Map<string, [Obj, number]>(newL.map((l, i) => [String(l['name']), [l, i]]));
    const routes = routesOf(ctx, b).concat(a.key === b.key ? [] : routesOf(ctx, a));
    for (const l of oldL) {
      const name = String(l['name']);
      const port = l['port'];
      const now = byName.get(name);
      if (!now) {
        // Another listener on the same port keeps routes that select by port.
        const portStays = newL.some((x) => x['port'] === port);
        const hit = routes.filter((r) => r.sectionName === name || (!portStays && r.sectionName === undefined && r.port === port)).map((r) => r.route);
        out.push(
          upgradeWarning(
            ctx,
            { old: a, new: b },
            ['spec', 'listeners'],
            'listener-removed',
            `listener ${name} (port ${String(port)}) of Gateway ${ns(b)} is removed${portStays ? '' : `: port ${String(port)} stops serving`}${routesText(hit)}`,
            `keep listener ${name}, or move its routes (parentRefs[].sectionName) to another listener first`,
          ),
        );
        continue;
      }
      const [nl, i] = now;
      if (nl['port'] !== port) {
        const hit = routes.filter((r) => r.port === port && (r.sectionName === undefined || r.sectionName === name)).map((r) => r.route);
        out.push(
          upgradeWarning(
            ctx,
            { old: a, new: b },
            ['spec', 'listeners', i, 'port'],
            'listener-port',
            `listener ${name} of Gateway ${ns(b)} moves from port ${String(port)} to ${String(nl['port'])}: clients of port ${String(port)} break${hit.length ? `, and ${names([...new Set(hit)])} (attached by port ${String(port)}) detach` : ''}`,
            `keep port ${String(port)}, or add a listener on the new port next to the old one and remove the old one once clients have moved`,
          ),
        );
      }
    }
  }
  return out;
}

