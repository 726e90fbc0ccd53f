/**
 * The TypeScript twins of what charts/models/templates/*.yaml compute with sprig before they print
 * anything (routing.ts holds the computations; this file shapes them for the handlebars twins and
 * fails where the Go templates call `fail`, with the same words). Registered as the chart's own
 * helpers (chart.json `helpers`).
 */
import { TemplateFailError } from '../../errors.js';
import { goTruthy } from '../../render/go-truth.js';
import { asMap } from '../../render/chart-helpers.js';
import { goQuote } from '../../go/quote.js';
import { goSortedKeys } from '../../go/sort-strings.js';
import { newMap, type Value, type ValueMap } from '../../values/types.js';
import { freezeTree } from '../../values/frozen.js';
import { effectiveRateLimit, effectiveRetry, enabledModels, isEnabled, totalTokenKey, usedBackends } from './routing.js';

const TEMPLATE = (file: string): string => `ai-gateway-models/templates/${file}`;
const fail = (file: string, message: string): never => {
  throw new TemplateFailError(TEMPLATE(file), message);
};

function map(entries: [string, Value][]): ValueMap {
  const out = newMap();
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** Go's `int` of a value helm read from YAML (a float64) or from --set (an int64). */
function goInt(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Math.trunc(v);
  return 0;
}

export interface RouteView {
  key: string;
  model: ValueMap;
  match: string;
  /** the rule's header match, as the template builds it */
  headers: Value[];
  /** the rule's backendRefs, or null when the model has none */
  backendRefs: Value[] | null;
  timeout: Value;
}

/** aigatewayroute.yaml: every enabled model's route, or the template's first `fail`. */
export function modelRoutes(values: unknown): RouteView[] {
  const v = asMap(values);
  const backends = asMap(v['backends']);
  const defaults = asMap(v['defaults']);
  const matches = new Map<string, string>();
  const out: RouteView[] = [];
  for (const { key, model, match, refs } of enabledModels(v)) {
    const first = matches.get(match);
    if (first !== undefined) {
      fail('aigatewayroute.yaml', `models.${first} and models.${key} both match the model name ${goQuote(match)}, so clients could never reach models.${key}. Fix: give one of them another \`match\`, or set \`enabled: false\` on one`);
    }
    matches.set(match, key);
    const backendRefs: Value[] = [];
    for (const { key: ref, ref: entry } of refs) {
      if (!Object.hasOwn(backends, ref)) {
        const defined = goSortedKeys(backends).join(', ') || 'none';
        fail('aigatewayroute.yaml', `models.${key}.backends.${ref} names backend ${goQuote(ref)}, which is not in backends (defined: ${defined}). Fix: add backends.${ref}, correct the key, or set models.${key}.backends.${ref}.enabled: false`);
      }
      if (!isEnabled(backends[ref])) {
        fail('aigatewayroute.yaml', `models.${key}.backends.${ref} names backend ${goQuote(ref)}, which is disabled (backends.${ref}.enabled: false). Fix: enable backends.${ref}, or set models.${key}.backends.${ref}.enabled: false`);
      }
      const backendRef = map([
        ['name', ref],
        ['priority', goTruthy(entry['priority']) ? entry['priority']! : 0],
      ]);
      if (entry['weight'] !== undefined && entry['weight'] !== null) backendRef['weight'] = entry['weight'];
      if (goTruthy(entry['modelNameOverride'])) backendRef['modelNameOverride'] = entry['modelNameOverride']!;
      backendRefs.push(backendRef);
    }
    if (backendRefs.length > 16) {
      fail('aigatewayroute.yaml', `models.${key} has ${backendRefs.length} enabled backends; at most 16 are allowed, because AI Gateway copies them into one rule of a generated HTTPRoute, which holds 16. Fix: set \`enabled: false\` on ${backendRefs.length - 16} of them`);
    }
    const min = goInt(defaults['minBackends']);
    if (backendRefs.length < min) {
      fail('aigatewayroute.yaml', `models.${key} has ${backendRefs.length} enabled backend(s); defaults.minBackends requires at least ${min}. Fix: add or enable backends under models.${key}.backends, or lower defaults.minBackends`);
    }
    out.push({
      key,
      model,
      match,
      headers: [map([['type', 'Exact'], ['name', 'x-ai-eg-model'], ['value', match]])],
      backendRefs: backendRefs.length > 0 ? backendRefs : null,
      timeout: goTruthy(model['timeout']) ? model['timeout']! : (defaults['timeout'] ?? null),
    });
  }
  return out;
}

export interface PolicyView {
  key: string;
  model: ValueMap;
  /** `retry` without `enabled`, or null when retry is off */
  retry: ValueMap | null;
  /** the global rate limit rules, or null when there are none */
  rules: Value[] | null;
}

/** backendtrafficpolicy.yaml: every enabled model's policy (when it has retry or rate limit rules), or the template's first `fail`. */
export function modelPolicies(values: unknown): PolicyView[] {
  const v = asMap(values);
  const tokenKey = totalTokenKey(v);
  const out: PolicyView[] = [];
  // What a model without retry or rateLimit settings of its own gets: the same for all of them,
  // so computed once and frozen (toYaml then writes it once: render/to-yaml.ts).
  let sharedRetry: ValueMap | null | undefined;
  let sharedRules: Value[] | null | undefined;
  for (const { key, model } of enabledModels(v)) {
    const ownRetry = goTruthy(model['retry']);
    const ownLimits = goTruthy(model['rateLimit']);
    if (!ownRetry && sharedRetry === undefined) sharedRetry = frozen(retryView(effectiveRetry(v, model)));
    if (!ownLimits && sharedRules === undefined) sharedRules = frozen(rateLimitRules(key, effectiveRateLimit(v, model), tokenKey));
    const retry = ownRetry ? retryView(effectiveRetry(v, model)) : sharedRetry!;
    const rules = ownLimits ? rateLimitRules(key, effectiveRateLimit(v, model), tokenKey) : sharedRules!;
    if (retry === null && rules === null) continue;
    out.push({ key, model, retry, rules });
  }
  return out;
}

function frozen<T extends Value>(value: T): T {
  freezeTree(value);
  return value;
}

/** `retry` without `enabled`, or null when retry is off. */
function retryView(retry: ValueMap): ValueMap | null {
  if (retry['enabled'] === false) return null;
  const out = newMap();
  for (const k of Object.keys(retry)) if (k !== 'enabled') out[k] = retry[k]!;
  return out;
}

/** The global rate limit rules in counter order (the request rule, then one per token limit), or null for none. */
function rateLimitRules(key: string, limits: ValueMap, tokenKey: string): Value[] | null {
  const rules: Value[] = [];
  if (limits['enabled'] === true) {
    const selectors: Value[] | undefined = goTruthy(limits['clientHeader'])
      ? [map([['headers', [map([['name', limits['clientHeader']!], ['type', 'Distinct']])]]])]
      : undefined;
    const requests = limits['requests'];
    if (goTruthy(requests)) {
      const r = asMap(requests);
      if (!(Object.hasOwn(r, 'limit') && Object.hasOwn(r, 'unit'))) {
        fail('backendtrafficpolicy.yaml', `models.${key}.rateLimit.requests needs both limit and unit once merged over defaults.rateLimit.requests, and has only ${goSortedKeys(r).join(' and ')}. Fix: set both, e.g. requests: {limit: 600, unit: Minute}`);
      }
      const rule = map([['limit', map([['requests', r['limit'] ?? null], ['unit', r['unit'] ?? null]])]]);
      if (selectors) rule['clientSelectors'] = selectors;
      rules.push(rule);
    }
    const tokens = limits['tokens'];
    if (goTruthy(tokens) && tokenKey === '') {
      fail('backendtrafficpolicy.yaml', `models.${key} has token rate limits, but defaults.llmRequestCosts has no entry of type TotalToken for them to count. Fix: add {metadataKey: llm_total_token, type: TotalToken} to defaults.llmRequestCosts`);
    }
    for (const token of Array.isArray(tokens) ? tokens : []) {
      const t = asMap(token);
      const cost = map([
        ['request', map([['from', 'Number'], ['number', 0]])],
        ['response', map([['from', 'Metadata'], ['metadata', map([['namespace', 'io.envoy.ai_gateway'], ['key', tokenKey]])]])],
      ]);
      const rule = map([['limit', map([['requests', t['limit'] ?? null], ['unit', t['unit'] ?? null]])], ['cost', cost]]);
      if (selectors) rule['clientSelectors'] = selectors;
      rules.push(rule);
    }
  }
  return rules.length > 0 ? rules : null;
}

/** _helpers.tpl "usedBackends", as the backend templates range over it: used backends in Go's key order. */
export function usedBackendMap(values: unknown): ValueMap {
  const v = asMap(values);
  const backends = asMap(v['backends']);
  const used = usedBackends(v);
  const out = newMap();
  for (const key of goSortedKeys(backends)) if (used.has(key)) out[key] = backends[key]!;
  return out;
}

const API_KEY_BLOCKS: Record<string, string> = { APIKey: 'apiKey', AzureAPIKey: 'azureAPIKey', AnthropicAPIKey: 'anthropicAPIKey' };
const CLOUD_BLOCKS: Record<string, string> = { AWSCredentials: 'awsCredentials', AzureCredentials: 'azureCredentials', GCPCredentials: 'gcpCredentials' };

export interface SecurityView {
  /** the spec field the type's settings go under (`apiKey`, `gcpCredentials`…) */
  block: string;
  /** what is printed under it */
  settings: Value;
}

/** backendsecuritypolicy.yaml: the type's block, `secretName` as the API-key types' secretRef. */
export function securitySettings(auth: unknown): SecurityView {
  const a = asMap(auth);
  const type = typeof a['type'] === 'string' ? a['type'] : '';
  const apiKey = API_KEY_BLOCKS[type];
  if (apiKey !== undefined) return { block: apiKey, settings: map([['secretRef', map([['name', a['secretName'] ?? null]])]]) };
  // sprig's `get` gives "" for a key that is not there.
  const cloud = CLOUD_BLOCKS[type] ?? '';
  return { block: cloud, settings: Object.hasOwn(a, cloud) ? a[cloud]! : '' };
}

export const helpers = {
  modelRoutes: (values: unknown) => modelRoutes(values),
  modelPolicies: (values: unknown) => modelPolicies(values),
  usedBackendMap: (values: unknown) => usedBackendMap(values),
  securitySettings: (auth: unknown) => securitySettings(auth),
};
