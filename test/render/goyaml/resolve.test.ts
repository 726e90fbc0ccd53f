import { describe, expect, it } from 'vitest';
import { canUsePlain, isBase60Float, resolvesToNonString } from '../../../src/render/goyaml/resolve.js';

describe('resolvesToNonString (YAML 1.1 resolution of a plain scalar)', () => {
  it.each([
    ['y', true], ['Yes', true], ['yES', false], ['ON', true], ['oN', false], ['', true], ['~', true], ['Null', true], ['nULL', false],
    ['.inf', true], ['-.Inf', true], ['.iNf', false], ['+.nan', false], ['<<', false], ['1', true], ['-1', true], ['+0x1F', true],
    ['0777', true], ['08', true], ['1_000', true], ['1_', true], ['0b-101', true], ['0x', false], ['1e400', false], ['1e-400', true],
    ['.5', true], ['.5_5', true], ['._5', false], ['1.2.3', false], ['v1', false], ['2024-01-01', true], ['2024-13-01', false],
    ['0x10000000000000000', false], ['99999999999999999999', true], ['Infinity', false], ['nan', false], ['50Mi', false],
  ])('%j -> %s', (s, expected) => {
    expect(resolvesToNonString(s)).toBe(expected);
  });
});

describe('isBase60Float / canUsePlain', () => {
  it.each([
    ['12:30', true], ['1:20', true], ['190:20:30', true], ['00:00', true], ['1:2:3.5', true], ['80:80', false],
    ['8080:80', false], ['2001:db8::1', false], ['-1:30', true], ['a1:30', false], ['12:', false],
  ])('isBase60Float(%j) -> %s', (s, expected) => {
    expect(isBase60Float(s)).toBe(expected);
  });

  it('allows plain only for text that reads back as the same string', () => {
    expect(canUsePlain('hello')).toBe(true);
    expect(canUsePlain('12:30')).toBe(false);
    expect(canUsePlain('true')).toBe(false);
  });
});
