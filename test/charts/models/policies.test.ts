// modelPolicies shares one computed policy between models with equal settings (helpers.ts): the
// shared policy must be what each model would get on its own, and a `fail` must still name the
// first model in Go's order, as the template does.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { modelPolicies } from '../../../src/charts/models/helpers.js';
import { mergeValues } from '../../../src/render/render.js';
import { modelsValues } from '../../support/arbitraries.js';
import { goSortedKeys } from '../../../src/go/sort-strings.js';
import type { ValueMap } from '../../../src/values/types.js';

const coalesced = (user: unknown): ValueMap =>
  mergeValues({ chart: 'models', valuesFiles: [{ name: 'v.json', text: JSON.stringify(user) }] }).values;

/** The policy of each model computed from a values object holding only that model. */
function alone(values: ValueMap): unknown[] {
  const models = values['models'] as ValueMap;
  return goSortedKeys(models).flatMap((key) => modelPolicies({ ...values, models: { [key]: models[key]! } }));
}

const limit = { enabled: true, requests: { limit: 600, unit: 'Minute' }, tokens: [{ limit: 1000000, unit: 'Day' }] };
const llmRequestCosts = [{ metadataKey: 'llm_total_token', type: 'TotalToken' }];

describe('modelPolicies', () => {
  it('gives models with equal settings one shared policy, equal to what each would get alone', () => {
    const values = coalesced({
      defaults: { llmRequestCosts, retry: { enabled: true, numRetries: 2 } },
      models: { a: { rateLimit: limit }, b: { rateLimit: structuredClone(limit) }, c: { rateLimit: { ...limit, requests: { limit: 60, unit: 'Minute' } } }, d: {} },
    });
    const policies = modelPolicies(values);
    expect(policies.map((p) => p.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(policies[1]!.rules).toBe(policies[0]!.rules);
    expect(policies[2]!.rules).not.toEqual(policies[0]!.rules);
    expect(policies[3]!.retry).toBe(policies[0]!.retry);
    expect(policies).toEqual(alone(values));
  });

  it('fails naming the first model with the broken settings', () => {
    const broken = { enabled: true, tokens: [{ limit: 1, unit: 'Day' }] };
    const values = coalesced({ defaults: { llmRequestCosts: [] }, models: { m2: { rateLimit: broken }, m1: { rateLimit: structuredClone(broken) } } });
    expect(() => modelPolicies(values)).toThrow(/models\.m1 has token rate limits/);
  });

  it('equals the policies computed model by model, on random catalogs', () => {
    fc.assert(
      fc.property(modelsValues, (user) => {
        let values: ValueMap;
        try {
          values = coalesced(user);
        } catch {
          return;
        }
        let shared: unknown[] | Error;
        try {
          shared = modelPolicies(values);
        } catch (err) {
          shared = err as Error;
        }
        if (shared instanceof Error) return;
        expect(shared).toEqual(alone(values));
      }),
      { numRuns: 200 },
    );
  });
});
