/**
 * What the models chart computes before it prints anything, as plain data: which models render,
 * which backend references each keeps, the retry and rate limits each model gets after its own
 * settings are merged over `defaults`, and which backends are used. The handlebars twins print
 * these (helpers.ts), and the checks (checks.ts) and `check` judge them, so all three agree with
 * the Go templates by construction. Each function names the template logic it mirrors.
 */
import { goTruthy } from '../../render/go-truth.js';
import { asMap, deepCopy } from '../../render/chart-helpers.js';
import { goSortedKeys } from '../../go/sort-strings.js';
import { isMap, newMap, type Value, type ValueMap } from '../../values/types.js';

/** `ne $x.enabled false`: missing (or anything but false) is enabled; only false disables. */
export const isEnabled = (entry: unknown): boolean => asMap(entry)['enabled'] !== false;

export interface BackendRef {
  /** the key under the model's `backends` (and under the chart's `backends`) */
  key: string;
  ref: ValueMap;
}

/** An enabled model, in Go's key order. */
export interface ModelEntry {
  key: string;
  model: ValueMap;
  /** `match`, or the key when `match` is empty */
  match: string;
  /** the model's enabled backend references, in Go's key order */
  refs: BackendRef[];
}

/** aigatewayroute.yaml's loop: the enabled models with their enabled references, in Go's key order. */
export function enabledModels(values: ValueMap): ModelEntry[] {
  const models = asMap(values['models']);
  const out: ModelEntry[] = [];
  for (const key of goSortedKeys(models)) {
    const model = asMap(models[key]);
    if (!isEnabled(model)) continue;
    const backends = asMap(model['backends']);
    const refs: BackendRef[] = [];
    for (const backendKey of goSortedKeys(backends)) {
      const ref = asMap(backends[backendKey]);
      if (isEnabled(ref)) refs.push({ key: backendKey, ref });
    }
    out.push({ key, model, match: goTruthy(model['match']) ? String(model['match']) : key, refs });
  }
  return out;
}

/**
 * _helpers.tpl "usedBackends": the backends an enabled model uses through an enabled reference,
 * when they exist and are enabled (anything else fails the render in aigatewayroute.yaml).
 */
export function usedBackends(values: ValueMap): Set<string> {
  const backends = asMap(values['backends']);
  const used = new Set<string>();
  for (const { refs } of enabledModels(values)) {
    for (const { key } of refs) if (Object.hasOwn(backends, key) && isEnabled(backends[key])) used.add(key);
  }
  return used;
}

/**
 * _helpers.tpl "merge": `src` merged into a copy of `dst`. Where both hold a map they merge key
 * by key, at any depth; any other value of `src` (a list, a scalar, false, 0, "" or null) replaces.
 */
export function mergeOver(dst: Value | undefined, src: Value | undefined): ValueMap {
  const out = isMap(dst) ? (deepCopy(dst) as ValueMap) : newMap();
  mergeInto(out, isMap(src) ? src : newMap());
  return out;
}

function mergeInto(dst: ValueMap, src: ValueMap): void {
  for (const key of goSortedKeys(src)) {
    const value = src[key]!;
    const current = dst[key];
    if (isMap(value) && isMap(current)) mergeInto(current, value);
    else dst[key] = isMap(value) || Array.isArray(value) ? deepCopy(value) : value;
  }
}

/** The model's retry: its own `retry` over `defaults.retry`. */
export function effectiveRetry(values: ValueMap, model: ValueMap): ValueMap {
  return mergeOver(asMap(values['defaults'])['retry'], goTruthy(model['retry']) ? model['retry'] : undefined);
}

/** The model's rate limits: its own `rateLimit` over `defaults.rateLimit`. */
export function effectiveRateLimit(values: ValueMap, model: ValueMap): ValueMap {
  return mergeOver(asMap(values['defaults'])['rateLimit'], goTruthy(model['rateLimit']) ? model['rateLimit'] : undefined);
}

/** _helpers.tpl "totalTokenKey": the first non-empty metadataKey of a TotalToken cost, or "". */
export function totalTokenKey(values: ValueMap): string {
  const costs = asMap(values['defaults'])['llmRequestCosts'];
  let key = '';
  if (!Array.isArray(costs)) return key;
  for (const cost of costs) {
    const c = asMap(cost);
    if (c['type'] === 'TotalToken' && key === '') key = typeof c['metadataKey'] === 'string' ? c['metadataKey'] : '';
  }
  return key;
}
