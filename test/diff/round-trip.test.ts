// The diff is complete: on random values from the differential generator, applying each reported
// object diff to the old object's YAML gives the new object's YAML, and objects not reported are
// equal. A diff of identical inputs is empty.
import fc from 'fast-check';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { chartValues } from '../support/arbitraries.js';
import { diff, objectYaml } from '../../src/diff/diff.js';
import { applyUnified } from '../../src/diff/line-diff.js';
import { fromManifests, describeObject, type KubeObject } from '../../src/diff/objects.js';
import { normalizeObject } from '../../src/diff/normalize.js';
import { render } from '../../src/render/render.js';
import { AiGatewayCoreError } from '../../src/errors.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 60);

function valuesFile(values: unknown) {
  return { name: 'v.yaml', text: JSON.stringify(values, null, 1).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) };
}

/** The objects of a render, or undefined when the chart refuses the values. */
function objects(values: unknown): Map<string, KubeObject> | undefined {
  try {
    return new Map(fromManifests(render({ valuesFiles: [valuesFile(values)] }).manifests).map((o) => [describeObject(o), { ...o, object: normalizeObject(o.object) }]));
  } catch (err) {
    if (err instanceof AiGatewayCoreError) return undefined;
    throw err;
  }
}

describe('diff round-trips on random values', () => {
  it(`${RUNS} random pairs: old + reported changes = new`, () => {
    let compared = 0;
    fc.assert(
      fc.property(chartValues, chartValues, fc.integer({ min: 0, max: 4 }), (oldValues, newValues, context) => {
        const before = objects(oldValues);
        const after = objects(newValues);
        fc.pre(before !== undefined && after !== undefined);
        compared++;
        const result = diff({ from: { kind: 'values', options: { valuesFiles: [valuesFile(oldValues)] } }, to: { valuesFiles: [valuesFile(newValues)] }, context, showSecrets: true });
        const reported = new Map(result.objects.map((o) => [describeObject(o), o]));
        for (const key of new Set([...before!.keys(), ...after!.keys()])) {
          const a = before!.get(key)?.object;
          const b = after!.get(key)?.object;
          const change = reported.get(key);
          if (!change) {
            expect(objectYaml(a)).toBe(objectYaml(b));
            continue;
          }
          const patched = applyUnified(objectYaml(a), change.diff);
          expect(patched).toBe(objectYaml(b));
          if (b) expect(YAML.parse(patched)).toEqual(b);
        }
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 4);
  });

  it(`${RUNS} random values: a diff with itself is empty`, () => {
    fc.assert(
      fc.property(chartValues, (values) => {
        fc.pre(objects(values) !== undefined);
        const r = diff({ from: { kind: 'values', options: { valuesFiles: [valuesFile(values)] } }, to: { valuesFiles: [valuesFile(values)] } });
        expect(r.objects).toEqual([]);
        expect(r.findings).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
