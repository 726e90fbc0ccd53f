// The models chart itself, checked with the real helm binaries: lint is clean with the defaults
// and with the prior-art catalog, it packages, helm rejects through the schema what the schema
// rejects, and every default in values.yaml is documented with @param.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runHelm, HELM_MAJORS } from '../support/helm.js';
import { MODELS_CHART_DIR, MODELS_VALUES_DIR, modelsHelmArgs, modelsExpected } from '../support/models-golden-cases.js';
// @ts-expect-error: plain ESM scripts without type declarations
import { readParams } from '../../scripts/docs-params.mjs';

const chart = parse(readFileSync(join(MODELS_CHART_DIR, 'Chart.yaml'), 'utf8'));
const CATALOG = join(MODELS_VALUES_DIR, 'catalog.yaml');
const SCHEMA_ERROR = "values don't meet the specifications of the schema";

describe('models chart', () => {
  it('is ai-gateway-models 0.1.0 for AI Gateway 1.1.0, Kubernetes 1.32+', () => {
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'ai-gateway-models', version: '0.1.0', appVersion: '1.1.0', kubeVersion: '>=1.32.0-0' });
  });

  it('uses draft-07 and refuses unknown keys at the top', () => {
    const schema = JSON.parse(readFileSync(join(MODELS_CHART_DIR, 'values.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
  });

  it('defaults have no backends and no models', () => {
    const values = parse(readFileSync(join(MODELS_CHART_DIR, 'values.yaml'), 'utf8'));
    expect(values.backends).toEqual({});
    expect(values.models).toEqual({});
  });

  it('documents every value of values.yaml with @param, and every @param names a value', () => {
    const { problems, params } = readParams(readFileSync(join(MODELS_CHART_DIR, 'values.yaml'), 'utf8'), 'charts/models/values.yaml');
    expect(problems).toEqual([]);
    expect(params.map((p: { path: string }) => p.path)).toContain('defaults.rateLimit.tokens');
  });

  for (const major of HELM_MAJORS) {
    for (const [label, extra] of [['the defaults', []], ['the catalog values', ['-f', CATALOG]]] as const) {
      it(`helm ${major} lint --strict is clean with ${label}`, async () => {
        const r = await runHelm(major, ['lint', '--strict', MODELS_CHART_DIR, ...extra]);
        expect(r.stdout + r.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
        expect(r.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
        expect(r.code).toBe(0);
      });
    }

    it(`helm ${major} package: the .tgz renders the catalog exactly as the folder does and keeps the schema`, async () => {
      const out = mkdtempSync(join(tmpdir(), `agm-helm-package-${major}-`));
      const packaged = await runHelm(major, ['package', MODELS_CHART_DIR, '-d', out]);
      expect(packaged.code, packaged.stderr).toBe(0);
      const tgz = join(out, `${chart.name}-${chart.version}.tgz`);
      expect(packaged.stdout).toContain(tgz);
      const [fromTgz, readme, bad] = await Promise.all([
        runHelm(major, modelsHelmArgs(['-f', 'catalog.yaml'], tgz)),
        runHelm(major, ['show', 'readme', tgz]),
        runHelm(major, ['template', tgz, '--set', 'models.Bad.match=x']),
      ]);
      expect(fromTgz.stdout).toBe(modelsExpected('catalog'));
      expect(readme.stdout).toBe(`${readFileSync(join(MODELS_CHART_DIR, 'README.md'), 'utf8')}\n`);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(SCHEMA_ERROR);
    });

    const rejected: Array<[string, string[], RegExp]> = [
      ['a typo in a key', ['--set', 'defaults.retry.numRetry=1'], /numRetry/],
      ['a schema name outside the CRD enum', ['--set', 'backends.up.schema=OpenAi,backends.up.hostname=api.openai.com'], /OpenAI/],
      ['an upper-case model key', ['--set', 'models.GPT-4o.match=gpt-4o'], /GPT-4o/],
      ['a model key longer than 63 characters', ['--set', `models.${'m'.repeat(64)}.match=x`], /m{64}/],
      ['a retry trigger outside the CRD enum', ['--set', 'defaults.retry.retryOn.triggers={5xx,retry-everything}'], /retryOn|triggers/],
      ['a status code outside 100-599', ['--set', 'defaults.retry.retryOn.httpStatusCodes={600}'], /httpStatusCodes/],
      ['a rate limit unit outside the CRD enum', ['--set-json', 'defaults.rateLimit.tokens=[{"limit":1,"unit":"Fortnight"}]'], /tokens|unit/],
      ['a weight above 1000000', ['--set', 'backends.up.schema=OpenAI,backends.up.hostname=a.b,models.m.backends.up.weight=1000001'], /weight/],
      ['a negative priority', ['--set', 'backends.up.schema=OpenAI,backends.up.hostname=a.b,models.m.backends.up.priority=-1'], /priority/],
      ['a port of 0', ['--set', 'backends.up.schema=OpenAI,backends.up.hostname=a.b,backends.up.port=0'], /port/],
      ['an upper-case hostname', ['--set', 'backends.up.schema=OpenAI,backends.up.hostname=API.openai.com'], /hostname/],
      ['a duration with a space', ['--set', 'defaults.timeout=10 m'], /timeout/],
      ['an APIKey without its secret', ['--set', 'backends.up.schema=OpenAI,backends.up.hostname=a.b,backends.up.auth.type=APIKey'], /secretName/],
      ['a __proto__ key', ['--set-json', 'models.m.labels={"__proto__":"x"}'], /__proto__|labels/],
    ];
    for (const [what, args, mention] of rejected) {
      it(`helm ${major} rejects ${what} through the schema`, async () => {
        const r = await runHelm(major, ['template', MODELS_CHART_DIR, ...args]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(SCHEMA_ERROR);
        expect(r.stderr).toMatch(mention);
      });
    }
  }
});
