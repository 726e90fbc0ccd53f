/**
 * Checks of the models values that a schema cannot express: references between models and
 * backends, fallback that can never happen, authentication that lacks what its type needs,
 * credentials written into values, and timeouts that cut retries short. Each finding says why it
 * matters and how to fix it. The values may not match the schema (these checks run alongside it),
 * so every read is defensive.
 */
import { isMap, type Value, type ValueMap } from '../../values/types.js';
import { appendPath, formatPath } from '../../values/source.js';
import { looksLikeSecret } from '../../values/secrets.js';
import type { Finding, FindingLocation } from '../../validate/findings.js';
import type { Locator } from '../../validate/locator.js';
import { nearest } from '../../validate/suggest.js';
import { goTruthy } from '../../render/go-truth.js';
import { asMap } from '../../render/chart-helpers.js';
import { goSortedKeys } from '../../go/sort-strings.js';
import { durationMs } from './duration.js';
import { effectiveRateLimit, effectiveRetry, enabledModels, isEnabled, totalTokenKey, usedBackends } from './routing.js';

/** AI Gateway copies a model's backends into one rule of a generated HTTPRoute, which holds 16. */
export const MAX_BACKENDS_PER_MODEL = 16;

/** Codes of findings the chart's templates refuse too (helm fails on them). */
export const TEMPLATE_FAILURES = new Set([
  'semantic/model-backend-missing',
  'semantic/model-backend-disabled',
  'semantic/model-duplicate-match',
  'semantic/model-too-many-backends',
  'semantic/model-min-backends',
  'semantic/model-token-cost-missing',
]);

type Add = (f: Omit<Finding, 'origin' | 'location'> & { location?: FindingLocation }) => void;

const path = (...segments: (string | number)[]): string => formatPath(segments);

/** What each auth type needs beside `type`, where it lives, and what the cluster does without it. */
const AUTH_NEEDS: Record<string, { block?: string; required: string[]; secret?: boolean }> = {
  APIKey: { required: [], secret: true },
  AzureAPIKey: { required: [], secret: true },
  AnthropicAPIKey: { required: [], secret: true },
  AWSCredentials: { block: 'awsCredentials', required: ['region'] },
  AzureCredentials: { block: 'azureCredentials', required: ['clientID', 'tenantID'] },
  GCPCredentials: { block: 'gcpCredentials', required: ['projectName', 'region'] },
};
const AUTH_BLOCKS = ['awsCredentials', 'azureCredentials', 'gcpCredentials'];

/** Keys that hold a credential when they hold a string (not a reference to a Secret). */
const CREDENTIAL_KEY = /(api[-_]?key|token|password|passwd|secret|client[-_]?secret|access[-_]?key|private[-_]?key|credentials?)$/i;
/** Keys that name a Secret or a file, never hold one. */
const REFERENCE_KEY = /(secretName|secretRef|Ref|name|namespace|profile|file|header|key)$/;

export function modelChecks(values: ValueMap, locator: Locator, schemaPaths: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const at = (p: string, key = false): FindingLocation | undefined => locator.locate(p, { key });
  const add: Add = (f) => {
    // A value the schema already rejected is not judged again, unless it is a credential: that
    // it should not be in values at all matters more than its shape.
    if (schemaPaths.has(f.path) && f.code !== 'semantic/backend-credentials-in-values') return;
    out.push({ origin: 'semantic', location: f.location ?? at(f.path), ...f });
  };
  const backends = isMap(values['backends']) ? values['backends'] : undefined;
  const backendKeys = backends ? goSortedKeys(backends) : [];
  const defaults = asMap(values['defaults']);
  const models = enabledModels(values);

  checkReferences(models, backends, backendKeys, add, at);
  checkMatches(models, add, at);
  for (const m of models) {
    checkBackendCount(m.key, m.refs.length, defaults, add, at);
    checkFallback(values, m.key, m.model, m.refs, add);
    checkTimeouts(values, m.key, m.model, defaults, add, at);
    checkRateLimits(values, m.key, m.model, add, at);
  }
  if (backends) {
    const used = usedBackends(values);
    for (const key of backendKeys) {
      const backend = asMap(backends[key]);
      checkAuth(key, backend, add);
      checkCredentials(path('backends', key), backend, add);
      if (isEnabled(backend) && !used.has(key)) {
        add({
          severity: 'note',
          code: 'semantic/backend-unused',
          path: path('backends', key),
          location: at(path('backends', key), true),
          message: `backend ${JSON.stringify(key)} is used by no enabled model, so none of its objects are rendered`,
          suggestion: `name it under models.<model>.backends to use it, or remove backends.${key}`,
        });
      }
    }
  }
  return out;
}

