// The rules at the end of ../shared/spec/models-chart.md, one test each, on the CLI's render and on
// helm's where the rule is about what helm does too. (CRD acceptance of every golden case is
// test/golden/models-crd-acceptance.test.ts; byte parity is test/golden/models-render.test.ts and the
// differential test.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { runHelm } from '../../support/helm.js';
import { MODELS_CHART_DIR } from '../../support/models-golden-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'agc-spec-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const values = (text: string): string => {
  const file = join(dir, `v${n++}.yaml`);
  writeFileSync(file, text);
  return file;
};

const BACKENDS = `backends:
  openai-01: {schema: OpenAI, hostname: api.openai.com, auth: {type: APIKey, secretName: k1}}
  openai-02: {schema: OpenAI, hostname: api.openai.com, auth: {type: APIKey, secretName: k2}}
`;

async function both(file: string) {
  const [ours, helm] = await Promise.all([runCli(['render', '--chart', 'models', '-f', file]), runHelm('v4', ['template', MODELS_CHART_DIR, '-f', file])]);
  return { ours, helm };
}

const kinds = (text: string) => [...text.matchAll(/^kind: (\w+)\n[\s\S]*?^  name: (\S+)$/gm)].map((m) => `${m[1]}/${m[2]}`).sort();

describe('models chart: the rules of the spec', () => {
  it('a model naming a backend that does not exist, or a disabled one, is an error naming both keys, never an empty name', async () => {
    for (const [text, words] of [
      [`${BACKENDS}models:\n  chat:\n    backends: {nope: {}}\n`, /models\.chat\.backends\.nope names backend "nope", which is not in backends/],
      [`${BACKENDS.replace('k2}}', 'k2}, enabled: false}')}models:\n  chat:\n    backends: {openai-02: {}}\n`, /models\.chat\.backends\.openai-02 names backend "openai-02", which is disabled/],
    ] as const) {
      const { ours, helm } = await both(values(text));
      expect(ours.code).toBe(1);
      expect(ours.stdout).toBe('');
      expect(ours.stderr).toMatch(words);
      expect(helm.code).not.toBe(0);
      expect(helm.stderr).toMatch(words);
    }
  });

  it('enabled: false disables at every level (never sprig default true)', async () => {
    const file = values(`${BACKENDS}  off: {enabled: false, schema: OpenAI, hostname: x.example.com}
models:
  live:
    backends:
      openai-01: {}
      openai-02: {enabled: false}
    retry: {enabled: false}
    rateLimit: {enabled: false, requests: {limit: 1, unit: Minute}}
  gone:
    enabled: false
    backends: {off: {}}
`);
    const { ours, helm } = await both(file);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stdout).toBe(helm.stdout);
    // Only the enabled model's route and its one enabled backend; no policy (retry and limits off).
    expect(kinds(ours.stdout)).toEqual(['AIGatewayRoute/live', 'AIServiceBackend/openai-01', 'Backend/openai-01', 'BackendSecurityPolicy/openai-01', 'BackendTLSPolicy/openai-01']);
  });

  it('two enabled models with the same match value are an error', async () => {
    const { ours, helm } = await both(values(`${BACKENDS}models:\n  a:\n    match: gpt\n    backends: {openai-01: {}}\n  b:\n    match: gpt\n    backends: {openai-01: {}}\n`));
    expect(ours.code).toBe(1);
    expect(ours.stderr).toMatch(/models\.a and models\.b both match the model name "gpt"/);
    expect(helm.stderr).toMatch(/models\.a and models\.b both match the model name "gpt"/);
  });

  it('a model has at most 16 enabled backends', async () => {
    const keys = Array.from({ length: 17 }, (_, i) => `b${i}`);
    const text = `backends:\n${keys.map((k) => `  ${k}: {schema: OpenAI, hostname: api.openai.com}`).join('\n')}\nmodels:\n  big:\n    backends:\n${keys.map((k) => `      ${k}: {}`).join('\n')}\n`;
    const { ours, helm } = await both(values(text));
    expect(ours.stderr).toMatch(/models\.big has 17 enabled backends; at most 16 are allowed/);
    expect(helm.stderr).toMatch(/models\.big has 17 enabled backends; at most 16 are allowed/);
    const sixteen = await both(values(text.replace('      b16: {}', '      b16: {enabled: false}')));
    expect(sixteen.ours.code).toBe(0);
  });

  it('fallback between priorities works only with numAttemptsPerPriority, and the default sets it', async () => {
    const { ours } = await both(values(`${BACKENDS}models:\n  chat:\n    backends:\n      openai-01: {priority: 0}\n      openai-02: {priority: 1}\n`));
    const policy = ours.stdout.split('---').find((d) => d.includes('kind: BackendTrafficPolicy'))!;
    expect(policy).toMatch(/^  retry:\n(    .*\n)*    numAttemptsPerPriority: 1$/m);
    expect(policy).toMatch(/kind: HTTPRoute\n      name: chat/);
  });
});
