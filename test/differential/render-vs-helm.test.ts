// The differential property, for every chart: for random values files and random value flags,
// helm 3, helm 4 and our CLI print identical bytes (or all three refuse). DIFF_RUNS raises the
// number of cases of each chart.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { chartValues, modelsValues, modelsValueFlags, valueFlags } from '../support/arbitraries.js';
import { runCli } from '../support/cli.js';
import { runHelm } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { MODELS_CHART_DIR } from '../support/models-golden-cases.js';

const RUNS = process.env.DIFF_RUNS === undefined ? undefined : Number(process.env.DIFF_RUNS);

/**
 * Each chart with its generators, the share of cases that must render (the rest must fail alike),
 * and the kinds it renders only on request, each of which long runs must have compared.
 */
const CHARTS = [
  { id: 'core', dir: CHART_DIR, values: chartValues as fc.Arbitrary<unknown>, flags: valueFlags, runs: RUNS ?? 300, minRendered: 0.6, kinds: ['Certificate', 'Issuer', 'ClusterIssuer', 'HTTPRoute'] },
  // Random catalogs name missing or disabled backends and repeat model names on purpose: more fail.
  { id: 'models', dir: MODELS_CHART_DIR, values: modelsValues as fc.Arbitrary<unknown>, flags: modelsValueFlags, runs: RUNS ?? 250, minRendered: 0.3, kinds: [] as string[] },
];
const dir = mkdtempSync(join(tmpdir(), 'agc-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** JSON is YAML; line and paragraph separators are escaped because YAML 1.1 reads them as breaks. */
function toValuesFile(values: unknown): string {
  return JSON.stringify(values, null, 1).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe.each(CHARTS)('render --chart $id equals helm template on random input', ({ id, dir: chartDir, values: valuesArb, flags: flagsArb, runs, minRendered, kinds }) => {
  it(`${runs} random cases: helm 3, helm 4 and the CLI agree byte for byte`, async () => {
    let n = 0;
    let rendered = 0;
    const seen: Record<string, number> = Object.fromEntries(kinds.map((k) => [k, 0]));
    await fc.assert(
      fc.asyncProperty(valuesArb, flagsArb, fc.constantFrom('', 'rel', 'my.release-1'), fc.constantFrom('', 'ns-x'), async (values, flags, release, namespace) => {
        const file = join(dir, `${id}-${n++}.yaml`);
        writeFileSync(file, toValuesFile(values));
        const extra = [...(namespace ? ['-n', namespace] : []), '-f', file, ...flags];
        const releaseArgs = release ? [release] : [];
        const [h3, h4, ours] = await Promise.all([
          runHelm('v3', ['template', ...releaseArgs, chartDir, ...extra]),
          runHelm('v4', ['template', ...releaseArgs, chartDir, ...extra]),
          runCli(['render', ...releaseArgs, '--chart', id, ...extra]),
        ]);
        expect(h4.stdout, 'helm 4 vs helm 3').toBe(h3.stdout);
        expect(ours.code === 0, `exit codes: ours ${ours.code} (${ours.stderr}), helm ${h3.code} (${h3.stderr})`).toBe(h3.code === 0);
        expect(ours.stdout).toBe(h3.stdout);
        if (ours.code === 0) rendered++;
        for (const kind of Object.keys(seen)) if (ours.stdout.includes(`\nkind: ${kind}\n`)) seen[kind]! += 1;
      }),
      { numRuns: runs },
    );
    // Most generated cases must be valid, or the property says little.
    expect(rendered).toBeGreaterThan(runs * minRendered);
    // ...and the kinds a chart renders only on request must have been compared too (a few % of cases each).
    if (runs >= 200) for (const [kind, count] of Object.entries(seen)) expect(count, `${kind} documents rendered`).toBeGreaterThan(0);
  }, 600_000);
});