function checkReferences(models: ReturnType<typeof enabledModels>, backends: ValueMap | undefined, backendKeys: string[], add: Add, at: (p: string, key?: boolean) => FindingLocation | undefined): void {
  for (const { key, refs } of models) {
    for (const { key: ref } of refs) {
      const refPath = path('models', key, 'backends', ref);
      if (!backends || !Object.hasOwn(backends, ref)) {
        const near = nearest(ref, backendKeys);
        add({
          severity: 'error',
          code: 'semantic/model-backend-missing',
          path: refPath,
          location: at(refPath, true),
          message: `model ${JSON.stringify(key)} names backend ${JSON.stringify(ref)}, which is not under backends (defined: ${backendKeys.join(', ') || 'none'})`,
          expected: 'the key of a backend under backends: the chart fails the render, and AI Gateway would refuse the whole route ("AIServiceBackend not found")',
          suggestion: near ? `did you mean ${JSON.stringify(near)}?` : `add backends.${ref}, or set ${refPath}.enabled: false`,
        });
      } else if (!isEnabled(backends[ref])) {
        add({
          severity: 'error',
          code: 'semantic/model-backend-disabled',
          path: refPath,
          location: at(refPath, true),
          message: `model ${JSON.stringify(key)} names backend ${JSON.stringify(ref)}, which is disabled (backends.${ref}.enabled: false)`,
          expected: 'an enabled backend: a disabled one renders no AIServiceBackend, so the route would be refused',
          suggestion: `enable backends.${ref}, or set ${refPath}.enabled: false`,
          related: relatedAt(at(path('backends', ref, 'enabled')), 'disabled here'),
        });
      }
    }
  }
}

function checkMatches(models: ReturnType<typeof enabledModels>, add: Add, at: (p: string, key?: boolean) => FindingLocation | undefined): void {
  const seen = new Map<string, string>();
  for (const { key, model, match } of models) {
    const first = seen.get(match);
    if (first === undefined) {
      seen.set(match, key);
      continue;
    }
    const own = goTruthy(model['match']) ? path('models', key, 'match') : path('models', key);
    add({
      severity: 'error',
      code: 'semantic/model-duplicate-match',
      path: own,
      location: at(own, own === path('models', key)),
      message: `models ${JSON.stringify(first)} and ${JSON.stringify(key)} both match the model name ${JSON.stringify(match)}, so clients could never reach ${JSON.stringify(key)}`,
      expected: 'a distinct model name (x-ai-eg-model value) per enabled model',
      suggestion: `give models.${key} another match, or set enabled: false on one of them`,
      related: relatedAt(at(path('models', first), true), `models.${first} matches ${JSON.stringify(match)} first`),
    });
  }
}

