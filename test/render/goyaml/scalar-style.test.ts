import { describe, expect, it } from 'vitest';
import { codePoints } from '../../../src/go/unicode.js';
import { analyzeScalar } from '../../../src/render/goyaml/scalar-analysis.js';
import { requestedStringStyle, selectScalarStyle } from '../../../src/render/goyaml/scalar-style.js';

const value = { flowLevel: 0, simpleKeyContext: false };
const key = { flowLevel: 0, simpleKeyContext: true };
const style = (s: string, ctx = value) => selectScalarStyle(requestedStringStyle(s), analyzeScalar(codePoints(s)), s === '', ctx);

describe('requestedStringStyle', () => {
  it('asks for literal on \\n, plain when it reads back as a string, double otherwise', () => {
    expect(requestedStringStyle('a\nb')).toBe('literal');
    expect(requestedStringStyle('a\rb')).toBe('plain');
    expect(requestedStringStyle('x')).toBe('plain');
    expect(requestedStringStyle('yes')).toBe('double');
    expect(requestedStringStyle('12:30')).toBe('double');
  });
});

describe('selectScalarStyle', () => {
  it.each([
    ['plain', 'plain'], [' x', 'single'], ["'x", 'single'], ['a\tb', 'double'], ['a\nb', 'literal'], ['a\nb ', 'double'],
    ['a\u2028b', 'single'], ['a\rb', 'double'], ['', 'double'], ['on', 'double'],
  ])('value %j -> %s', (s, out) => {
    expect(style(s)).toBe(out);
  });

  it('uses double quotes for multi-line implicit keys and single quotes for an empty plain key', () => {
    expect(style('a\nb', key)).toBe('double');
    expect(selectScalarStyle('plain', analyzeScalar([]), true, key)).toBe('single');
    expect(selectScalarStyle('literal', analyzeScalar(codePoints('a\nb')), false, { flowLevel: 1, simpleKeyContext: false })).toBe('double');
  });
});
