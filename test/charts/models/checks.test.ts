// Every check of the models values (src/charts/models/checks.ts): a broken values file gets the
// finding, at the line and column of the setting, with the values path and a fix; its fixed twin
// gets none. Each case is what a user writes, not a hand-built values object.
import { describe, expect, it } from 'vitest';
import { validateValues } from '../../../src/validate/validate-values.js';
import type { Finding } from '../../../src/validate/findings.js';

const BACKENDS = `backends:
  openai-01:
    schema: OpenAI
    hostname: api.openai.com
    auth: {type: APIKey, secretName: openai-key}
  openai-02:
    schema: OpenAI
    hostname: api.openai.com
    auth: {type: APIKey, secretName: openai-key-02}
`;

function findings(text: string): Finding[] {
  return validateValues({ chart: 'models', valuesFiles: [{ name: 'models.yaml', text }] }).findings;
}

function only(text: string, code: string): Finding {
  const all = findings(text);
  const hits = all.filter((f) => f.code === code);
  expect(hits, JSON.stringify(all.map((f) => [f.code, f.path]))).toHaveLength(1);
  return hits[0]!;
}

const at = (f: Finding) => (f.location?.kind === 'file' ? `${f.location.line}:${f.location.col}` : f.location?.kind);

interface Case {
  code: string;
  severity: Finding['severity'];
  broken: string;
  fixed: string;
  path: string;
  where: string;
  message: RegExp;
  fix: RegExp;
}

const CASES: Case[] = [
  {
    code: 'semantic/model-backend-missing',
    severity: 'error',
    broken: `${BACKENDS}models:\n  gpt-4-1:\n    backends:\n      openai-1: {}\n`,
    fixed: `${BACKENDS}models:\n  gpt-4-1:\n    backends:\n      openai-01: {}\n`,
    path: 'models.gpt-4-1.backends.openai-1',
    where: '13:7',
    message: /model "gpt-4-1" names backend "openai-1", which is not under backends \(defined: openai-01, openai-02\)/,
    fix: /did you mean "openai-01"\?/,
  },
  {
    code: 'semantic/model-backend-disabled',
    severity: 'error',
    broken: `${BACKENDS}    enabled: false\nmodels:\n  gpt-4-1:\n    backends:\n      openai-02: {}\n`,
    fixed: `${BACKENDS}    enabled: false\nmodels:\n  gpt-4-1:\n    backends:\n      openai-01: {}\n      openai-02: {enabled: false}\n`,
    path: 'models.gpt-4-1.backends.openai-02',
    where: '14:7',
    message: /names backend "openai-02", which is disabled \(backends\.openai-02\.enabled: false\)/,
    fix: /enable backends\.openai-02, or set models\.gpt-4-1\.backends\.openai-02\.enabled: false/,
  },
  {
    code: 'semantic/model-min-backends',
    severity: 'error',
    broken: `${BACKENDS}defaults:\n  minBackends: 2\nmodels:\n  gpt-4-1:\n    backends:\n      openai-01: {}\n`,
    fixed: `${BACKENDS}defaults:\n  minBackends: 2\nmodels:\n  gpt-4-1:\n    backends:\n      openai-01: {}\n      openai-02: {priority: 1}\n`,
    path: 'models.gpt-4-1.backends',
    where: '14:5',
    message: /model "gpt-4-1" has 1 enabled backend; defaults\.minBackends requires at least 2/,
    fix: /add or enable backends under models\.gpt-4-1\.backends, or lower defaults\.minBackends/,
  },
  {
    code: 'semantic/model-duplicate-match',
    severity: 'error',
    broken: `${BACKENDS}models:\n  gpt-4-1:\n    backends: {openai-01: {}}\n  gpt-4-1-mini:\n    match: gpt-4-1\n    backends: {openai-01: {}}\n`,
    fixed: `${BACKENDS}models:\n  gpt-4-1:\n    backends: {openai-01: {}}\n  gpt-4-1-mini:\n    match: gpt-4.1-mini\n    backends: {openai-01: {}}\n`,
    path: 'models.gpt-4-1-mini.match',
    where: '14:12',
    message: /models "gpt-4-1" and "gpt-4-1-mini" both match the model name "gpt-4-1"/,
    fix: /give models\.gpt-4-1-mini another match/,
  },
  {
    code: 'semantic/model-no-fallback',
    severity: 'warning',
    broken: `${BACKENDS}models:\n  gpt-4-1:\n    retry: {enabled: false}\n    backends:\n      openai-01: {}\n      openai-02: {}\n`,
    fixed: `${BACKENDS}models:\n  gpt-4-1:\n    backends:\n      openai-01: {}\n      openai-02: {priority: 1}\n`,
    path: 'models.gpt-4-1.retry.enabled',
    where: '12:22',
    message: /model "gpt-4-1" has 2 backends, all at priority 0, and retry is off/,
    fix: /set models\.gpt-4-1\.retry\.enabled: true, and give the fallback backends priority 1/,
  },
  {
    code: 'semantic/model-fallback-stuck',
    severity: 'warning',
    broken: `${BACKENDS}models:\n  gpt-4-1:\n    retry: {numAttemptsPerPriority: 0}\n    backends:\n      openai-01: {}\n      openai-02: {priority: 1}\n`,
    fixed: `${BACKENDS}models:\n  gpt-4-1:\n    retry: {numAttemptsPerPriority: 2}\n    backends:\n      openai-01: {}\n      openai-02: {priority: 1}\n`,
    path: 'models.gpt-4-1.retry.numAttemptsPerPriority',
    where: '12:37',
    message: /every retry goes to priority 0 again and never falls back/,
    fix: /numAttemptsPerPriority: 1/,
  },
  {
    code: 'semantic/backend-auth-incomplete',
    severity: 'error',
    broken: `backends:\n  vertex:\n    schema: GCPVertexAI\n    hostname: us-central1-aiplatform.googleapis.com\n    auth:\n      type: GCPCredentials\n      gcpCredentials: {projectName: my-project}\nmodels:\n  gemini:\n    backends: {vertex: {}}\n`,
    fixed: `backends:\n  vertex:\n    schema: GCPVertexAI\n    hostname: us-central1-aiplatform.googleapis.com\n    auth:\n      type: GCPCredentials\n      gcpCredentials: {projectName: my-project, region: us-central1}\nmodels:\n  gemini:\n    backends: {vertex: {}}\n`,
    path: 'backends.vertex.auth.gcpCredentials.region',
    where: '7:7',
    message: /backend "vertex": auth type GCPCredentials needs gcpCredentials\.region/,
    fix: /set backends\.vertex\.auth\.gcpCredentials\.region/,
  },
  {
    code: 'semantic/backend-credentials-in-values',
    severity: 'error',
    broken: `backends:\n  openai-01:\n    schema: OpenAI\n    hostname: api.openai.com\n    auth: {type: APIKey, secretName: sk-proj-9fk2m4x7q1z8w3v6b5n0p2r4t7y9u1i3}\nmodels:\n  gpt-4-1:\n    backends: {openai-01: {}}\n`,
    fixed: `backends:\n  openai-01:\n    schema: OpenAI\n    hostname: api.openai.com\n    auth: {type: APIKey, secretName: openai-api-key}\nmodels:\n  gpt-4-1:\n    backends: {openai-01: {}}\n`,
    path: 'backends.openai-01.auth.secretName',
    where: '5:38',
    message: /holds what looks like a credential/,
    fix: /put it in a Secret .* and name that Secret in backends\.openai-01\.auth\.secretName/,
  },
  {
    code: 'semantic/model-timeout-below-per-retry',
    severity: 'warning',
    broken: `${BACKENDS}models:\n  gpt-4-1:\n    timeout: 10s\n    backends: {openai-01: {}}\n`,
    fixed: `${BACKENDS}models:\n  gpt-4-1:\n    timeout: 120s\n    backends: {openai-01: {}}\n`,
    path: 'models.gpt-4-1.timeout',
    where: '12:14',
    message: /the route timeout \(10s\) is shorter than one attempt's timeout \(retry\.perRetry\.timeout 30s\)/,
    fix: /raise models\.gpt-4-1\.timeout to at least 30s, or lower defaults\.retry\.perRetry\.timeout/,
  },
  {
    code: 'semantic/model-token-cost-missing',
    severity: 'error',
    broken: `${BACKENDS}defaults:\n  llmRequestCosts: [{metadataKey: in, type: InputToken}]\n  rateLimit: {enabled: true, tokens: [{limit: 1000, unit: Day}]}\nmodels:\n  gpt-4-1:\n    backends: {openai-01: {}}\n`,
    fixed: `${BACKENDS}defaults:\n  llmRequestCosts: [{metadataKey: in, type: InputToken}, {metadataKey: total, type: TotalToken}]\n  rateLimit: {enabled: true, tokens: [{limit: 1000, unit: Day}]}\nmodels:\n  gpt-4-1:\n    backends: {openai-01: {}}\n`,
    path: 'defaults.rateLimit.tokens',
    where: '12:38',
    message: /has token rate limits, but defaults\.llmRequestCosts has no TotalToken entry/,
    fix: /add \{metadataKey: llm_total_token, type: TotalToken\} to defaults\.llmRequestCosts/,
  },
  {
    code: 'semantic/backend-unused',
    severity: 'note',
    broken: `${BACKENDS}models:\n  gpt-4-1:\n    backends: {openai-01: {}}\n`,
    fixed: `${BACKENDS}models:\n  gpt-4-1:\n    backends: {openai-01: {}, openai-02: {priority: 1}}\n`,
    path: 'backends.openai-02',
    where: '6:3',
    message: /backend "openai-02" is used by no enabled model/,
    fix: /name it under models\.<model>\.backends to use it, or remove backends\.openai-02/,
  },
];

