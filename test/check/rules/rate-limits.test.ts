// Finding 5: token limits count a key the route records; limits without a client selector are global.
import { describe, expect, it } from 'vitest';
import { rateLimits } from '../../../src/check/rules/rate-limits.js';
import { coreSide, modelObjects, modelsSide, system } from '../system-fixtures.js';

describe('rate limits', () => {
  it('a token limit that counts a key the route does not record: error', () => {
    const models = modelsSide('defaults:\n  rateLimit:\n    tokens: [{limit: 1000, unit: Day}]\n', modelObjects({ name: 'm', rateLimit: { clientHeader: 'x-user-id', costKey: 'llm_custom_total' } }));
    const [f, ...rest] = rateLimits(system(coreSide(), models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', code: 'check/rate-limit-cost-key', path: 'defaults.rateLimit.tokens', location: { line: 3, col: 13 } });
    expect(f!.message).toBe('the token limit of model m counts metadata key "llm_custom_total", which route m does not record (its llmRequestCosts record "llm_input_token", "llm_output_token", "llm_total_token"), so the limit never counts a token');
    expect(f!.rendered).toMatchObject({ kind: 'BackendTrafficPolicy', field: 'spec.rateLimit.global.rules[0].cost.response.metadata' });
    // fixed twin
    const fixed = modelsSide('', modelObjects({ name: 'm', rateLimit: { clientHeader: 'x-user-id' } }));
    expect(rateLimits(system(coreSide(), fixed))).toEqual([]);
  });

  it("a key the Gateway's GatewayConfig records (globalLLMRequestCosts) counts as recorded", () => {
    const core = coreSide('gatewayConfig:\n  spec:\n    globalLLMRequestCosts:\n      - {metadataKey: llm_custom_total, type: TotalToken}\n');
    const models = modelsSide('', modelObjects({ name: 'm', rateLimit: { clientHeader: 'x-user-id', costKey: 'llm_custom_total' } }));
    expect(rateLimits(system(core, models))).toEqual([]);
  });

  it('a cost read from another metadata namespace counts nothing', () => {
    const models = modelsSide('', modelObjects({ name: 'm', rateLimit: { clientHeader: 'x-user-id', costNamespace: 'envoy.lb' } }));
    expect(rateLimits(system(coreSide(), models))[0]!.message).toContain('metadata namespace "envoy.lb", where AI Gateway records nothing');
  });

  it('limits without a client header are one bucket for all clients: one warning for the models sharing the setting', () => {
    const models = modelsSide('defaults:\n  rateLimit:\n    enabled: true\n    clientHeader: ""\n', [...modelObjects({ name: 'a', rateLimit: {} }), ...modelObjects({ name: 'b', rateLimit: {} })]);
    const found = rateLimits(system(coreSide(), models));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', code: 'check/rate-limit-global', path: 'defaults.rateLimit.clientHeader', location: { line: 4, col: 19 } });
    expect(found[0]!.message).toMatch(/^the rate limits of models a, b have no client selector/);
  });
});
