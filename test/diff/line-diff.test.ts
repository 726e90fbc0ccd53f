import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyUnified, diffLines, unifiedDiff } from '../../src/diff/line-diff.js';

const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', ''), { maxLength: 30 }).map((l) => (l.length ? `${l.join('\n')}\n` : ''));

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 3)).toBe('');
  });
  it('prints diff -u hunks', () => {
    expect(unifiedDiff('a\nb\nc\nd\ne\nf\ng\n', 'a\nb\nc\nD\ne\nf\ng\n', 1)).toBe('@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n');
    expect(unifiedDiff('', 'x\n', 3)).toBe('@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\n', '', 3)).toBe('@@ -1 +0,0 @@\n-x\n');
  });
  it('is a shortest edit script', () => {
    const ops = diffLines(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']);
    expect(ops.filter((o) => o.op !== ' ').length).toBe(5); // Myers' paper example: D = 5
  });
  it('round-trips: the patch turns the old text into the new one, for any context', () => {
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 5 }), (a, b, c) => {
        expect(applyUnified(a, unifiedDiff(a, b, c))).toBe(b);
      }),
      { numRuns: 500 },
    );
  });
});
