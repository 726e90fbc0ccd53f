/**
 * Finding 5: token rate limits count what the routes record. A global rule whose cost comes from
 * metadata reads `io.envoy.ai_gateway/<key>`, which AI Gateway writes only for the keys of the
 * route's `llmRequestCosts` (or the Gateway's GatewayConfig `globalLLMRequestCosts`); any other
 * key counts nothing, and the limit never trips. A rule without client selectors is one bucket for
 * every client of the model together.
 */
import type { Finding } from '../../validate/findings.js';
import type { ValueMap } from '../../values/types.js';
import { parentRefs, type ParentRef } from '../attachment.js';
import { get, list, modelSetting, nameList, nameOf, namespaceOf, objectsOf, quote, str, systemFinding, type System } from '../system.js';

const AI_GATEWAY_METADATA = 'io.envoy.ai_gateway';
const GATEWAY_CONFIG_ANNOTATION = 'aigateway.envoyproxy.io/gateway-config';

export function rateLimits(system: System): Finding[] {
  const { models } = system;
  const out: Finding[] = [];
  const routes = new Map(objectsOf(models, 'AIGatewayRoute').map((r) => [nameOf(r), r] as const));
  const reportedGlobal = new Set<string>();
  const reportedKeys = new Set<string>();
  const refsByRoute = new Map<ValueMap, ParentRef[]>();
  for (const ref of parentRefs(system)) {
    const refs = refsByRoute.get(ref.route);
    if (refs) refs.push(ref);
    else refsByRoute.set(ref.route, [ref]);
  }
  for (const policy of objectsOf(models, 'BackendTrafficPolicy')) {
    const rules = list(get(policy, 'spec', 'rateLimit', 'global', 'rules'));
    if (rules.length === 0) continue;
    const targets = list(get(policy, 'spec', 'targetRefs'))
      .filter((t) => str(get(t, 'kind')) === 'HTTPRoute')
      .map((t) => routes.get(str(get(t, 'name')) ?? ''))
      .filter((r): r is ValueMap => r !== undefined);
    for (const route of targets) {
      const model = nameOf(route);
      const recorded = recordedKeys(system, route, refsByRoute);
      rules.forEach((rule, j) => {
        for (const phase of ['request', 'response'] as const) {
          const cost = get(rule, 'cost', phase);
          if (str(get(cost, 'from')) !== 'Metadata') continue;
          const ns = str(get(cost, 'metadata', 'namespace')) ?? '';
          const key = str(get(cost, 'metadata', 'key')) ?? '';
          if (ns === AI_GATEWAY_METADATA && recorded.has(key)) continue;
          const tokensPath = modelSetting(models, model, 'rateLimit.tokens');
          const dedupe = JSON.stringify([tokensPath, ns, key]);
          if (reportedKeys.has(dedupe)) continue;
          reportedKeys.add(dedupe);
          const known = [...recorded].map(quote).join(', ') || 'none';
          out.push(
            systemFinding({
              severity: 'error',
              code: 'check/rate-limit-cost-key',
              at: { side: models, path: tokensPath },
              object: { o: policy, field: `spec.rateLimit.global.rules[${j}].cost.${phase}.metadata` },
              message:
                ns !== AI_GATEWAY_METADATA
                  ? `the token limit of model ${model} reads its cost from metadata namespace ${quote(ns)}, where AI Gateway records nothing (it writes ${AI_GATEWAY_METADATA}), so the limit never counts a token`
                  : `the token limit of model ${model} counts metadata key ${quote(key)}, which route ${model} does not record (its llmRequestCosts record ${known}), so the limit never counts a token`,
              expected: `a cost read from ${AI_GATEWAY_METADATA} under a key of the route's llmRequestCosts: ${known}`,
              suggestion: `add {metadataKey: ${key || 'llm_total_token'}, type: TotalToken} to defaults.llmRequestCosts in the models values`,
              related: [{ side: models, path: 'defaults.llmRequestCosts', message: `records ${known}` }],
            }),
          );
        }
      });
      const unselective = rules.some((r) => list(get(r, 'clientSelectors')).length === 0);
      const headerPath = modelSetting(models, model, 'rateLimit.clientHeader');
      if (unselective && !reportedGlobal.has(headerPath)) {
        reportedGlobal.add(headerPath);
        const sharing = targetsSharing(system, headerPath);
        out.push(
          systemFinding({
            severity: 'warning',
            code: 'check/rate-limit-global',
            at: { side: models, path: headerPath },
            object: { o: policy, field: 'spec.rateLimit.global.rules' },
            message: `the rate limits of ${sharing.length === 1 ? 'model' : 'models'} ${nameList(sharing)} have no client selector, so each limit is one bucket for all clients together: one busy client uses up everyone's quota and every client then gets 429`,
            expected: 'a clientHeader that tells clients apart (x-user-id, x-api-key-id…), counted per distinct value',
            suggestion: `set ${headerPath}: x-user-id (a header your clients or your auth layer send), or keep it empty on purpose and accept one shared budget`,
          }),
        );
      }
    }
  }
  return out;
}

/** The models whose rate limits read the same clientHeader setting (for one finding instead of many). */
function targetsSharing(system: System, headerPath: string): string[] {
  const limited = new Set(
    objectsOf(system.models, 'BackendTrafficPolicy')
      .filter((p) => list(get(p, 'spec', 'rateLimit', 'global', 'rules')).length > 0)
      .map(nameOf),
  );
  return objectsOf(system.models, 'AIGatewayRoute')
    .map(nameOf)
    .filter((m) => limited.has(m) && modelSetting(system.models, m, 'rateLimit.clientHeader') === headerPath);
}

/** Metadata keys AI Gateway records for a route: its own llmRequestCosts and its Gateway's GatewayConfig. */
function recordedKeys(system: System, route: ValueMap, refsByRoute: Map<ValueMap, ParentRef[]>): Set<string> {
  const keys = new Set<string>();
  for (const c of list(get(route, 'spec', 'llmRequestCosts'))) {
    const k = str(get(c, 'metadataKey'));
    if (k) keys.add(k);
  }
  for (const ref of refsByRoute.get(route) ?? []) {
    if (!ref.gateway) continue;
    const configName = str(get(ref.gateway, 'metadata', 'annotations', GATEWAY_CONFIG_ANNOTATION));
    const ns = namespaceOf(ref.gateway, system.core);
    const config = objectsOf(system.core, 'GatewayConfig').find((c) => nameOf(c) === configName && namespaceOf(c, system.core) === ns);
    for (const c of list(get(config, 'spec', 'globalLLMRequestCosts'))) {
      const k = str(get(c, 'metadataKey'));
      if (k) keys.add(k);
    }
  }
  return keys;
}
