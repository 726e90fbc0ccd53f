/**
 * Finding 4: the Gateway buffers whole request bodies up to the ClientTrafficPolicy's
 * `connection.bufferLimit` and answers 413 beyond it. Without a policy Envoy Gateway's default is
 * 32 KiB, which a long prompt or a few tool definitions exceed; images and audio sent inline
 * (base64) need megabytes. The models chart's `modality` says what a model's requests carry.
 */
import type { Finding } from '../../validate/findings.js';
import type { ValueMap } from '../../values/types.js';
import { BUFFER_LIMIT_MIN_BYTES, quantityBytes } from '../../charts/core/checks.js';
import { parentRefs, policiesFor } from '../attachment.js';
import { describeObject, get, nameList, nameOf, str, systemFinding, type System } from '../system.js';

/** Modalities whose requests carry media: a body limit below 1 MiB refuses them. */
export const HEAVY_MODALITIES = ['multimodal', 'image', 'audio'];
const EG_DEFAULT_BUFFER = '32Ki';

export function bodyLimit(system: System): Finding[] {
  const { core, models } = system;
  const out: Finding[] = [];
  const byGateway = new Map<ValueMap, Set<ValueMap>>();
  for (const ref of parentRefs(system)) {
    if (!ref.gateway) continue;
    const routes = byGateway.get(ref.gateway) ?? new Set<ValueMap>();
    routes.add(ref.route);
    byGateway.set(ref.gateway, routes);
  }
  for (const [gateway, routeSet] of byGateway) {
    const routes = [...routeSet];
    const policy = policiesFor(core, 'ClientTrafficPolicy', gateway, core)[0];
    const raw = get(policy, 'spec', 'connection', 'bufferLimit');
    const bytes = quantityBytes(raw);
    const heavy = routes.filter((r) => HEAVY_MODALITIES.includes(modality(system, nameOf(r))));
    const first = routes[0]!;
    if (!policy || raw === undefined) {
      const names = routes.map(nameOf);
      out.push(
        systemFinding({
          severity: 'warning',
          code: policy ? 'check/body-limit' : 'check/no-client-traffic-policy',
          at: { side: core, path: policy ? 'clientTrafficPolicy.connection.bufferLimit' : 'clientTrafficPolicy.enabled' },
          object: { o: policy ?? gateway, field: policy ? 'spec.connection.bufferLimit' : 'metadata.name' },
          message: `${policy ? `ClientTrafficPolicy ${nameOf(policy)} sets no bufferLimit` : `no ClientTrafficPolicy applies to ${describeObject(gateway, core)}`}, so Envoy Gateway's default of ${EG_DEFAULT_BUFFER} applies to the requests of ${names.length === 1 ? 'model' : 'models'} ${nameList(names)}: long prompts${heavy.length ? ', images and audio' : ' and tool definitions'} exceed it and get 413 Payload Too Large`,
          expected: `a ClientTrafficPolicy on the Gateway with connection.bufferLimit of at least 1Mi${heavy.length ? ' (more for media: 50Mi is the chart default)' : ''}`,
          suggestion: policy ? 'set clientTrafficPolicy.connection.bufferLimit: 50Mi in the core values' : 'set clientTrafficPolicy.enabled: true in the core values (its default bufferLimit is 50Mi)',
          related: [{ side: models, path: `models.${nameOf(first)}`, key: true, message: 'a model served through this Gateway' }],
        }),
      );
      continue;
    }
    if (bytes === undefined || bytes >= BUFFER_LIMIT_MIN_BYTES || heavy.length === 0) continue;
    const names = heavy.map(nameOf);
    const kinds = [...new Set(heavy.map((r) => modality(system, nameOf(r))))].join(', ');
    out.push(
      systemFinding({
        severity: 'warning',
        code: 'check/body-limit',
        at: { side: core, path: 'clientTrafficPolicy.connection.bufferLimit' },
        object: { o: policy, field: 'spec.connection.bufferLimit' },
        message: `bufferLimit ${String(raw)} is below 1Mi, and ${names.length === 1 ? 'model' : 'models'} ${nameList(names)} ${names.length === 1 ? 'takes' : 'take'} ${kinds} requests: an image or audio clip sent inline (base64) exceeds it, and the Gateway answers 413 Payload Too Large`,
        expected: 'a buffer limit of at least 1Mi for multimodal, image or audio models (50Mi is the chart default)',
        suggestion: 'set clientTrafficPolicy.connection.bufferLimit: 50Mi in the core values',
        related: heavy.slice(0, 3).map((r) => ({ side: models, path: `models.${nameOf(r)}.modality`, message: `modality: ${modality(system, nameOf(r))}` })),
      }),
    );
  }
  return out;
}

/** A model's `modality` (the models chart renders nothing for it): its own, else `text`. */
function modality(system: System, model: string): string {
  return str(get(system.models.values, 'models', model, 'modality')) ?? str(get(system.models.values, 'defaults', 'modality')) ?? 'text';
}
