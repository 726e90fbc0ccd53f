import { describe, expect, it } from 'vitest';
import { analyzeScalar } from '../../../src/render/goyaml/scalar-analysis.js';
import { codePoints } from '../../../src/go/unicode.js';

const flags = (s: string) => {
  const a = analyzeScalar(codePoints(s));
  return [a.multiline, a.blockPlainAllowed, a.singleQuotedAllowed, a.blockAllowed];
};

describe('analyzeScalar', () => {
  it.each([
    // [text, multiline, block plain, single quoted, literal block]
    ['hello', false, true, true, true],
    ['', false, true, true, false],
    [' lead', false, false, true, true],
    ['trail ', false, false, true, false],
    ['a: b', false, false, true, true],
    ['a:b', false, true, true, true],
    ['a:', false, false, true, true],
    ['a #b', false, false, true, true],
    ['a#b', false, true, true, true],
    ['-x', false, true, true, true],
    ['- x', false, false, true, true],
    ['-\tx', false, false, false, false],
    ['?x', false, true, true, true],
    ['---x', false, false, true, true],
    ['a\nb', true, false, true, true],
    ['a \nb', true, false, false, false],
    ['a\n b', true, false, false, true],
    ['a\tb', false, false, false, false],
    ['a\u2028b', true, false, true, true],
    ['é', false, true, true, true],
    ['😀', false, false, false, false],
    ['x]', false, true, true, true],
  ])('%j', (s, ...expected) => {
    expect(flags(s)).toEqual(expected);
  });
});
