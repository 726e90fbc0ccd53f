// Values → rendered documents → CEL: for each rule the chart's values can reach, the passing file
// renders documents the CRDs accept and the failing file gives exactly one CEL finding, traced to
// the values path and the line that produced the field.
import { describe, expect, it } from 'vitest';
import { loadCrds, readCrdSource } from '../../src/crd/index.js';
import { validate } from '../../src/validate/validate.js';
import { ROOT } from '../support/helm.js';
import { join } from 'node:path';
import { VALUES_VECTORS } from './cel-vectors.js';

const crdSet = loadCrds(readCrdSource(join(ROOT, '..', 'shared', 'crds')));
const check = (text: string) => validate({ valuesFiles: [{ name: 'values.yaml', text }], crdSet });

describe('CEL rules reached through values', () => {
  for (const v of VALUES_VECTORS) {
    it(`passes: ${v.rule}`, () => {
      const r = check(v.pass);
      expect(r.findings.filter((f) => f.origin === 'crd' || f.severity === 'error')).toEqual([]);
      expect(r.crds?.unevaluable).toBe(0);
    });
    it(`fails, traced to the values line: ${v.rule}`, () => {
      const r = check(v.fail);
      const crd = r.findings.filter((f) => f.origin === 'crd');
      expect(crd.map((f) => [f.path, f.location?.kind === 'file' ? `${f.location.line}:${f.location.col}` : f.location?.kind, f.message])).toEqual(v.findings);
      if (v.attachedTo) {
        const ours = r.findings.find((f) => f.code === v.attachedTo);
        expect(ours?.related?.map((x) => x.message).join('\n')).toContain(v.rule);
      } else {
        const cel = crd.find((f) => f.code === 'crd/cel');
        expect(cel?.message).toContain(v.rule.replace(/^GatewayConfig: /, ''));
        expect(cel!.suggestion).toContain('so that the rule holds');
      }
      expect(r.crds?.unevaluable).toBe(0);
    });
  }
});
