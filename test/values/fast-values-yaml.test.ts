// The fast reader is only an accelerator: whatever it accepts, it must read exactly as
// parseValuesYaml does (values, sources with positions, duplicate keys), and it must decline
// everything parseValuesYaml rejects. Random documents in and around the subset check both.
import { measureTree } from '../../src/values/limits.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimpleValuesYaml, readValuesYaml } from '../../src/values/fast-values-yaml.js';
import { parseValuesYaml, type ParsedValues } from '../../src/values/parse-yaml.js';
import { CHART_DIR, VALUES_DIR } from '../support/golden-cases.js';

const RUNS = Number(process.env.FAST_YAML_RUNS ?? 3000);

function full(text: string): ParsedValues | Error {
  try {
    return parseValuesYaml(text, 'v.yaml');
  } catch (e) {
    return e as Error;
  }
}

/** The fast reader either declines or agrees with the full one, sources and their order included. */
function expectAgreement(text: string): boolean {
  const fast = parseSimpleValuesYaml(text, 'v.yaml');
  if (fast === undefined) return false;
  const reference = full(text);
  expect(reference, `full parser rejects what the fast one accepted:\n${text}`).not.toBeInstanceOf(Error);
  const ref = reference as ParsedValues;
  expect(fast.values, text).toEqual(ref.values);
  expect(JSON.stringify(fast.values), text).toBe(JSON.stringify(ref.values)); // key order
  expect([...fast.sources], text).toEqual([...ref.sources]);
  expect(fast.duplicates, text).toEqual(ref.duplicates);
  // The size it counts while reading is what the limits would measure (limits.ts).
  if (fast.size !== undefined) expect(fast.size, text).toEqual(measureTree(fast.values));
  else expect(fast.duplicates.length, text).toBeGreaterThan(0);
  return true;
}

// ---- a generator of block YAML, mostly inside the subset, with a little outside it

const KEYS = ['a', 'name', 'b_c', 'app.kubernetes.io/name', 'x-y', 'on', 'No', 'y', 'n1', 'k', 'k', '"q k"', "'s''k'", '"a\\"b"', 'null', '1', '_x', 'a b'];
const SCALARS = [
  'x', 'hello world', 'ai-gateway', '60s', '100Mi', '4Gi', '500m', '1e3', '1e', '0x1F', '007', '0', '-0', '-1', '12', '3.5', '-0.25', '1.2.3',
  '00.5', '123456789012345678', 'true', 'False', 'yes', 'OFF', '~', 'null', 'Null', 'nULL', '.inf', '.5', '<<', '&a x', '*a', '!!str 1',
  '"quoted"', '"with \\"escapes\\" \\\\ \\n \\t"', '"\\u00e9"', '"\\/"', "'single'", "'it''s'", "''", '""', '{}', '[]', '{a: 1}', '[1, 2]',
  'a#b', 'a #comment', 'x:y', 'x: y', 'ends:', 'http://example.com/a?b=c', '/path', 'C:\\dir', "it's", 'a,b', '[x', '-x', '- x', '? x',
  '|', '>', '%x', '@x', '`x', 'a  b', 'tr ue', 'Yes', 'o',
];
const key = fc.constantFrom(...KEYS);
const scalar = fc.constantFrom(...SCALARS);
const space = fc.constantFrom('', '', '', ' ', '  ');
const comment = fc.constantFrom('', '', '', ' # note', '  #x', '#tight');

type Node = { kind: 'scalar'; text: string } | { kind: 'empty' } | { kind: 'map'; entries: [string, Node][] } | { kind: 'seq'; items: Node[] };

const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node; map: Node; seq: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((text) => ({ kind: 'scalar' as const, text })),
    fc.constant({ kind: 'empty' as const }),
    tie('map'),
    tie('seq'),
  ),
  map: fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4 }).map((entries) => ({ kind: 'map' as const, entries })),
  seq: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'seq' as const, items })),
})).node;

