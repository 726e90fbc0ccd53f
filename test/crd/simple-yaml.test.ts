// The fast reader of rendered documents (src/crd/simple-yaml.ts) gives exactly what YAML.parse
// gives, or declines: on every golden output, on hand-picked scalars and layouts, and on generated
// (and mangled) documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DECLINED, parseSimpleYaml, parseYamlDocument } from '../../src/crd/simple-yaml.js';
import { splitManifests } from '../../src/render/manifest.js';
import { expectedOutput, goldenCases } from '../support/golden-cases.js';

/** YAML.parse's value, or 'throws'. */
function reference(text: string): unknown {
  try {
    return YAML.parse(text);
  } catch {
    return 'throws';
  }
}

/** The reader either declines or agrees with YAML.parse (which then must not throw). */
function agrees(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === DECLINED) return false;
  expect(fast, text).toEqual(reference(text));
  return true;
}

describe('parseSimpleYaml', () => {
  it('agrees with YAML.parse on every document of every golden output, and reads most of them', () => {
    let docs = 0;
    let read = 0;
    for (const c of goldenCases) {
      for (const doc of splitManifests(expectedOutput(c.name))) {
        docs++;
        if (agrees(doc)) read++;
      }
    }
    expect(docs).toBeGreaterThan(50);
    expect(read / docs).toBeGreaterThan(0.8);
  });

  it('reads every document of the production example', () => {
    for (const doc of splitManifests(expectedOutput('seed-production'))) expect(parseSimpleYaml(doc), doc).not.toBe(DECLINED);
  });

  it('resolves plain scalars as the core schema does', () => {
    const scalars = [
      '~', 'null', 'Null', 'NULL', 'nUll', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n',
      '0', '-0', '+0', '007', '0o17', '0o8', '0x1F', '0X1F', '0xg', '12345678901234567890', '-12', '+12', '1_000', '1:20',
      '1.5', '-1.5', '+.5', '.5', '5.', '1e3', '1E-3', '-1.5e+3', '.5e1', '1.e2', 'e3', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', '.NAN', '-.nan',
      '2001-12-14', '1.1.0', '100Mi', 'a,b=c\\,d', 'a#b', 'http://x:80/y', 'a:b', '-foo', '-1x', '@x', '`x`', '%x',
    ];
    for (const s of scalars) {
      agrees(`key: ${s}\n`);
      agrees(`- ${s}\n`);
      agrees(`key: ${s} # comment\n`);
    }
  });

  it('reads quoted scalars, escapes, comments, empty collections and compact lists as YAML.parse does', () => {
    const texts = [
      'a: "x # y"\nb: \'it\'\'s\'\nc: "tab\\tnew\\nline \\u00e9 \\U0001F600 \\x41 \\/ \\" \\\\ \\0 \\N \\_ \\L \\P \\ "\n',
      'a: {}\nb: []\nc: {} # c\nd:\ne: ~\n',
      'a:\n- 1\n- x: 1\n  y:\n  - 2\n- - 3\nb: 1\n',
      'list:\n  -   k: v\n      l: w\n  -\n    n: 1\n  - # c\n    m: 2\n',
      '# head\napiVersion: v1 # c\n\n  # indented comment\nkind: X\n',
      'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
      '  a: 1\n  b: 2\n',
      'a: 1\na: 2\n',
      'a:\n    b: 1\n  c: 2\n',
      'a: b\n  c\n',
      'a: "unterminated\n  rest"\n',
      'a: |\n  x\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      'true: 1\n',
      '__proto__: 1\n',
      '"a": 1\n',
      'a: - b\n',
      'a: b: c\n',
      'a: "x"y\n',
      'a: [1, 2]\n',
      'a: "bad \\q escape"\n',
      '- a\nb: 1\n',
      'a: 1\n- b\n',
      'a:\tb\n',
      'a: é\n',
    ];
    for (const t of texts) agrees(t);
  });

  it('agrees with YAML.parse on generated and mangled documents', () => {
    const key = fc.constantFrom('a', 'b', 'name', 'x.y/z', 'true', 'null', 'k-1', '_k', '__proto__', '1', 'a b');
    const plain = fc.constantFrom('1', '-1', '0o7', '0x1f', '1.5', '.inf', '.nan', 'null', '~', 'true', 'x', 'a b', '1e3', '-', '- a', 'a: b', 'a #c', '#', '{}', '[]', '[a]', '"q"', "'q'", '"a\\"b"', "'a''b'", '&a', '*a', '|', '>', '!t', '"unterminated', '');
    const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, plain, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    const render = (v: unknown, indent: number): string[] => {
      const pad = ' '.repeat(indent);
      if (Array.isArray(v)) return v.length === 0 ? [`${pad}- []`] : v.flatMap((x) => (typeof x === 'string' ? [`${pad}- ${x}`] : [`${pad}-`, ...render(x, indent + 2)]));
      if (typeof v === 'object' && v !== null) {
        const entries = Object.entries(v);
        return entries.length === 0 ? [`${pad}k: {}`] : entries.flatMap(([k, x]) => (typeof x === 'string' ? [`${pad}${k}: ${x}`] : [`${pad}${k}:`, ...render(x, indent + 2)]));
      }
      return [`${pad}k: ${String(v)}`];
    };
    fc.assert(
      fc.property(tree, fc.nat(), fc.constantFrom('', ' ', '  ', '- ', '#', ':', '"', "'", '\n', '---\n'), (t, at, insert) => {
        const text = `${render(t, 0).join('\n')}\n`;
        agrees(text);
        const i = at % (text.length + 1);
        agrees(text.slice(0, i) + insert + text.slice(i));
      }),
      { numRuns: 3000 },
    );
  });

  it('parseYamlDocument falls back to YAML.parse, errors included', () => {
    expect(parseYamlDocument('a: &x 1\nb: *x\n')).toEqual({ a: 1, b: 1 });
    expect(() => parseYamlDocument('a: 1\na: 2\n')).toThrow(/unique/);
  });
});
