import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareGoStrings, goSortedKeys } from '../../src/go/sort-strings.js';

describe('goSortedKeys', () => {
  it('orders keys by UTF-8 bytes, as Go sort.Strings, surrogates included', () => {
    expect(goSortedKeys({ b: 1, a: 1, '\uffff': 1, '😀': 1, '10': 1, '9': 1, A: 1 })).toEqual(['10', '9', 'A', 'a', 'b', '\uffff', '😀']);
  });

  it('its native fast path agrees with the comparator on any keys', () => {
    const key = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('a', 'b', '0', '\ue000', '\ud83d', '\ude00', '😀') }));
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 40 }), (keys) => {
        const map: Record<string, number> = Object.create(null);
        for (const k of keys) map[k] = 1;
        const expected = Object.keys(map).sort(compareGoStrings);
        expect(goSortedKeys(map)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
