/**
 * Finding 6: two releases, one name. An object of one release with the kind, namespace and name of
 * an object of the other makes helm refuse the second install ("exists and cannot be imported into
 * the current release"); an object named like one AI Gateway generates from an AIGatewayRoute (its
 * HTTPRoute, and two HTTPRouteFilters) is taken over or refused by the controller, and the model's
 * route never attaches.
 */
import type { Finding } from '../../validate/findings.js';
import type { ValueMap } from '../../values/types.js';
import { kindOf, nameOf, namespaceOf, systemFinding, type SideId, type System, type SystemSide } from '../system.js';

interface Identity {
  kind: string;
  namespace: string;
  name: string;
  /** the object itself, or the AIGatewayRoute AI Gateway generates it from */
  from: ValueMap;
  generated: boolean;
}

/** The objects a release puts in the cluster: what it renders, and what AI Gateway makes of it. */
function identities(side: SystemSide): Identity[] {
  const out: Identity[] = [];
  for (const { object } of side.objects) {
    const namespace = namespaceOf(object, side);
    out.push({ kind: kindOf(object), namespace, name: nameOf(object), from: object, generated: false });
    if (kindOf(object) === 'AIGatewayRoute') {
      const name = nameOf(object);
      out.push({ kind: 'HTTPRoute', namespace, name, from: object, generated: true });
      out.push({ kind: 'HTTPRouteFilter', namespace, name: `ai-eg-host-rewrite-${name}`, from: object, generated: true });
      out.push({ kind: 'HTTPRouteFilter', namespace, name: `ai-eg-route-not-found-response-${name}`, from: object, generated: true });
    }
  }
  return out;
}

/** The values setting that names an object of each chart. */
const CORE_PATHS: Record<string, string> = {
  Gateway: 'gateway.name',
  GatewayClass: 'gatewayClass.name',
  EnvoyProxy: 'envoyProxy.name',
  ClientTrafficPolicy: 'clientTrafficPolicy.name',
  GatewayConfig: 'gatewayConfig.name',
  // the HTTPS redirect: `<gateway.name>-https-redirect`
  HTTPRoute: 'gateway.name',
};

function settingOf(side: SideId, o: ValueMap): { path: string; key: boolean } {
  if (side === 'core') return { path: Object.hasOwn(CORE_PATHS, kindOf(o)) ? CORE_PATHS[kindOf(o)]! : '', key: false };
  const group = kindOf(o) === 'AIGatewayRoute' || kindOf(o) === 'BackendTrafficPolicy' ? 'models' : 'backends';
  return { path: `${group}.${nameOf(o)}`, key: true };
}

export function nameClashes(system: System): Finding[] {
  const { core, models } = system;
  const out: Finding[] = [];
  const coreIds = identities(core);
  const seen = new Set<string>();
  for (const m of identities(models)) {
    const c = coreIds.find((x) => x.kind === m.kind && x.namespace === m.namespace && x.name === m.name);
    if (!c || (c.generated && m.generated)) continue;
    const id = `${m.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const generatedBy = m.generated ? m : c.generated ? c : undefined;
    const modelSetting = settingOf('models', m.from);
    const coreSetting = settingOf('core', c.from);
    const how = generatedBy
      ? `AI Gateway generates ${id} from AIGatewayRoute ${nameOf(generatedBy.from)} (${generatedBy === m ? 'models' : 'core'} release), and the ${generatedBy === m ? 'core' : 'models'} release renders an object of that kind and name too: the controller overwrites it or fails on it, so either it or the model's route breaks`
      : `both releases render ${id}: helm refuses to install the second one (the object exists and belongs to the other release)`;
    out.push(
      systemFinding({
        severity: 'error',
        code: 'check/name-clash',
        at: { side: models, path: modelSetting.path, key: modelSetting.key },
        object: { o: m.from, field: 'metadata.name' },
        message: how,
        expected: 'each object of the deployment with its own kind, namespace and name',
        suggestion: `rename one of them: the ${modelSetting.path.startsWith('models.') ? 'model' : 'backend'} key ${modelSetting.path} in the models values${coreSetting.path ? `, or ${coreSetting.path} in the core values` : ''}, or install the releases in different namespaces`,
        related: coreSetting.path ? [{ side: core, path: coreSetting.path, message: `the core release's ${c.kind} ${c.name}` }] : [],
      }),
    );
  }
  return out;
}