function checkBackendCount(key: string, count: number, defaults: ValueMap, add: Add, at: (p: string, key?: boolean) => FindingLocation | undefined): void {
  const backendsPath = path('models', key, 'backends');
  if (count > MAX_BACKENDS_PER_MODEL) {
    add({
      severity: 'error',
      code: 'semantic/model-too-many-backends',
      path: backendsPath,
      location: at(backendsPath, true),
      message: `model ${JSON.stringify(key)} has ${count} enabled backends; AI Gateway copies them into one rule of a generated HTTPRoute, which holds at most ${MAX_BACKENDS_PER_MODEL}`,
      expected: `at most ${MAX_BACKENDS_PER_MODEL} enabled backends per model`,
      suggestion: `set enabled: false on ${count - MAX_BACKENDS_PER_MODEL} of them, or split the model`,
    });
  }
  const min = typeof defaults['minBackends'] === 'number' ? defaults['minBackends'] : undefined;
  if (min !== undefined && count < min) {
    add({
      severity: 'error',
      code: 'semantic/model-min-backends',
      path: backendsPath,
      location: at(backendsPath, true),
      message: `model ${JSON.stringify(key)} has ${count} enabled backend${count === 1 ? '' : 's'}; defaults.minBackends requires at least ${min}`,
      expected: `at least ${min} enabled backend${min === 1 ? '' : 's'} (defaults.minBackends)`,
      suggestion: `add or enable backends under ${backendsPath}, or lower defaults.minBackends`,
      related: relatedAt(at('defaults.minBackends'), 'the minimum is set here'),
    });
  }
}

function checkFallback(values: ValueMap, key: string, model: ValueMap, refs: { key: string; ref: ValueMap }[], add: Add): void {
  if (refs.length < 2) return;
  const priorities = new Set(refs.map(({ ref }) => (typeof ref['priority'] === 'number' ? ref['priority'] : 0)));
  const retry = effectiveRetry(values, model);
  const retryPath = goTruthy(asMap(model['retry'])) && Object.hasOwn(asMap(model['retry']), 'enabled') ? path('models', key, 'retry', 'enabled') : 'defaults.retry.enabled';
  if (retry['enabled'] === false) {
    const spread = priorities.size > 1;
    add({
      severity: 'warning',
      code: 'semantic/model-no-fallback',
      path: retryPath,
      message: spread
        ? `model ${JSON.stringify(key)} has backends at priorities ${[...priorities].sort((a, b) => a - b).join(', ')} but retry is off, so a failed request never reaches a lower-priority backend`
        : `model ${JSON.stringify(key)} has ${refs.length} backends, all at priority ${[...priorities][0]}, and retry is off: a failed request is never tried on another backend`,
      expected: 'retry on for a model with several backends: fallback between backends is a retry (Envoy retry policy on the model\'s route)',
      suggestion: `set ${path('models', key, 'retry', 'enabled')}: true${spread ? '' : ', and give the fallback backends priority 1'}`,
    });
    return;
  }
  const perPriority = retry['numAttemptsPerPriority'];
  if (priorities.size > 1 && !(typeof perPriority === 'number' && perPriority > 0)) {
    add({
      severity: 'warning',
      code: 'semantic/model-fallback-stuck',
      path: path('models', key, 'retry', 'numAttemptsPerPriority'),
      message: `model ${JSON.stringify(key)} has backends at several priorities, but retry.numAttemptsPerPriority is unset, so every retry goes to priority 0 again and never falls back`,
      expected: 'numAttemptsPerPriority ≥ 1 (Envoy Gateway ≥ 1.5): the attempts made on one priority before moving to the next',
      suggestion: `set ${path('models', key, 'retry', 'numAttemptsPerPriority')}: 1 (defaults.retry sets it)`,
    });
  }
}

