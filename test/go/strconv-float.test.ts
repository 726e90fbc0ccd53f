import { describe, expect, it } from 'vitest';
import { goParseFloatOk, parseInt64, parseUint64, underscoreOK, type NumResult } from '../../src/go/strconv.js';

// The outcome names these tables were written with: what go-yaml's resolver asks of strconv.
const outcome = (r: NumResult) => (r.ok ? 'ok' : r.reason === 'invalid syntax' ? 'syntax' : 'range');
const goParseInt = (s: string, base: number) => outcome(parseInt64(s, base));
const goParseUint = (s: string, base: number) => outcome(parseUint64(s, base));

describe('goParseUint / goParseInt (base 0 = Go literal syntax)', () => {
  it.each([
    ['0', 'ok'], ['0777', 'ok'], ['08', 'syntax'], ['0x1F', 'ok'], ['0X1f', 'ok'], ['0x', 'syntax'], ['0b101', 'ok'],
    ['0b', 'syntax'], ['0o17', 'ok'], ['1_000', 'ok'], ['1__0', 'syntax'], ['_1', 'syntax'], ['+1', 'syntax'],
    ['18446744073709551615', 'ok'], ['18446744073709551616', 'range'], ['99999999999999999999x', 'range'], ['', 'syntax'],
  ])('ParseUint(%j, 0) -> %s', (s, out) => {
    expect(goParseUint(s, 0)).toBe(out);
  });

  it.each([
    ['-1', 'ok'], ['+0x1F', 'ok'], ['-0b101', 'ok'], ['9223372036854775807', 'ok'], ['9223372036854775808', 'range'],
    ['-9223372036854775808', 'ok'], ['-9223372036854775809', 'range'], ['-', 'syntax'], ['--1', 'syntax'],
  ])('ParseInt(%j, 0) -> %s', (s, out) => {
    expect(goParseInt(s, 0)).toBe(out);
  });

  it('accepts a sign after a 0b prefix in base 2 (resolve.go relies on it)', () => {
    expect(goParseInt('-101', 2)).toBe('ok');
    expect(goParseInt('102', 2)).toBe('syntax');
    expect(goParseUint('1'.repeat(64), 2)).toBe('ok');
    expect(goParseInt('1'.repeat(64), 2)).toBe('range');
  });
});

describe('goParseFloatOk', () => {
  it.each([
    ['1.5', true], ['.5', true], ['5.', true], ['1e3', true], ['1E+3', true], ['1e', false], ['.', false], ['.e5', false],
    ['1e400', false], ['1e-400', true], ['.5_5', true], ['._5', false], ['.5_', false], ['1_000.5', true], ['inf', true],
    ['-Infinity', true], ['+inf', true], ['nan', true], ['+nan', false], ['infx', false], ['0x1p-2', true], ['0x1.8p1', true],
    ['0x1', false], ['0x1p1024', false], ['0x1.fffffffffffffp1023', true], ['0x1.fffffffffffff8p1023', false], ['', false],
    ['1.5x', false], ['1..5', false],
  ])('ParseFloat(%j) ok: %s', (s, ok) => {
    expect(goParseFloatOk(s)).toBe(ok);
  });
});

describe('underscoreOK', () => {
  it.each([
    ['1_000', true], ['_1', false], ['1_', false], ['1__0', false], ['0x_1F', true], ['0_7', true], ['-1_0', true], ['.5_5', true],
  ])('%j -> %s', (s, ok) => {
    expect(underscoreOK(s)).toBe(ok);
  });
});
