// Values are data: model and backend keys that name Object.prototype members are ordinary keys to
// check, as they are to the charts (the schemas refuse only __proto__, constructor and prototype).
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/library.js';

const NAMES = ['valueof', 'hasownproperty', 'tostring', 'isprototypeof', 'tolocalestring'];
const models = (gateway: string) =>
  `gateway:\n  name: ${gateway}\nbackends:\n  tostring:\n    schema: OpenAI\n    hostname: api.openai.com\n    auth: {type: APIKey, secretName: k}\nmodels:\n${NAMES.map((n) => `  ${n}:\n    modality: image\n    timeout: 900s\n    backends:\n      tostring: {}\n`).join('')}`;
const core = (extra = '') => ({ valuesFiles: [{ name: 'core.yaml', text: `clientTrafficPolicy:\n  timeout:\n    http:\n      streamIdleTimeout: 900s\n${extra}` }] });

describe('check: keys named like Object.prototype members', () => {
  it('are models like any other: found, named, and clean once fixed', () => {
    const broken = check({ core: core('  connection:\n    bufferLimit: 512Ki\n'), models: { valuesFiles: [{ name: 'models.yaml', text: models('nope') }] } });
    expect(broken.findings.map((f) => f.code).sort()).toEqual(['check/gateway-not-found', 'semantic/buffer-limit']);
    expect(broken.findings.find((f) => f.code === 'check/gateway-not-found')!.message).toContain('AIGatewayRoutes hasownproperty, isprototypeof, tolocalestring, tostring, valueof attach to');
    const fixed = check({ core: core(), models: { valuesFiles: [{ name: 'models.yaml', text: models('ai-gateway') }] } });
    expect(fixed.findings).toEqual([]);
    expect(Object.prototype).not.toHaveProperty('timeout');
  });
});
