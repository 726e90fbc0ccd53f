// A large catalog is still one finding per cause: the routes that share a setting share the
// finding, and a message names a few of them, not thousands. (Speed is measured in the bench.)
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/library.js';

describe('check: many models', () => {
  it('2000 models on a misspelt Gateway: one error, naming five and counting the rest', () => {
    const models = Array.from({ length: 2000 }, (_, i) => `  m-${i}:\n    backends:\n      openai: {}\n`).join('');
    const text = `gateway:\n  name: ai-gatewy\nbackends:\n  openai:\n    schema: OpenAI\n    hostname: api.openai.com\n    auth: {type: APIKey, secretName: k}\nmodels:\n${models}`;
    const report = check({
      core: { valuesFiles: [{ name: 'core.yaml', text: 'clientTrafficPolicy:\n  timeout:\n    http:\n      streamIdleTimeout: 600s\n' }] },
      models: { valuesFiles: [{ name: 'models.yaml', text }] },
    });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code)).toEqual(['check/gateway-not-found']);
    expect(errors[0]!.message).toMatch(/^AIGatewayRoutes m-0, m-1, m-10, m-100, m-1000 and 1995 more attach to Gateway default\/ai-gatewy/);
  });
});