interface Style {
  step: number;
  indentless: boolean;
  trailing: string;
  comment: string;
  blankLines: boolean;
}
const style = fc.record({ step: fc.constantFrom(2, 2, 4, 1, 3), indentless: fc.boolean(), trailing: space, comment, blankLines: fc.boolean() });

function emit(n: Node, indent: number, s: Style, lines: string[], prefix: string): void {
  const pad = ' '.repeat(indent);
  if (n.kind === 'map') {
    n.entries.forEach(([k, v], i) => {
      const head = i === 0 ? prefix : pad;
      if (v.kind === 'scalar') lines.push(`${head}${k}: ${v.text}${s.trailing}${s.comment}`);
      else if (v.kind === 'empty') lines.push(`${head}${k}:${s.trailing}`);
      else {
        lines.push(`${head}${k}:${s.comment}`);
        if (s.blankLines) lines.push('');
        const childIndent = v.kind === 'seq' && s.indentless ? indent : indent + s.step;
        emit(v, childIndent, s, lines, ' '.repeat(childIndent));
      }
    });
  } else if (n.kind === 'seq') {
    n.items.forEach((item, i) => {
      const head = `${i === 0 ? prefix : pad}-`;
      if (item.kind === 'scalar') lines.push(`${head} ${item.text}${s.trailing}`);
      else if (item.kind === 'empty') lines.push(`${head}${s.trailing}`);
      else if (item.kind === 'map' && !s.blankLines) emit(item, indent + 2, s, lines, `${head} `);
      else {
        lines.push(head);
        emit(item, indent + s.step, s, lines, ' '.repeat(indent + s.step));
      }
    });
  } else if (n.kind === 'scalar') {
    lines.push(`${prefix}${n.text}`);
  }
}

// Lines that carry nothing, slipped in between the others: blank, spaces only, comments at any column.
const NOISE = ['', '   ', '# c', '      # deep comment', ' #', '#…'];

const document = fc
  .tuple(node, style, fc.constantFrom('', '# header\n', '\n\n', '  # indented comment\n'), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOISE)), { maxLength: 3 }))
  .map(([n, s, head, noise]) => {
    const lines: string[] = [];
    emit(n, 0, s, lines, '');
    for (const [at, line] of noise) lines.splice(at % (lines.length + 1), 0, line);
    return `${head}${lines.join('\n')}\n`;
  });

/** One random edit of a document: a character inserted, removed or replaced. */
const mutated = fc.tuple(document, fc.nat(), fc.constantFrom(' ', '-', ':', '#', '"', "'", '\n', '\t', '{', 'x', '&', '\u00e9', '\r', '---\n')).chain(([doc, at, ch]) =>
  fc.constantFrom(
    doc.slice(0, at % (doc.length + 1)) + ch + doc.slice(at % (doc.length + 1)),
    doc.slice(0, at % doc.length) + doc.slice((at % doc.length) + 1),
    doc.slice(0, at % doc.length) + ch + doc.slice((at % doc.length) + 1),
  ),
);

