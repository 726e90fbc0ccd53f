import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentKey } from '../../src/values/content-key.js';
import { newMap, type Value } from '../../src/values/types.js';

/** Values as the pipeline holds them: null-prototype maps, numbers with -0, NaN and infinities, bigints. */
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<Value>(null, true, false, 0, -0, NaN, Infinity, -Infinity, '', 'null', '1', 'a,b', '"', '[]', '{}'),
    fc.double(),
    fc.bigInt(),
    fc.string(),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom('a', 'b', '"', ',', ':', '__proto__'), tie('v')), { maxLength: 4 }).map((entries) => {
      const m = newMap();
      for (const [k, v] of entries) m[k] = v;
      return m;
    }),
  ),
})).v;

/** The same tree: same types, scalars (Object.is), keys in the same order. */
function sameTree(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameTree(x, b[i]!));
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object') return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameTree(a[k]!, b[k]!));
  }
  return Object.is(a, b);
}

describe('contentKey', () => {
  it('is equal exactly for the same tree', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(contentKey(a) === contentKey(b)).toBe(sameTree(a, b));
        expect(contentKey(a)).toBe(contentKey(structuredClone(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart what JSON would not', () => {
    const keys = [null, NaN, Infinity, 0, -0, 1, 1n, '1', true, 'true', [], newMap(), [null], ['a,b'], ['a', 'b']].map((v) => contentKey(v as Value));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