function checkTimeouts(values: ValueMap, key: string, model: ValueMap, defaults: ValueMap, add: Add, at: (p: string, key?: boolean) => FindingLocation | undefined): void {
  const own = goTruthy(model['timeout']);
  const timeoutPath = own ? path('models', key, 'timeout') : 'defaults.timeout';
  const timeout = durationMs(own ? model['timeout'] : defaults['timeout']);
  const retry = effectiveRetry(values, model);
  if (retry['enabled'] === false || timeout === undefined || timeout === 0) return;
  const perRetry = durationMs(asMap(retry['perRetry'])['timeout']);
  if (perRetry === undefined || perRetry <= timeout) return;
  const perRetryPath = Object.hasOwn(asMap(asMap(model['retry'])['perRetry']), 'timeout') ? path('models', key, 'retry', 'perRetry', 'timeout') : 'defaults.retry.perRetry.timeout';
  add({
    severity: 'warning',
    code: 'semantic/model-timeout-below-per-retry',
    path: timeoutPath,
    message: `model ${JSON.stringify(key)}: the route timeout (${fmt(timeout)}) is shorter than one attempt's timeout (retry.perRetry.timeout ${fmt(perRetry)}), so the route gives up before the first attempt may, and no retry ever runs`,
    expected: 'timeout ≥ retry.perRetry.timeout, and room for the retries: (1 + numRetries) × perRetry.timeout',
    suggestion: `raise ${timeoutPath} to at least ${fmt(perRetry)}, or lower ${perRetryPath}`,
    related: relatedAt(at(perRetryPath), 'the attempt timeout is set here'),
  });
}

function checkRateLimits(values: ValueMap, key: string, model: ValueMap, add: Add, at: (p: string, key?: boolean) => FindingLocation | undefined): void {
  const limits = effectiveRateLimit(values, model);
  if (limits['enabled'] !== true) return;
  const tokens = Array.isArray(limits['tokens']) ? limits['tokens'] : [];
  const ownTokens = Object.hasOwn(asMap(model['rateLimit']), 'tokens');
  if (tokens.length > 0 && totalTokenKey(values) === '') {
    add({
      severity: 'error',
      code: 'semantic/model-token-cost-missing',
      path: ownTokens ? path('models', key, 'rateLimit', 'tokens') : 'defaults.rateLimit.tokens',
      message: `model ${JSON.stringify(key)} has token rate limits, but defaults.llmRequestCosts has no TotalToken entry for them to count`,
      expected: 'a {metadataKey, type: TotalToken} entry in defaults.llmRequestCosts: token rules read their cost from it',
      suggestion: 'add {metadataKey: llm_total_token, type: TotalToken} to defaults.llmRequestCosts',
      related: relatedAt(at('defaults.llmRequestCosts'), 'the costs the routes record'),
    });
  }
  if (tokens.length === 0 && !goTruthy(limits['requests'])) {
    const enabledPath = Object.hasOwn(asMap(model['rateLimit']), 'enabled') ? path('models', key, 'rateLimit', 'enabled') : 'defaults.rateLimit.enabled';
    add({
      severity: 'warning',
      code: 'semantic/model-rate-limit-empty',
      path: enabledPath,
      message: `rate limits are on for model ${JSON.stringify(key)}, but neither requests nor tokens is set, so nothing is limited`,
      suggestion: `set ${path('models', key, 'rateLimit', 'requests')} (e.g. {limit: 600, unit: Minute}) or tokens, or turn rate limits off`,
    });
  }
}