describe('fast values reader', () => {
  it('reads the chart defaults and the golden values files (the subset covers real files)', () => {
    const files = [join(CHART_DIR, 'values.yaml'), ...readdirSync(VALUES_DIR).map((f) => join(VALUES_DIR, f))];
    const accepted = files.filter((f) => expectAgreement(readFileSync(f, 'utf8')));
    for (const must of ['values.yaml', 'seed-production.yaml', 'seed-basic.yaml', 'overlay-prod.yaml']) {
      expect(accepted.map((f) => f.split('/').pop()), must).toContain(must);
    }
  });

  it.each([
    ['a:\n- x\nb: 1\n', { a: ['x'], b: 1 }],
    ['- a: 1\n', undefined], // a list at the root is helm's error, not ours to word
    ['a:\n  b: 1\n c: 2\n', undefined], // misaligned keys
    ['a: hello\n  world\n', undefined], // a multi-line plain scalar
    ['a: 1\n---\nb: 2\n', undefined], // several documents
    ['a: &x 1\nb: *x\n', undefined], // anchors
    ['on: yes\nk: 60s\nq: "a\\"b"\n', { true: true, k: '60s', q: 'a"b' }],
    ['# café…\na: 1 # naïve\n', undefined], // non-ASCII on a content line, even in its comment
    ['# café…\na: 1\n', { a: 1 }], // anywhere in a comment line
    ['# x\u0085a: 1\n', undefined], // NEL breaks a line in YAML 1.1
  ])('%j', (text, expected) => {
    const fast = parseSimpleValuesYaml(text, 'v.yaml');
    if (expected === undefined) expect(fast).toBeUndefined();
    else {
      expect(JSON.parse(JSON.stringify(fast?.values))).toEqual(expected);
      expectAgreement(text);
    }
  });

  it('agrees with parseValuesYaml on random block documents, or declines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, (text) => {
        if (expectAgreement(text)) accepted++;
      }),
      { numRuns: RUNS },
    );
    // The generator aims at the subset; most documents must take the fast path or this says little.
    expect(accepted).toBeGreaterThan(600);
  });

  it('never accepts a broken or unusual document differently (random edits)', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        expectAgreement(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('readValuesYaml reads a recently read file again without sharing what callers may change', () => {
    const text = 'a:\n  b: 1\n  b: 2\nc: [x]\n'.replace('[x]', '[]');
    const first = readValuesYaml(text, 'v.yaml');
    const second = readValuesYaml(text, 'v.yaml');
    expect(second.values).toEqual(first.values);
    expect(second.sources).not.toBe(first.sources);
    expect([...second.sources]).toEqual([...first.sources]);
    first.sources.clear();
    first.duplicates.length = 0;
    expect(readValuesYaml(text, 'v.yaml').sources.size).toBeGreaterThan(0);
    expect(readValuesYaml(text, 'v.yaml').duplicates).toHaveLength(1);
    // another file name or kind is another entry: the sources name the file
    expect([...readValuesYaml(text, 'w.yaml').sources.values()][0]!.file).toBe('w.yaml');
  });

  it('readValuesYaml falls back to parseValuesYaml, errors included', () => {
    expect(JSON.parse(JSON.stringify(readValuesYaml('a: &x 1\nb: *x\n', 'v.yaml').values))).toEqual({ a: 1, b: 1 });
    expect(() => readValuesYaml('a: [\n', 'v.yaml')).toThrow(/v\.yaml:/);
  });
});

describe('Go integer literals are numbers, not words', () => {
  // Regression: `0xF` once matched the digits-then-letters shortcut and came back as a string.
  it.each(['0xF', '0x1F', '0XAB', '0o17', '0b101', '0b', '0x', '0s', '10s', '0Mi'])('%s', (scalar) => {
    const text = `v: ${scalar}\n`;
    const fast = parseSimpleValuesYaml(text, 'v.yaml');
    if (fast !== undefined) expect(fast.values).toEqual(parseValuesYaml(text, 'v.yaml').values);
  });
});

describe('the memory of recent files', () => {
  it('keeps a file read again and again while many others pass through (a fleet’s shared -f file)', () => {
    const shared = 'gateway:\n  name: shared-by-all\n';
    readValuesYaml(shared, 'shared.yaml');
    const first = readValuesYaml(shared, 'shared.yaml').values; // shared (and frozen) from the second reading
    expect(Object.isFrozen(first)).toBe(true);
    for (let i = 0; i < 20; i++) {
      readValuesYaml(`gateway:\n  name: env-${i}\n`, `env-${i}.yaml`);
      expect(readValuesYaml(shared, 'shared.yaml').values).toBe(first);
    }
  });
});