describe('models values checks', () => {
  for (const c of CASES) {
    it(`${c.code}: found with its place and fix, and gone in the fixed file`, () => {
      const f = only(c.broken, c.code);
      expect(f.severity).toBe(c.severity);
      expect(f.path).toBe(c.path);
      expect(at(f)).toBe(c.where);
      expect(f.message).toMatch(c.message);
      expect(f.suggestion).toMatch(c.fix);
      expect(findings(c.fixed).filter((x) => x.code === c.code)).toEqual([]);
    });
  }

  it('a model with more than 16 enabled backends is an error naming how many to disable', () => {
    const keys = Array.from({ length: 18 }, (_, i) => `b${i}`);
    const backends = keys.map((k) => `  ${k}: {schema: OpenAI, hostname: api.openai.com}`).join('\n');
    const refs = keys.map((k) => `      ${k}: {}`).join('\n');
    const f = only(`backends:\n${backends}\nmodels:\n  big:\n    backends:\n${refs}\n`, 'semantic/model-too-many-backends');
    expect(f.message).toMatch(/has 18 enabled backends; .* at most 16/);
    expect(f.suggestion).toMatch(/set enabled: false on 2 of them/);
  });

  it('the chart defaults and the spec example are clean', () => {
    expect(findings('')).toEqual([]);
  });

  it('errors that stop the templates are the ones the chart declares as template failures', async () => {
    const { resolveChart } = await import('../../../src/charts/registry.js');
    const failures = resolveChart('models').templateFailures;
    for (const c of CASES) expect(failures.has(c.code), c.code).toBe(c.severity === 'error' && !c.code.startsWith('semantic/backend-'));
  });
});