function checkAuth(key: string, backend: ValueMap, add: Add): void {
  const auth = asMap(backend['auth']);
  const type = typeof auth['type'] === 'string' ? auth['type'] : '';
  const base = path('backends', key, 'auth');
  if (type === '') {
    if (backend['schema'] === 'GCPVertexAI' || backend['schema'] === 'GCPAnthropic' || backend['schema'] === 'AWSBedrock' || backend['schema'] === 'AWSAnthropic') {
      add({
        severity: 'warning',
        code: 'semantic/backend-auth-missing',
        path: `${base}.type`,
        message: `backend ${JSON.stringify(key)} uses schema ${String(backend['schema'])} without auth, so requests reach the provider unsigned and are refused`,
        expected: `${String(backend['schema']).startsWith('GCP') ? 'GCPCredentials' : 'AWSCredentials'} auth: the translation takes project, region or signing from the BackendSecurityPolicy`,
        suggestion: `set ${base}.type: ${String(backend['schema']).startsWith('GCP') ? 'GCPCredentials' : 'AWSCredentials'} and its settings`,
      });
    }
    return;
  }
  const needs = AUTH_NEEDS[type];
  if (!needs) return;
  if (needs.secret && !goTruthy(auth['secretName'])) {
    add({
      severity: 'error',
      code: 'semantic/backend-auth-incomplete',
      path: `${base}.secretName`,
      message: `backend ${JSON.stringify(key)}: auth type ${type} needs secretName, the Secret (key "apiKey") that holds the key`,
      expected: 'the name of a Secret in the release namespace; the chart never creates it',
      suggestion: `set ${base}.secretName, and create it: kubectl create secret generic <name> --from-literal=apiKey=…`,
    });
  }
  if (needs.block) {
    const block = asMap(auth[needs.block]);
    // One finding per missing setting, at its own path, or one for the whole block when it is not there.
    const missing = Object.hasOwn(auth, needs.block) ? needs.required.filter((k) => !goTruthy(block[k])) : [''];
    for (const k of missing) {
      const where = k === '' ? `${base}.${needs.block}` : `${base}.${needs.block}.${k}`;
      add({
        severity: 'error',
        code: 'semantic/backend-auth-incomplete',
        path: where,
        message: `backend ${JSON.stringify(key)}: auth type ${type} needs ${k === '' ? `${needs.block} (with ${needs.required.join(', ')})` : `${needs.block}.${k}`}`,
        expected: `${needs.block} with ${needs.required.join(', ')}: the CRD refuses the BackendSecurityPolicy without ${needs.required.length === 1 ? 'it' : 'them'}`,
        suggestion: `set ${k === '' ? needs.required.map((r) => `${base}.${needs.block}.${r}`).join(' and ') : where}`,
      });
    }
    if (type === 'AzureCredentials' && goTruthy(block['clientSecretRef']) === goTruthy(block['oidcExchangeToken'])) {
      add({
        severity: 'error',
        code: 'semantic/backend-auth-incomplete',
        path: `${base}.azureCredentials`,
        message: `backend ${JSON.stringify(key)}: AzureCredentials takes exactly one of clientSecretRef and oidcExchangeToken`,
        expected: 'clientSecretRef (a Secret with key "client-secret") or oidcExchangeToken, not both and not neither',
        suggestion: `set ${base}.azureCredentials.clientSecretRef: {name: <secret>}, or oidcExchangeToken`,
      });
    }
  }
  for (const other of AUTH_BLOCKS) {
    if (other === needs.block || !goTruthy(auth[other])) continue;
    add({
      severity: 'warning',
      code: 'semantic/backend-auth-ignored',
      path: `${base}.${other}`,
      message: `backend ${JSON.stringify(key)}: ${other} is set, but auth type ${type} does not use it, so it is not rendered`,
      suggestion: needs.block ? `remove ${base}.${other}, or set ${base}.type to the type it belongs to` : `remove ${base}.${other}`,
    });
  }
}

/** Strings that are credentials themselves, anywhere under a backend, instead of references to a Secret. */
function checkCredentials(base: string, node: Value, add: Add): void {
  const walk = (value: Value, p: string, key: string): void => {
    if (isMap(value)) {
      for (const k of Object.keys(value)) walk(value[k]!, appendPath(p, k), k);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, appendPath(p, i), key));
      return;
    }
    if (typeof value !== 'string' || value === '') return;
    const namedLikeOne = CREDENTIAL_KEY.test(key) && !REFERENCE_KEY.test(key);
    if (!namedLikeOne && !looksLikeSecret(value)) return;
    add({
      severity: 'error',
      code: 'semantic/backend-credentials-in-values',
      path: p,
      message: `${p} holds what looks like a credential; values end up in the release (helm history, Git, CI logs) in plain text`,
      expected: 'a reference to a Secret: the key itself belongs in the Secret, never in values',
      suggestion: `put it in a Secret (kubectl create secret generic <name> --from-literal=apiKey=…) and name that Secret in ${base}.auth.secretName (or the type's secretRef)`,
    });
  };
  walk(node, base, '');
}

function relatedAt(loc: FindingLocation | undefined, message: string): Finding['related'] {
  return loc ? [{ location: loc, message }] : undefined;
}

function fmt(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
