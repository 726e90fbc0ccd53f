import { describe, expect, it } from 'vitest';
import { isYamlTimestamp } from '../../../src/render/goyaml/timestamp.js';

describe('isYamlTimestamp (go-yaml v2 parseTimestamp)', () => {
  it.each([
    ['2024-01-01', true], ['2024-1-2', true], ['2024-01-01T10:00:00Z', true], ['2024-01-01t10:00:00+01:00', true],
    ['2024-01-01 10:00:00', true], ['2024-01-01   1:2:3.123456789123', true], ['2024-01-01 10:00:00,5', true],
    ['2024-02-29', true], ['2000-02-29', true], ['0000-02-29', true],
    ['2024-01-01T10:00:00', false], // T requires a zone
    ['2024-01-01 10:00:00Z', false], // space form has no zone
    ['2023-02-29', false], ['1900-02-29', false], ['2024-02-30', false], ['2024-13-01', false], ['2024-0-01', false],
    ['2024-001-01', false], ['2024-01-001', false], ['2024-01-01 24:00:00', false], ['2024-01-01 10:60:00', false],
    ['2024-01-01T10:00:00z', false], ['2024-01-01T10:00:00+25:00', false], ['2024-01-01T10:00:00+24:60', true],
    ['2024-01-01T10:00:00+0100', false], ['2024-01-01 10:00:00.', false], ['2024-01-01x', false], ['20240-01-01', false],
    ['+2024-01-01', false], ['2024', false], ['2024-', false],
  ])('%j -> %s', (s, expected) => {
    expect(isYamlTimestamp(s)).toBe(expected);
  });
});
