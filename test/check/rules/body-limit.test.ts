// Finding 4: the request body limit against what the models' requests carry.
import { describe, expect, it } from 'vitest';
import { bodyLimit } from '../../../src/check/rules/body-limit.js';
import { coreSide, modelObjects, modelsSide, system } from '../system-fixtures.js';

describe('body limit', () => {
  it('a 512Ki limit with an image model: warning at the core bufferLimit, naming the model', () => {
    const core = coreSide('clientTrafficPolicy:\n  connection:\n    bufferLimit: 512Ki\n');
    const models = modelsSide('models:\n  vision:\n    modality: multimodal\n  chat:\n    modality: text\n', [...modelObjects({ name: 'vision' }), ...modelObjects({ name: 'chat' })]);
    const [f, ...rest] = bodyLimit(system(core, models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', code: 'check/body-limit', path: 'clientTrafficPolicy.connection.bufferLimit', location: { file: 'core.yaml', line: 3, col: 18 } });
    expect(f!.message).toContain('model vision takes multimodal requests');
    expect(f!.related).toEqual([{ location: { kind: 'file', file: 'models.yaml', line: 3, col: 15 }, message: 'models values, models.vision.modality: modality: multimodal' }]);
    // text models alone are not this rule's business (validate warns below 1Mi anyway)
    const text = modelsSide('models:\n  chat:\n    modality: text\n', modelObjects({ name: 'chat' }));
    expect(bodyLimit(system(core, text))).toEqual([]);
    // fixed twin
    expect(bodyLimit(system(coreSide('clientTrafficPolicy:\n  connection:\n    bufferLimit: 8Mi\n'), models))).toEqual([]);
  });

  it("no ClientTrafficPolicy while models exist: Envoy Gateway's 32Ki default", () => {
    const models = modelsSide('models:\n  chat: {}\n', modelObjects({ name: 'chat' }));
    const [f] = bodyLimit(system(coreSide('clientTrafficPolicy:\n  enabled: false\n'), models));
    expect(f).toMatchObject({ severity: 'warning', code: 'check/no-client-traffic-policy', path: 'clientTrafficPolicy.enabled', location: { line: 2, col: 12 } });
    expect(f!.message).toContain("no ClientTrafficPolicy applies to Gateway ai-gateway/ai-gateway, so Envoy Gateway's default of 32Ki applies");
    expect(f!.suggestion).toBe('set clientTrafficPolicy.enabled: true in the core values (its default bufferLimit is 50Mi)');
    expect(bodyLimit(system(coreSide(), models))).toEqual([]);
  });

  it('a policy with no bufferLimit is the same 32Ki', () => {
    const models = modelsSide('', modelObjects({ name: 'chat' }));
    const [f] = bodyLimit(system(coreSide('clientTrafficPolicy:\n  connection:\n    bufferLimit: null\n'), models));
    expect(f).toMatchObject({ code: 'check/body-limit', path: 'clientTrafficPolicy.connection.bufferLimit' });
  });
});
