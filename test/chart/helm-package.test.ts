// `helm package chart/` works with the real helms, and the packaged chart renders exactly as the
// folder does (and as we do), carries its README and schema, and shows the same values.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runHelm, HELM_MAJORS, ROOT } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { runCli } from '../support/cli.js';

const chart = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8'));
const PRODUCTION = join(ROOT, 'examples', 'production.yaml');

describe('helm package', () => {
  for (const major of HELM_MAJORS) {
    it(`helm ${major}: the .tgz renders, lints and shows exactly what the folder does`, async () => {
      const out = mkdtempSync(join(tmpdir(), `agc-helm-package-${major}-`));
      const packaged = await runHelm(major, ['package', CHART_DIR, '-d', out]);
      expect(packaged.code, packaged.stderr).toBe(0);
      const tgz = join(out, `${chart.name}-${chart.version}.tgz`);
      expect(packaged.stdout).toContain(tgz);

      const args = ['prod', '-n', 'ai-gateway', '-f', PRODUCTION];
      const [fromTgz, fromDir, ours] = await Promise.all([
        runHelm(major, ['template', args[0], tgz, ...args.slice(1)]),
        runHelm(major, ['template', args[0], CHART_DIR, ...args.slice(1)]),
        runCli(['render', ...args]),
      ]);
      expect(fromTgz.code, fromTgz.stderr).toBe(0);
      expect(fromTgz.stdout).toBe(fromDir.stdout);
      expect(ours.stdout).toBe(fromTgz.stdout);

      const [lint, values, readme, bad] = await Promise.all([
        runHelm(major, ['lint', '--strict', tgz]),
        runHelm(major, ['show', 'values', tgz]),
        runHelm(major, ['show', 'readme', tgz]),
        runHelm(major, ['template', tgz, '--set', 'gateway.name=Bad_Name']),
      ]);
      expect(lint.code, lint.stdout + lint.stderr).toBe(0);
      expect(values.stdout).toBe((await runCli(['values'])).stdout);
      expect(readme.stdout).toBe(`${readFileSync(join(CHART_DIR, 'README.md'), 'utf8')}\n`);
      // The schema travels in the package: helm still rejects bad values.
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("values don't meet the specifications of the schema");
    });
  }
});
