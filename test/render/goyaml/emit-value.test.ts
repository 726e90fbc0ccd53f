// toYaml writes values straight from the value tree (emitValueBody); the node tree path
// (roundTripThroughJson, then emitDocument) is the reference it must equal, byte for byte,
// including where the round trip fails or changes a key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitDocument, emitValueBody, emitValueDocument } from '../../../src/render/goyaml/emitter.js';
import { roundTripThroughJson } from '../../../src/render/goyaml/json-roundtrip.js';
import { newMap, type Value } from '../../../src/values/types.js';
import { nindent, nindentToYaml, toYaml } from '../../../src/render/to-yaml.js';
import { freeObject, toValue, trickyString } from '../../support/arbitraries.js';

function reference(value: Value): string | undefined {
  const node = roundTripThroughJson(value);
  return node === undefined ? undefined : emitDocument(node);
}


// Keys that the round trip changes or refuses: lone surrogates (two may become one U+FFFD key),
// NEL, forbidden C1 controls, and keys too long for a simple JSON key.
const oddKey = fc.oneof(
  fc.constantFrom('a', 'b', '\ud800', '\udc00', 'x\ud800', 'x\udfff', 'n\u0085l', 'c\u0080', '\ufffe', 'é', '😀', 'k'.repeat(200), '\u0001'.repeat(200), ''),
  trickyString,
);
const oddLeaf = fc.oneof(
  trickyString,
  fc.constantFrom('\u0085', 'a\u0085b', ' \u0085 x', '\u0085---\u0085', '\ud800', '\u0080', '\u2028', 1e21, -0, 2 ** 53 + 2, NaN, Infinity, 0.1),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const oddTree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, oddLeaf, tie('list'), tie('object')),
  list: fc.array(tie('node'), { maxLength: 3 }),
  object: fc.dictionary(oddKey, tie('node'), { maxKeys: 4 }),
}));

describe('emitValueDocument', () => {
  it('equals the node tree path on chart-like values', () => {
    fc.assert(
      fc.property(freeObject, (v) => {
        const value = toValue(v);
        expect(emitValueDocument(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('equals the node tree path where the round trip fails or changes keys', () => {
    fc.assert(
      fc.property(oddTree.node, (v) => {
        const value = toValue(v);
        expect(emitValueDocument(value)).toBe(reference(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the later of two keys that become one', () => {
    const value = newMap();
    value['x\ud800'] = 1;
    value['x\udc00'] = 2;
    expect(emitValueDocument(value)).toBe('x\ufffd: 2\n');
  });
});

/** toYaml as helm's: the document without one final "\n", or '' where the round trip fails. */
function referenceToYaml(value: Value): string {
  const doc = reference(value);
  if (doc === undefined) return '';
  return doc.endsWith('\n') ? doc.slice(0, -1) : doc;
}

describe('emitValueBody (toYaml)', () => {
  it('is the node tree document without one final line break', () => {
    fc.assert(
      fc.property(fc.oneof(oddTree.node, freeObject), (v) => {
        const value = toValue(v);
        expect(emitValueBody(value)).toBe(referenceToYaml(value));
        expect(toYaml(value)).toBe(referenceToYaml(value));
      }),
      { numRuns: 1500 },
    );
  });

  it('handles documents that end in a kept line break or in NEL, LS or PS', () => {
    for (const s of ['a\n', 'a\n\n', '\n', 'a\u2028', 'a\u0085', 'x\n\u2029', 'x\u2029\n', '', ' ', '\u0085']) {
      expect(emitValueBody(s)).toBe(referenceToYaml(s));
      expect(emitValueBody([s, s])).toBe(referenceToYaml([s, s]));
      const m = newMap();
      m['k'] = s;
      expect(emitValueBody(m)).toBe(referenceToYaml(m));
      expect(emitValueBody([m])).toBe(referenceToYaml([m]));
    }
  });
});

describe('nindentToYaml', () => {
  it('is nindent n (toYaml v), for every kind of value', () => {
    fc.assert(
      fc.property(fc.oneof(oddTree.node, freeObject), fc.integer({ min: 0, max: 14 }), (v, n) => {
        const value = toValue(v);
        expect(nindentToYaml(n, value)).toBe(nindent(n, referenceToYaml(value)));
      }),
      { numRuns: 1500 },
    );
  });

  it('handles documents that end in a kept line break or in NEL, LS or PS', () => {
    for (const s of ['a\n', 'a\n\n', '\n', 'a\u2028', 'a\u0085', 'x\n\u2029', '', ' ', 'k'.repeat(100) + ' ' + 'k'.repeat(10)]) {
      for (const n of [0, 2, 4]) {
        expect(nindentToYaml(n, s)).toBe(nindent(n, referenceToYaml(s)));
        expect(nindentToYaml(n, s)).toBe(nindent(n, toYaml(s)));
        const m = newMap();
        m['k'] = s;
        expect(nindentToYaml(n, [m])).toBe(nindent(n, toYaml([m])));
      }
    }
  });
});
