import { describe, expect, it } from 'vitest';
import { NOT_PRINT_16, NOT_PRINT_32, PRINT_16, PRINT_32 } from '../../src/go/print-tables.js';

const ascending = (a: readonly number[]) => a.every((v, i) => i === 0 || v > a[i - 1]!);

describe('Go isprint tables', () => {
  it('are sorted, well-formed [lo, hi] pairs', () => {
    for (const pairs of [PRINT_16, PRINT_32]) {
      expect(pairs.length % 2).toBe(0);
      for (let i = 0; i < pairs.length; i += 2) expect(pairs[i]!).toBeLessThanOrEqual(pairs[i + 1]!);
      expect(pairs.every((v, i) => i === 0 || v >= pairs[i - 1]!)).toBe(true);
    }
    expect(ascending(NOT_PRINT_16)).toBe(true);
    expect(ascending(NOT_PRINT_32)).toBe(true);
  });

  it('have the sizes of Go 1.21-1.25 (Unicode 15.0)', () => {
    expect([PRINT_16.length, NOT_PRINT_16.length, PRINT_32.length, NOT_PRINT_32.length]).toEqual([424, 133, 508, 112]);
  });
});
