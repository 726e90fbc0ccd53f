import { describe, expect, it } from 'vitest';
import { roundTripThroughJson } from '../../../src/render/goyaml/json-roundtrip.js';
import { newMap, type Value } from '../../../src/values/types.js';

const map = (entries: Record<string, Value>) => Object.assign(newMap(), entries);
const str = (s: string) => roundTripThroughJson(s);

describe('roundTripThroughJson', () => {
  it('turns numbers into their final YAML tokens', () => {
    expect(roundTripThroughJson(1e6)).toEqual({ kind: 'token', text: '1000000' });
    expect(roundTripThroughJson(0.5)).toEqual({ kind: 'token', text: '0.5' });
    expect(roundTripThroughJson(NaN)).toBeUndefined();
    expect(roundTripThroughJson([1, null, true])).toEqual({
      kind: 'seq',
      items: [{ kind: 'token', text: '1' }, { kind: 'token', text: 'null' }, { kind: 'token', text: 'true' }],
    });
  });

  it('fails on characters the YAML reader rejects', () => {
    for (const bad of ['\u007f', '\u0080', '\u0084', '\u0086', '\u009f', '\ufffe', '\uffff']) expect(str(`a${bad}`)).toBeUndefined();
    for (const ok of ['\u0085', '\ufeff', '\u00a0', '\u0000', '\t', '😀']) expect(str(`a${ok}`)).not.toBeUndefined();
  });

  it('folds NEL like a line break inside a double-quoted scalar', () => {
    expect(str('a\u0085b')).toEqual({ kind: 'string', value: 'a b' });
    expect(str('a  \u0085  b')).toEqual({ kind: 'string', value: 'a b' });
    expect(str('a\u0085\u0085\u0085b')).toEqual({ kind: 'string', value: 'a\n\nb' });
    expect(str('a  b')).toEqual({ kind: 'string', value: 'a  b' });
    expect(str('a\u0085---')).toEqual({ kind: 'string', value: 'a ---' });
    expect(str('a\u0085--- b')).toBeUndefined();
    expect(str('a\u0085...\u0085')).toBeUndefined();
  });

  it('limits keys to single-line simple keys of at most 1024 JSON characters', () => {
    expect(roundTripThroughJson(map({ ['a'.repeat(1022)]: 1 }))).not.toBeUndefined();
    expect(roundTripThroughJson(map({ ['a'.repeat(1023)]: 1 }))).toBeUndefined();
    expect(roundTripThroughJson(map({ [`${'a'.repeat(1020)}\n`]: 1 }))).not.toBeUndefined(); // \n is 2 JSON chars
    expect(roundTripThroughJson(map({ [`${'a'.repeat(1021)}\n`]: 1 }))).toBeUndefined();
    expect(roundTripThroughJson(map({ ['&'.repeat(171)]: 1 }))).toBeUndefined(); // & is 6 JSON chars
    expect(roundTripThroughJson(map({ 'a\u0085b': 1 }))).toBeUndefined();
  });

  it('replaces lone surrogates with U+FFFD', () => {
    expect(str('\ud800x')).toEqual({ kind: 'string', value: '\ufffdx' });
  });
});
