import { describe, expect, it } from 'vitest';
import { goFormatFloat, yamlNumberToken } from '../../../src/render/goyaml/go-number.js';

describe('goFormatFloat (%v)', () => {
  it.each([
    [0, '0'], [-0, '-0'], [1, '1'], [-1.5, '-1.5'], [999999, '999999'], [1e6, '1e+06'], [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [1e21, '1e+21'], [1e100, '1e+100'], [5e-324, '5e-324'], [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'],
  ])('%d -> %s', (n, out) => {
    expect(goFormatFloat(n)).toBe(out);
  });
});

describe('yamlNumberToken (after the JSON round trip)', () => {
  it.each([
    [1, '1'], [-0, '0'], [1e6, '1000000'], [1e19, '10000000000000000000'], [2 ** 63, '9223372036854776000'],
    [-(2 ** 63), '-9.223372036854776e+18'], [2 ** 64, '1.8446744073709552e+19'], [1e20, '1e+20'], [1.5, '1.5'],
    [1234567.5, '1.2345675e+06'], [1e-7, '1e-07'],
  ])('%d -> %s', (n, out) => {
    expect(yamlNumberToken(n)).toBe(out);
  });

  it('prints int64 bigints exactly and rejects what JSON cannot encode', () => {
    expect(yamlNumberToken(-(2n ** 63n))).toBe('-9223372036854775808');
    expect(yamlNumberToken(9007199254740993n)).toBe('9007199254740993');
    expect(yamlNumberToken(NaN)).toBeUndefined();
    expect(yamlNumberToken(Infinity)).toBeUndefined();
  });
});
