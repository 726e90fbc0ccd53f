// The differential property: for random values files and random value flags, helm 3, helm 4 and
// our CLI print identical bytes (or all three refuse). DIFF_RUNS raises the number of cases.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { chartValues, valueFlags } from '../support/arbitraries.js';
import { runCli } from '../support/cli.js';
import { runHelm } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'agc-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** JSON is YAML; line and paragraph separators are escaped because YAML 1.1 reads them as breaks. */
function toValuesFile(values: unknown): string {
  return JSON.stringify(values, null, 1).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('render equals helm template on random input', () => {
  it(`${RUNS} random cases: helm 3, helm 4 and the CLI agree byte for byte`, async () => {
    let n = 0;
    let rendered = 0;
    // How often the HTTPS objects were among the compared documents.
    const seen: Record<string, number> = { Certificate: 0, Issuer: 0, ClusterIssuer: 0, HTTPRoute: 0 };
    await fc.assert(
      fc.asyncProperty(chartValues, valueFlags, fc.constantFrom('', 'rel', 'my.release-1'), fc.constantFrom('', 'ns-x'), async (values, flags, release, namespace) => {
        const file = join(dir, `v${n++}.yaml`);
        writeFileSync(file, toValuesFile(values));
        const extra = [...(namespace ? ['-n', namespace] : []), '-f', file, ...flags];
        const releaseArgs = release ? [release] : [];
        const [h3, h4, ours] = await Promise.all([
          runHelm('v3', ['template', ...releaseArgs, CHART_DIR, ...extra]),
          runHelm('v4', ['template', ...releaseArgs, CHART_DIR, ...extra]),
          runCli(['render', ...releaseArgs, ...extra]),
        ]);
        expect(h4.stdout, 'helm 4 vs helm 3').toBe(h3.stdout);
        expect(ours.code === 0, `exit codes: ours ${ours.code} (${ours.stderr}), helm ${h3.code} (${h3.stderr})`).toBe(h3.code === 0);
        expect(ours.stdout).toBe(h3.stdout);
        if (ours.code === 0) rendered++;
        for (const kind of Object.keys(seen)) if (ours.stdout.includes(`\nkind: ${kind}\n`)) seen[kind]! += 1;
      }),
      { numRuns: RUNS },
    );
    // Most generated cases must be valid, or the property says little.
    expect(rendered).toBeGreaterThan(RUNS * 0.6);
    // ...and the HTTPS templates must have rendered too (about 3% of cases each, so only on long runs).
    if (RUNS >= 200) for (const [kind, n] of Object.entries(seen)) expect(n, `${kind} documents rendered`).toBeGreaterThan(0);
  }, 600_000);
});
