// The models chart's golden files: what the real helm 3 and helm 4 print today for every case
// (regenerated with `npm run goldens -- --chart models`, never edited by hand), every failing case
// still fails with the recorded message, and every `fail` of the templates has a failing case.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHelm, HELM_MAJORS } from '../support/helm.js';
import { modelsCases, failingCases, modelsExpected, modelsHelmArgs, MODELS_CHART_DIR } from '../support/models-golden-cases.js';

describe('models chart golden cases', () => {
  it('has at least 20 cases and covers the prior-art catalog (29 models on 8 backends)', () => {
    expect(modelsCases.length).toBeGreaterThanOrEqual(20);
    const catalog = modelsExpected('catalog');
    expect(catalog.match(/^kind: AIGatewayRoute$/gm)).toHaveLength(29);
    expect(catalog.match(/^kind: Backend$/gm)).toHaveLength(8);
    expect(catalog.match(/^kind: BackendTrafficPolicy$/gm)).toHaveLength(29);
  });

  it('renders nothing with the chart defaults', () => {
    expect(modelsExpected('defaults').trim()).toBe('');
  });

  for (const major of HELM_MAJORS) {
    it(`helm ${major} reproduces every expected file`, async () => {
      const results = await Promise.all(modelsCases.map((c) => runHelm(major, modelsHelmArgs(c.args))));
      results.forEach((r, i) => {
        expect(r.code, `${modelsCases[i].name}: ${r.stderr}`).toBe(0);
        expect(r.stdout, modelsCases[i].name).toBe(modelsExpected(modelsCases[i].name));
      });
    });

    it(`helm ${major} fails every failing case with the recorded message and prints nothing`, async () => {
      const results = await Promise.all(failingCases.map((c) => runHelm(major, modelsHelmArgs(c.args))));
      results.forEach((r, i) => {
        const c = failingCases[i];
        expect(r.code, c.name).not.toBe(0);
        expect(r.stdout, c.name).toBe('');
        expect(r.stderr, c.name).toBe(c.stderr[major]);
      });
    });
  }

  it('every fail of the templates has a failing case that reaches it', () => {
    const templates = join(MODELS_CHART_DIR, 'templates');
    const reached = new Set(failingCases.flatMap((c) => [...c.stderr.v4.matchAll(/templates\/([\w.-]+):(\d+):/g)].map((m) => `${m[1]}:${m[2]}`)));
    const fails: string[] = [];
    for (const file of readdirSync(templates)) {
      readFileSync(join(templates, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\bfail\s*\(/.test(line)) fails.push(`${file}:${i + 1}`);
        });
    }
    expect(fails.length).toBeGreaterThanOrEqual(6);
    expect(fails.filter((f) => !reached.has(f))).toEqual([]);
  });

  it('helm 3 and helm 4 say the same thing on every template failure', () => {
    for (const c of failingCases.filter((c) => c.stderr.v4.includes('execution error'))) expect(c.stderr.v3, c.name).toBe(c.stderr.v4);
  });
});
