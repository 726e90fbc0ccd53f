/**
 * A model removed from the AIGatewayRoutes (the `x-ai-eg-model` header its rules match): its route,
 * the policies on it, and the backends no remaining model uses go away together. One line names
 * them, so a review sees what a deleted values entry takes down.
 */
import type { Finding } from '../../validate/findings.js';
import type { KubeObject } from '../objects.js';
import { isPlainObject } from '../../crd/schema.js';
import { appendPath } from '../../values/source.js';
import { get, list, names, ofKind, upgradeWarning, type CheckContext, type DiffSide } from './context.js';

const MODEL_HEADER = 'x-ai-eg-model';

interface ModelUse {
  route: KubeObject;
  rule: number;
  backends: Set<string>;
}

function modelsOf(side: DiffSide): Map<string, ModelUse[]> {
  const out = new Map<string, ModelUse[]>();
  for (const route of ofKind(side, 'AIGatewayRoute')) {
    list(route.object, ['spec', 'rules']).forEach((rule, i) => {
      const backends = new Set(list(rule, ['backendRefs']).map((r) => `${String(r['namespace'] ?? route.namespace)}/${String(r['name'])}`));
      for (const m of list(rule, ['matches'])) {
        for (const h of list(m, ['headers'])) {
          if (String(h['name']).toLowerCase() !== MODEL_HEADER || typeof h['value'] !== 'string') continue;
          const uses = out.get(h['value']) ?? [];
          uses.push({ route, rule: i, backends });
          out.set(h['value'], uses);
        }
      }
    });
  }
  return out;
}

/** Policies (any kind with targetRefs) that target one of the given objects. */
function policiesOn(side: DiffSide, targets: Set<string>): KubeObject[] {
  return [...side.objects.values()].filter((p) =>
    [...list(p.object, ['spec', 'targetRefs']), ...[get(p.object, ['spec', 'targetRef'])].filter(isPlainObject)].some((t) => targets.has(`${String(t['kind'])}/${p.namespace}/${String(t['name'])}`)),
  );
}

export function checkModels(ctx: CheckContext): Finding[] {
  const before = modelsOf(ctx.old);
  const after = modelsOf(ctx.new);
  const stillUsed = new Set([...after.values()].flat().flatMap((u) => [...u.backends]));
  const removedKeys = new Set(ctx.removed.map((o) => o.key));
  const out: Finding[] = [];
  for (const [model, uses] of before) {
    if (after.has(model)) continue;
    const gone: KubeObject[] = [];
    const targets = new Set<string>();
    for (const u of uses) {
      if (removedKeys.has(u.route.key)) gone.push(u.route);
      targets.add(`AIGatewayRoute/${u.route.namespace}/${u.route.name}`);
      targets.add(`HTTPRoute/${u.route.namespace}/${u.route.name}`);
      for (const b of u.backends) {
        if (stillUsed.has(b)) continue;
        const [bns, bname] = b.split('/') as [string, string];
        targets.add(`AIServiceBackend/${bns}/${bname}`);
        const svc = ofKind(ctx.old, 'AIServiceBackend').find((s) => s.namespace === bns && s.name === bname);
        if (svc) {
          gone.push(svc);
          const ref = get(svc.object, ['spec', 'backendRef']);
          if (isPlainObject(ref) && typeof ref['name'] === 'string') {
            targets.add(`Backend/${bns}/${ref['name']}`);
            const eg = ofKind(ctx.old, 'Backend').find((x) => x.namespace === bns && x.name === ref['name']);
            if (eg) gone.push(eg);
          }
        }
      }
    }
    for (const p of policiesOn(ctx.old, targets)) gone.push(p);
    const goneNow = [...new Map(gone.filter((o) => removedKeys.has(o.key)).map((o) => [o.key, o])).values()];
    const route = uses[0]!.route;
    const what = goneNow.length ? `: ${names(goneNow.map((o) => `${o.kind}/${o.name}`))} ${goneNow.length === 1 ? 'goes' : 'go'} away` : `: the rule for it is dropped from ${names([...new Set(uses.map((u) => `AIGatewayRoute/${u.route.name}`))])}`;
    out.push(
      upgradeWarning(
        ctx,
        { old: route, new: ctx.new.objects.get(route.key) },
        ['spec', 'rules', uses[0]!.rule],
        'model-removed',
        `model ${model} is removed${what}; clients asking for it get 404`,
        `keep model ${model} until no client asks for it`,
        [appendPath('models', model)],
      ),
    );
  }
  return out;
}
