// The per-scalar facts the emitter caches must be exactly what the character-by-character
// analysis says, including the pattern-based shortcut for printable ASCII.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePoints } from '../../../src/go/unicode.js';
import { analyzeScalar } from '../../../src/render/goyaml/scalar-analysis.js';
import { analyzeAsciiScalar, scalarInfo } from '../../../src/render/goyaml/scalar-info.js';
import { requestedStringStyle } from '../../../src/render/goyaml/scalar-style.js';
import { utf8Length } from '../../../src/render/goyaml/yaml-chars.js';

const TRICKY = [' ', '-', ':', '?', '#', 'a', '.', ',', '[', ']', '{', '}', "'", '"', '&', '*', '!', '|', '>', '%', '@', '`', '0'];

describe('analyzeAsciiScalar', () => {
  it('equals analyzeScalar for every string of up to 3 indicator-heavy characters', () => {
    const strings = [''];
    for (let len = 1; len <= 3; len++) {
      for (const prefix of strings.filter((s) => s.length === len - 1)) for (const c of TRICKY) strings.push(prefix + c);
    }
    for (const s of strings) expect(analyzeAsciiScalar(s), JSON.stringify(s)).toEqual(analyzeScalar(codePoints(s)));
  });

  it('equals analyzeScalar on random printable ASCII', () => {
    const ascii = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c))), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(ascii, (s) => {
        expect(analyzeAsciiScalar(s), JSON.stringify(s)).toEqual(analyzeScalar(codePoints(s)));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('scalarInfo', () => {
  it.each(['', 'plain', 'two words', ' lead', 'trail ', 'a: b', '- x', 'é', 'line\nbreak', '😀 wide', '\u0085'])('%j matches the direct computations', (s) => {
    const info = scalarInfo(s);
    expect(info.analysis).toEqual(analyzeScalar(codePoints(s)));
    expect(info.stringStyle).toBe(requestedStringStyle(s));
    expect(info.utf8Length).toBe(utf8Length(codePoints(s)));
    expect(info.printableAscii).toBe(/^[\x20-\x7e]*$/.test(s));
  });
});
