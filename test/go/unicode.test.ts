import { describe, expect, it } from 'vitest';
import { codePoints, goIsDigit, goIsLetter, goIsPrint, toWellFormed } from '../../src/go/unicode.js';

const cp = (s: string) => s.codePointAt(0)!;

describe('goIsPrint', () => {
  it.each([
    [' ', true], ['~', true], ['\t', false], ['\u007f', false], ['\u00a0', false], ['\u00ad', false], ['é', true],
    ['\u2028', false], ['\u3000', false], ['\ufeff', false], ['😀', true], ['\u{E0001}', false], ['\u{E0100}', true],
    ['\u{323AF}', true], // CJK extension H, Unicode 15.0
    ['\u{2EBF0}', false], // CJK extension I, Unicode 15.1: printable for Node, not for Go's Unicode 15.0
    ['\u{1CC00}', false], // Unicode 16.0
    ['\ufffd', true], ['\ufffe', false],
  ])('%j -> %s', (ch, expected) => {
    expect(goIsPrint(cp(ch))).toBe(expected);
  });
});

describe('goIsLetter / goIsDigit', () => {
  it('follow Go unicode.IsLetter / IsDigit', () => {
    expect(['a', 'Z', 'é', 'ª', 'Ω', '中'].every((c) => goIsLetter(cp(c)))).toBe(true);
    expect(['1', '_', ' ', '-', '²', '😀', '\u{2EBF0}'].some((c) => goIsLetter(cp(c)))).toBe(false);
    expect(['0', '9', '٣', '߀'].every((c) => goIsDigit(cp(c)))).toBe(true);
    expect(['²', 'a', '½'].some((c) => goIsDigit(cp(c)))).toBe(false);
  });
});

describe('codePoints / toWellFormed', () => {
  it('split by code point and replace lone surrogates', () => {
    expect(codePoints('a😀é')).toEqual([0x61, 0x1f600, 0xe9]);
    expect(codePoints('\ud800')).toEqual([0xd800]);
    expect(toWellFormed('a\ud800b\udc00😀')).toBe('a\ufffdb\ufffd😀');
  });
});
