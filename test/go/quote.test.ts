import { describe, expect, it } from 'vitest';
import { goQuote } from '../../src/go/quote.js';

describe('goQuote (%q)', () => {
  it.each([
    ['plain', '"plain"'], ['a"b\\c', '"a\\"b\\\\c"'], ['\u0007\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'], ['\u0000\u001f', '"\\x00\\x1f"'],
    ['\u007f', '"\\x7f"'], ['\u0080', '"\\u0080"'], ['\u00a0', '"\\u00a0"'], ['é中😀', '"é中😀"'], ['\ufeff', '"\\ufeff"'],
    ['\u{2EBF0}', '"\\U0002ebf0"'], ["it's", '"it\'s"'], ['\udfff', '"\ufffd"'],
  ])('%j -> %s', (s, out) => {
    expect(goQuote(s)).toBe(out);
  });
});
