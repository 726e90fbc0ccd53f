// The example values files: each carries the yaml-language-server modeline (pointing at the real
// schema), passes validate, renders exactly as both helms render it, and is accepted by the CRDs.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCrds, readCrdSource, validateYaml, formatIssue } from '../../src/crd/index.js';
import { runCli } from '../support/cli.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { runHelm, HELM_MAJORS, ROOT } from '../support/helm.js';

const EXAMPLES_DIR = join(ROOT, 'examples');
const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).sort();
const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;

describe('examples/', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  // examples/https.yaml renders cert-manager objects and an HTTPRoute too.
  const crds = loadCrds(['crds', 'crds-cert-manager', 'crds-models'].flatMap((dir) => readCrdSource(join(ROOT, '..', 'shared', dir))));

  for (const name of examples) {
    const file = join(EXAMPLES_DIR, name);
    const text = readFileSync(file, 'utf8');

    it(`${name}: the first line is a modeline that points at the values schema`, () => {
      const m = MODELINE.exec(text.split('\n')[0]);
      expect(m, 'first line').not.toBeNull();
      const target = resolve(dirname(file), m![1]);
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(join(ROOT, 'schema', 'values.schema.json'), 'utf8'));
    });

    it(`${name}: validate accepts it`, async () => {
      const r = await runCli(['validate', '-f', file]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });

    it(`${name}: renders as helm 3 and helm 4 do, and the CRDs accept every document`, async () => {
      const [ours, ...helms] = await Promise.all([runCli(['render', '-f', file]), ...HELM_MAJORS.map((m) => runHelm(m, ['template', CHART_DIR, '-f', file]))]);
      expect(ours.code).toBe(0);
      for (const h of helms) expect(ours.stdout).toBe(h.stdout);
      const report = validateYaml(crds, ours.stdout, { fieldValidation: 'Strict' });
      // Warnings may remain (the 0.5 example uses the deprecated v1alpha1 on purpose); errors may not.
      expect(report.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    });
  }
});
