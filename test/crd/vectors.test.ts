import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../src/crd/validate.js';
import { errorsOf, sharedCrds } from './helpers.js';
import { VECTORS } from './vectors.js';

describe('CEL rule vectors the chart can reach (crd-fidelity.md §c)', () => {
  const crds = sharedCrds();
  for (const v of VECTORS) {
    it(`accepts a passing document: ${v.rule}`, () => {
      expect(errorsOf(validateDocuments(crds, [v.pass]))).toEqual([]);
    });
    it(`rejects a failing document: ${v.rule}`, () => {
      const report = validateDocuments(crds, [v.fail]);
      expect(errorsOf(report)).toEqual([...v.errors].sort());
      expect(report.rules.unevaluable).toBe(0);
    });
  }
});
