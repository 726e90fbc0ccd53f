// Every document of every models golden case is accepted by the real CRDs (../shared/crds-models)
// as a kube-apiserver with strict field validation would, with every CEL rule evaluated.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCrds, readCrdSource, validateYaml, formatIssue } from '../../src/crd/index.js';
import { modelsCases, modelsExpected } from '../support/models-golden-cases.js';
import { ROOT } from '../support/helm.js';

const crds = loadCrds([...readCrdSource(join(ROOT, '..', 'shared', 'crds-models')), ...readCrdSource(join(ROOT, '..', 'shared', 'crds'))]);

describe('models golden output is accepted by the CRDs', () => {
  for (const c of modelsCases) {
    it(`${c.name}: 0 errors, 0 unevaluated rules`, () => {
      const report = validateYaml(crds, modelsExpected(c.name), { fieldValidation: 'Strict' });
      const errors = report.issues.filter((i) => i.severity === 'error').map((i) => `${i.kind}/${i.name} ${formatIssue(i)}`);
      expect(errors).toEqual([]);
      expect(report.rules.unevaluable).toBe(0);
    });
  }

  it('a document the CRDs reject is caught (the check can fail)', () => {
    const bad = modelsExpected('spec-example').replace('wellKnownCACertificates: System', 'wellKnownCACertificates: ""');
    const report = validateYaml(crds, bad, { fieldValidation: 'Strict' });
    const messages = report.issues.filter((i) => i.severity === 'error').map(formatIssue);
    expect(messages.some((m) => m.includes('must specify either CACertificateRefs or WellKnownCACertificates'))).toBe(true);
  });
});
