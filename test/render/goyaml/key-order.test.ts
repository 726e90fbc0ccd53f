import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyLess, keyLessAscii, sortAsciiKeysInPlace, sortDigitFreeKeysInPlace, sortKeys } from '../../../src/render/goyaml/key-order.js';

describe('keyLess (go-yaml v2 keyList.Less)', () => {
  it.each([
    ['Beta', 'alpha'], // both letters: code point order, uppercase first
    ['z', 'é'],
    ['_x', 'a'], // a non-letter sorts before a letter
    ['A_b', 'AZ'],
    ['~t', '1'], // no digits (0) < 1
    ['9', '10'], // digit runs compare as numbers
    ['item9', 'item10'],
    ['1', '01'], // equal numbers: shorter run first
    ['a1', 'a01'],
    ['a01', 'a001'],
    ['a10', 'a1b'], // '0' is not a letter, 'b' is
    ['ab', 'abc'], // prefix first
    ['x٢', 'x١٠'], // Arabic-Indic digits are digits too
  ])('%j < %j', (a, b) => {
    expect(keyLess(a, b)).toBe(true);
    expect(keyLess(b, a)).toBe(false);
  });

  it('continues a run after a non-zero digit from 1, as Go does for a "0" there', () => {
    // At the differing '0' vs '5' after "1", both runs start from 1: 10 vs 15.
    expect(keyLess('x10', 'x15')).toBe(true);
    expect(keyLess('x100', 'x15')).toBe(false);
  });

  it('wraps digit runs longer than int64 like Go', () => {
    // 9223372036854775808 wraps to -9223372036854775808, so it sorts before 1.
    expect(keyLess('9223372036854775808', '1')).toBe(true);
  });
});

describe('sortKeys', () => {
  it('sorts kubernetes-style keys naturally', () => {
    expect(sortKeys(['item10', 'app_name', 'item9', 'appName', 'app-name', 'app.kubernetes.io/name', 'app'])).toEqual([
      'app', 'app-name', 'app.kubernetes.io/name', 'app_name', 'appName', 'item9', 'item10',
    ]);
  });
});

describe('keyLessAscii and sortAsciiKeysInPlace', () => {
  // Short keys from few characters, so that shared prefixes, digit runs (long ones too) and
  // zeros after other digits come up often.
  const asciiKey = fc
    .array(fc.constantFrom('a', 'B', 'z', '0', '1', '9', '00', '10', '0'.repeat(16), '9'.repeat(20), '-', '.', '/', '_', ' ', '~'), { maxLength: 6 })
    .map((parts) => parts.join(''));

  it('compares like keyLess', () => {
    fc.assert(
      fc.property(asciiKey, asciiKey, (a, b) => {
        expect(keyLessAscii(a, b)).toBe(keyLess(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('sorts like sortKeys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(asciiKey, { maxLength: 8 }), (keys) => {
        expect(sortAsciiKeysInPlace([...keys])).toEqual(sortKeys(keys));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sortDigitFreeKeysInPlace', () => {
  const digitFreeKey = fc.array(fc.constantFrom('a', 'B', 'z', 'Z', '-', '.', '/', '_', ' ', '~', '@'), { maxLength: 5 }).map((p) => p.join(''));

  it('sorts like sortKeys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(digitFreeKey, { maxLength: 16 }), (keys) => {
        expect(sortDigitFreeKeysInPlace([...keys])).toEqual(sortKeys(keys));
      }),
      { numRuns: 3000 },
    );
  });
});
