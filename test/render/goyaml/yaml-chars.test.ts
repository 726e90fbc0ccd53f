import { describe, expect, it } from 'vitest';
import { isBlank, isBlankz, isBreak, isPrintable, isSpace, utf8Length } from '../../../src/render/goyaml/yaml-chars.js';

const cp = (s: string) => s.codePointAt(0)!;

describe('YAML character classes', () => {
  it('is_printable', () => {
    expect(['\n', ' ', '~', '\u00a0', 'é', '\ud7ff', '\ue000', '\ufffd'].every((c) => isPrintable(cp(c)))).toBe(true);
    expect(['\t', '\r', '\u007f', '\u0085', '\u009f', '\ufeff', '\ufffe', '😀'].some((c) => isPrintable(cp(c)))).toBe(false);
  });

  it('breaks, blanks and spaces', () => {
    expect(['\r', '\n', '\u0085', '\u2028', '\u2029'].every((c) => isBreak(cp(c)))).toBe(true);
    expect(isBreak(cp('\u000b'))).toBe(false);
    expect(isBlank(cp('\t')) && isBlank(cp(' ')) && !isSpace(cp('\t')) && isSpace(cp(' '))).toBe(true);
    expect(isBlankz(undefined) && isBlankz(0) && isBlankz(cp('\u2028')) && !isBlankz(cp('a'))).toBe(true);
  });

  it('measures UTF-8 bytes', () => {
    expect(utf8Length([0x61, 0xe9, 0x4e2d, 0x1f600])).toBe(1 + 2 + 3 + 4);
  });
});
