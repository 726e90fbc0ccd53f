import { describe, expect, it } from 'vitest';
import { atoi, formatFloat32G, formatFloatG, parseInt64, parseUint64, underscoreOK } from '../../src/go/strconv.js';
import { goQuote, goQuoteRunes } from '../../src/go/quote.js';

const show = (r: ReturnType<typeof parseInt64>): string => (r.ok ? String(r.value) : r.reason);

describe('parseInt64 / parseUint64 (Go strconv)', () => {
  it.each([
    ['0', 0, '0'],
    ['-0', 0, '0'],
    ['+7', 0, '7'],
    ['0777', 0, '511'],
    ['0o17', 0, '15'],
    ['0B101', 0, '5'],
    ['0x1f', 0, '31'],
    ['0x', 0, 'invalid syntax'],
    ['08', 0, 'invalid syntax'],
    ['1_000', 0, '1000'],
    ['_1', 0, 'invalid syntax'],
    ['1__0', 0, 'invalid syntax'],
    ['9223372036854775807', 10, '9223372036854775807'],
    ['9223372036854775808', 10, 'value out of range'],
    ['-9223372036854775808', 10, '-9223372036854775808'],
    ['99999999999999999999x', 10, 'value out of range'], // Go reports the overflow first
    ['1_000', 10, 'invalid syntax'],
    ['', 10, 'invalid syntax'],
    ['+', 10, 'invalid syntax'],
    ['-101', 2, '-5'],
  ] as [string, number, string][])('parseInt64(%j, %d) → %s', (s, base, out) => {
    expect(show(parseInt64(s, base))).toBe(out);
  });

  it('parseUint64 takes no sign and reaches 2^64-1', () => {
    expect(show(parseUint64('+1', 0))).toBe('invalid syntax');
    expect(show(parseUint64('18446744073709551615', 0))).toBe('18446744073709551615');
    expect(show(parseUint64('18446744073709551616', 0))).toBe('value out of range');
  });

  it('underscoreOK', () => {
    expect(underscoreOK('0x_1F')).toBe(true);
    expect(underscoreOK('1_000')).toBe(true);
    expect(underscoreOK('1_')).toBe(false);
    expect(underscoreOK('.5_5')).toBe(true);
  });

  it('atoi has Go’s error text', () => {
    expect(atoi('12')).toEqual({ ok: true, value: 12n });
    expect(atoi('x')).toEqual({ ok: false, message: 'strconv.Atoi: parsing "x": invalid syntax' });
    expect(atoi('99999999999999999999')).toEqual({ ok: false, message: 'strconv.Atoi: parsing "99999999999999999999": value out of range' });
  });
});

describe('quoting (%q)', () => {
  it.each([
    ['a', '"a"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\n\t\x07\x7f', '"\\n\\t\\a\\x7f"'],
    ['é☃😀', '"é☃😀"'],
    ['\u200b', '"\\u200b"'],
    ['\u{e0001}', '"\\U000e0001"'],
  ])('goQuote(%j) → %s', (s, q) => {
    expect(goQuote(s)).toBe(q);
  });

  it('quotes rune slices element by element', () => {
    expect(goQuoteRunes('x')).toBe("['x']");
    expect(goQuoteRunes("a'\"")).toBe("['a' '\\'' '\"']");
  });
});

describe('float formatting', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
  ])('formatFloatG(%d) → %s', (x, s) => {
    expect(formatFloatG(x)).toBe(s);
  });

  it.each([
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1000, '1000'],
    [1e10, '1e+10'],
    [123456789, '1.2345679e+08'],
    [1234567, '1.234567e+06'],
    [3.14159265358979, '3.1415927'],
    [0.000001, '1e-06'],
    [-0, '-0'],
  ])('formatFloat32G(%d) → %s', (x, s) => {
    expect(formatFloat32G(x)).toBe(s);
  });
});
