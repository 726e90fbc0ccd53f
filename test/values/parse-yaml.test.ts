import { afterAll, describe, expect, it } from 'vitest';
import { parseValuesYaml, ValuesYamlError, type ValuesYamlErrorCode } from '../../src/values/parse-yaml.js';
import { newMap, type Value } from '../../src/values/types.js';
import { HELM_MAJORS } from '../support/helm.js';
import { FROM_YAML_TEMPLATE, helmFromYaml, helmValues, makeChart, plain, pool, writeTemp, removeTemp } from './helm-values.js';

afterAll(removeTemp);

const parse = (text: string): unknown => plain(parseValuesYaml(text, 'v.yaml').values);
const one = (scalar: string): unknown => (parse(`k: ${scalar}\n`) as { k: unknown }).k;

function errorOf(text: string): ValuesYamlError {
  try {
    parseValuesYaml(text, 'v.yaml');
  } catch (e) {
    if (e instanceof ValuesYamlError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('YAML 1.1 scalars (plain scalars only)', () => {
  it.each([
    ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'].map((s) => [s, true]),
    ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'].map((s) => [s, false]),
    ...['~', 'null', 'Null', 'NULL', ''].map((s) => [s, null]),
    ...['yES', 'tRUE', 'oN', 'nULL', 'nan', 'Nan', 'NaN'].map((s) => [s, s]),
  ])('%j → %j', (text, expected) => {
    expect(one(text as string)).toBe(expected);
  });

  it.each([
    ['0777', 511],
    ['0x1F', 31],
    ['0X1F', 31],
    ['0o17', 15],
    ['0O17', 15],
    ['0b101', 5],
    ['-0b101', -5],
    ['0b-101', -5], // go-yaml's 0b branch parses the rest as a signed base-2 number
    ['1_000', 1000],
    ['1__0', 10],
    ['1_', 1],
    ['+1', 1],
    ['-0', 0],
    ['08', 8], // not octal, so it is read as a float
    ['0778', 778],
    ['0_7', 7],
    ['-0777', -511],
    ['+0x10', 16],
    ['9223372036854775807', 9223372036854775807],
    ['18446744073709551615', 18446744073709551615],
    ['18446744073709551616', 18446744073709551616],
    ['-0x8000000000000000', -9223372036854775808],
    ['123456789012345678901', 123456789012345678901],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['+.5', 0.5],
    ['-.5', -0.5],
    ['1.', 1],
    ['1e5', 100000],
    ['1E5', 100000],
    ['1.5e-3', 0.0015],
    ['.5e3', 500],
    ['.5_5', 0.55],
    ['1_000.5', 1000.5],
    ['1e-400', 0],
  ])('number %s → %d', (text, expected) => {
    expect(one(text)).toBe(expected);
  });

  it('keeps -0.0 negative, as Go JSON does', () => {
    expect(Object.is(one('-0.0'), -0)).toBe(true);
    expect(Object.is(one('-0'), 0)).toBe(true);
  });

  it.each([
    '1e400',
    '-1e400',
    '._5',
    '0x1.8p1',
    '+',
    '.',
    '1e',
    '12:30',
    '1:20:30',
    '2001:db8::1',
    '2024-01-01',
    '2001-12-14t21:59:43.10-05:00',
    '_1',
    '0x1FFFFFFFFFFFFFFFFFF',
    '-0x8000000000000001',
    '"quoted"',
    "'yes'",
  ])('%s stays a string', (text) => {
    const expected = text.startsWith('"') || text.startsWith("'") ? text.slice(1, -1) : text;
    expect(one(text)).toBe(expected);
  });

  it('block scalars and quoted scalars are strings', () => {
    expect(parse('a: "true"\nb: |\n  1\nc: >-\n  yes\nd: \'0x1F\'\n')).toEqual({ a: 'true', b: '1\n', c: 'yes', d: '0x1F' });
  });

  it('lists resolve each item', () => {
    expect(parse('list: [x, y, n, 1, "1", ~]\n')).toEqual({ list: ['x', true, false, 1, '1', null] });
  });
});

describe('explicit tags', () => {
  it.each([
    ['!!str 12', '12'],
    ['!!float 1', 1],
    ['!!int "12"', 12],
    ['!!bool "true"', true],
    ['!!bool yes', true],
    ['! 12', '12'],
    ['!foo 12', '12'],
    ['!!binary aGVsbG8=', 'hello'],
    ['!!timestamp 2001-01-01', '2001-01-01'],
    ['!!null ""', null],
    ['!!str', ''],
    ['!!float "1e3"', 1000],
    ['!!int "0x1F"', 31],
    ['!!seq x', 'x'],
  ])('%s → %j', (text, expected) => {
    expect(one(text)).toEqual(expected);
  });

  it.each([
    ['!!int 1.5', 'cannot decode !!float `1.5` as a !!int'],
    ['!!int', 'cannot decode !!null `` as a !!int'],
    ['!!timestamp foo', 'cannot decode !!str `foo` as a !!timestamp'],
    ['!!float abc', 'cannot decode !!str `abc` as a !!float'],
    ['!!float 18446744073709551615', 'cannot decode !!int `18446744073709551615` as a !!float'],
    ['!!binary "!!!"', '!!binary value contains invalid base64 data'],
  ])('%s is rejected like go-yaml does', (text, reason) => {
    const e = errorOf(`k: ${text}\n`);
    expect(e.code).toBe('tag');
    expect(e.reason).toBe(reason);
  });

  it('tags on collections are ignored', () => {
    expect(parse('a: !!map {x: 1}\nb: !!str {x: 1}\n')).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
});

describe('keys', () => {
  it('stringifies non-string keys the way sigs.k8s.io/yaml does', () => {
    const text = [
      'y: a',
      'n: b',
      '1: c',
      '1.5: d',
      '0.1: e',
      '1e3: f',
      '1e10: g',
      '123456789.0: h',
      '.inf: i',
      '-.inf: j',
      '.nan: k',
      '0x10: l',
      '2001-01-01: n',
      '12:30: o',
      '"quoted": p',
      '!!str 7: q',
      '-0: r',
      '-0.0: s',
      '1.0: t',
      '0.000001: u',
      '1234567.0: v',
      '3.14159265358979: w',
      '9223372036854775807: x',
      '"": z',
    ].join('\n');
    expect(Object.keys(parseValuesYaml(text, 'v.yaml').values).sort()).toEqual(
      [
        'true', 'false', '1', '1.5', '0.1', '1000', '1e+10', '1.2345679e+08', '.inf', '-.inf', '.nan', '16', '2001-01-01',
        '12:30', 'quoted', '7', '0', '-0', '1e-06', '1.234567e+06', '3.1415927', '9223372036854775807', '',
      ].sort(),
    );
  });

  it.each([
    ['~: v', 'invalid-key'],
    ['null: v', 'invalid-key'],
    ['18446744073709551615: v', 'invalid-key'],
    ['? [a]\n: v', 'invalid-key'],
    ['? {a: 1}\n: v', 'invalid-key'],
  ])('%j is not a usable key', (text, code) => {
    expect(errorOf(`${text}\n`).code).toBe(code);
  });

  it('keeps __proto__, constructor and prototype as ordinary own keys', () => {
    const { values } = parseValuesYaml('__proto__: {polluted: 1}\nconstructor: 2\nprototype: [3]\n', 'v.yaml');
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(Object.keys(values)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getPrototypeOf(values['__proto__'])).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('duplicates, anchors and merge keys', () => {
  it('keeps the last duplicate and reports each with both positions', () => {
    const r = parseValuesYaml('a: 1\nb:\n  c: 1\n  c: 2\na: 3\ny: 1\ntrue: 2\n', 'v.yaml');
    expect(plain(r.values)).toEqual({ a: 3, b: { c: 2 }, true: 2 });
    expect(r.duplicates).toEqual([
      { path: 'b.c', first: { line: 3, col: 3 }, second: { line: 4, col: 3 } },
      { path: 'a', first: { line: 1, col: 1 }, second: { line: 5, col: 1 } },
      { path: 'true', first: { line: 6, col: 1 }, second: { line: 7, col: 1 } },
    ]);
  });

  it('resolves aliases to independent copies', () => {
    const { values } = parseValuesYaml('a: &x {k: [1]}\nb: *x\n', 'v.yaml');
    expect(plain(values)).toEqual({ a: { k: [1] }, b: { k: [1] } });
    expect(values['a']).not.toBe(values['b']);
  });

  it('applies merge keys positionally, as go-yaml v2 does', () => {
    expect(parse('base: &b {x: 1, z: 2}\nm:\n  x: 0\n  <<: *b\n  z: 3\n')).toEqual({ base: { x: 1, z: 2 }, m: { x: 1, z: 3 } });
    expect(parse('m:\n  <<: [{x: 1}, {x: 2, w: 2}]\n  w: 9\n')).toEqual({ m: { x: 1, w: 9 } });
    expect(parse('m:\n  "<<": {x: 1}\n')).toEqual({ m: { '<<': { x: 1 } } });
    expect(errorOf('m:\n  <<: 1\n').code).toBe('merge');
    expect(errorOf('a: &a 1\nm:\n  <<: [*a]\n').code).toBe('merge');
  });

  it('redefining an anchor affects later aliases only', () => {
    expect(parse('a: &x 1\nb: *x\nc: &x 2\nd: *x\n')).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  it.each([
    ['a: &a [1, *a]\n', "anchor 'a' value contains itself"],
    ['a: *nope\n', "unknown anchor 'nope' referenced"],
  ])('%j fails', (text, reason) => {
    const e = errorOf(text);
    expect(e.code).toBe('alias');
    expect(e.reason).toContain(reason);
  });

  it('stops a billion-laughs file quickly', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    expect(errorOf(`${lines.join('\n')}\n`).code).toBe('excessive-aliasing');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('allows a file that reuses one anchor many times', () => {
    const text = `a: &a {k: v}\nl:\n${Array(3000).fill('  - *a').join('\n')}\n`;
    expect((parseValuesYaml(text, 'v.yaml').values['l'] as Value[]).length).toBe(3000);
  });
});

describe('documents, root and encoding', () => {
  it.each([
    ['', {}],
    ['# only a comment\n', {}],
    ['~\n', {}],
    ['---\n', {}],
    ['\uFEFFa: 1\n', { a: 1 }],
    ['a: 1\r\nb: [1,\r\n 2]\r\n', { a: 1, b: [1, 2] }],
    ['a: 1\nb: 1\n---\nb: 2\nc: 3\n', { a: 1, b: 2, c: 3 }],
    ['a: {x: 1}\n---\na: {w: 2}\n', { a: { x: 1, w: 2 } }],
    ['a: {x: 1}\n---\na: {y: 2}\n---\na: null\n', { a: null }],
    ['---\n---\na: 1\n---\n', { a: 1 }],
    ['a: 1\n--- # comment\nb: 2\n', { a: 1, b: 2 }],
    ['a: 1\n...\nb: 2\n', { a: 1 }],
    ['a: |\n  x\n  ---\n  y\n', { a: 'x\n---\ny\n' }],
  ])('%j → %j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ['- a\n', 'root-not-map', 'a list'],
    ['hello\n', 'root-not-map', 'a string'],
    ['true\n', 'root-not-map', 'a boolean'],
    ['5\n', 'root-not-map', 'a number'],
    ['a: 1\n---\n- x\n', 'root-not-map', 'a list'],
    ['--- {a: 1}\n', 'separator', 'only a comment may follow'],
    ['a: 1\n----\n', 'separator', 'only a comment may follow'],
    ['a: .inf\n', 'non-finite-number', 'json: unsupported value: +Inf'],
    ['a: [-.inf]\n', 'non-finite-number', 'json: unsupported value: -Inf'],
    ['a: {b: .nan}\n', 'non-finite-number', 'json: unsupported value: NaN'],
    ['a: !!float .inf\n', 'non-finite-number', '+Inf'],
    ['a: b: c\n', 'syntax', 'invalid YAML'],
    ['a: [1, 2\n', 'syntax', 'invalid YAML'],
  ] as [string, ValuesYamlErrorCode, string][])('%j fails with %s', (text, code, reason) => {
    const e = errorOf(text);
    expect(e.code).toBe(code);
    expect(e.message).toContain(reason);
    expect(e.message).toMatch(/^v\.yaml(:\d+:\d+)?: /);
  });

  it('known difference: flow collection content at column 0 inside a block map', () => {
    // libyaml accepts `a: [` followed by unindented items; the yaml package's lexer ends the flow
    // collection at column 0. We reject it with a position instead of silently reading other values.
    const e = errorOf('a: [\n1,\n2\n]\n');
    expect(e.code).toBe('syntax');
    expect(e.message).toBe('v.yaml:2:1: invalid YAML: the list opened with "[" above goes on at column 1: indent its content more than the key it belongs to (line "1,")');
    expect(parse('list: [\n  1,\n  2\n]\n')).toEqual({ list: [1, 2] }); // the usual style works
  });

  it('reports the position of an error in a later document', () => {
    const e = errorOf('a: 1\n---\nb:\n  c: .inf\n');
    expect(e.position).toEqual({ line: 4, col: 6 });
  });
});

describe('sources', () => {
  it('records a 1-based position for every path, the key for nulls', () => {
    const r = parseValuesYaml('gateway:\n  listeners:\n    - port: 80\n      name:\n  "a.b": ~\nlist: [x, *y]\n'.replace(', *y', ''), 'v.yaml', { sourceKind: 'default' });
    const at = (p: string): unknown => {
      const s = r.sources.get(p);
      return s && s.kind !== 'flag' ? [s.kind, s.line, s.col] : s;
    };
    expect(at('gateway')).toEqual(['default', 2, 3]);
    expect(at('gateway.listeners')).toEqual(['default', 3, 5]);
    expect(at('gateway.listeners[0]')).toEqual(['default', 3, 7]);
    expect(at('gateway.listeners[0].port')).toEqual(['default', 3, 13]);
    expect(at('gateway.listeners[0].name')).toEqual(['default', 4, 7]);
    expect(at('gateway["a.b"]')).toEqual(['default', 5, 3]);
    expect(at('list[0]')).toEqual(['default', 6, 8]);
    expect(r.sources.get('gateway.listeners[0].port')).toMatchObject({ file: 'v.yaml' });
  });

  it('drops sources of values a later document replaced', () => {
    const r = parseValuesYaml('a: {x: 1, w: 2}\n---\na: {x: 3}\n---\nb: [1, 2]\n---\nb: [9]\n', 'v.yaml');
    expect(r.sources.get('a.x')).toMatchObject({ line: 3, col: 8 });
    expect(r.sources.get('a.w')).toMatchObject({ line: 1, col: 14 });
    expect(r.sources.get('b[0]')).toMatchObject({ line: 7, col: 5 });
    expect(r.sources.has('b[1]')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential tests against the real helm binaries.

/** Single-document cases, read through helm's fromYaml (the same sigs.k8s.io/yaml call). */
const FROM_YAML_CASES: string[] = [
  'b: [y, Y, yes, Yes, YES, on, On, ON, true, True, TRUE, n, N, no, NO, off, Off, OFF, false, FALSE, yES, tRUE, oN]\n',
  'nulls: [~, null, Null, NULL, nULL, ""]\nempty:\n',
  ...['0777', '0x1F', '0X1F', '0o17', '0b101', '-0b101', '0b-101', '1_000', '+1', '-0', '08', '0778', '00', '0_7', '-0777', '+0x10',
    '9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616', '0x1FFFFFFFFFFFFFFFFFF',
    '0o7777777777777777777777777', '-0x8000000000000000', '-0x8000000000000001', '123456789012345678901', '1.5', '.5', '+.5',
    '-.5', '1.', '1e5', '1E5', '1e+5', '1.5e-3', '1e400', '-1e400', '1e-400', '.5e3', '._5', '1_000.5', '.5_5', '.5e1_0', '0x1.8p1',
    '-0.0', '1.0', '0.1', '+', '.', '1e', '12:30', '1:20:30', '2001:db8::1', '2024-01-01', '2001-12-14t21:59:43.10-05:00',
    '1__0', '_1', '1_', '0b1111111111111111111111111111111111111111111111111111111111111111111', '0B101', '0xg', '1e1_0',
    '100000', '1000000', '12345678', '9007199254740993', '1e21', '0.00001', '1234567.5', '-', '~foo', 'y2', 'nope', '0.',
    '+0x', '0o', '0b', '-0x1F', '1_000_000', '+.inf_', '-.5e-3', '00.5', '-00', '+-1'].map((s) => `k: ${s}\n`),
  'tags: [!!str 12, !!float 1, !!int "12", !!bool "true", !!bool yes, ! 12, !foo 12, !!binary aGVsbG8=, !!timestamp 2001-01-01, !!null "", !!float "1e3"]\n',
  'k: !!int 1.5\n',
  'k: !!timestamp foo\n',
  'k: !!binary "!!!"\n',
  'k: !!float abc\n',
  'keys:\n  y: a\n  n: b\n  1: c\n  1.5: d\n  0.1: e\n  1e3: f\n  1e10: g\n  123456789.0: h\n  .inf: i\n  -.inf: j\n  .nan: k\n  0x10: l\n  2001-01-01: m\n  12:30: o\n  "quoted": p\n  !!str 7: q\n  -0: r\n  -0.0: s\n  0.000001: u\n  1234567.0: v\n  3.14159265358979: w\n  9223372036854775807: x\n',
  'keys: {1.0: t, 2.50: u}\n', // (an int key 1 and a float key 1.0 would collide in Go's random map order)
  'keys: {~: v}\n',
  'keys: {18446744073709551615: v}\n',
  'keys:\n  ? [a]\n  : v\n',
  'a: 1\na: 2\nb: {c: 1, c: 2}\ny: 1\ntrue: 2\n',
  'base: &b {x: 1, z: 2}\nm:\n  x: 0\n  <<: *b\n  z: 3\n',
  'm:\n  <<: [{x: 1}, {x: 2, w: 2}]\n  w: 9\n',
  'm:\n  "<<": {x: 1}\n',
  'm:\n  <<: 1\n',
  'a: &a [1, *a]\n',
  'a: *nope\n',
  'a: &x 1\nb: *x\nc: &x 2\nd: *x\n',
  'a: &x {k: [1, {z: ~}]}\nb: *x\nc: [*x, *x]\n',
  'a: .inf\n',
  'a: {b: .nan}\n',
  'plain: multi\n  line\n  text\nfolded: >\n  a\n  b\n\n  c\nkeep: |+\n  x\n\nstrip: |-\n  y\n',
  'quoted: "a\\tb\\u00e9\\x41"\nsingle: \'it\'\'s\'\nflow: {a: [1, {b: c}], "d e": f}\n',
  '__proto__: {polluted: 1}\nconstructor: 2\nprototype: [3]\n',
  'emptyKeyMap:\n  "": 1\nspaces: " a "\nunicode: héllo ☃\n',
  'long: 1234567890123456789012345678901234567890\nneg: -1234567890123456789012345678901234567890\n',
  // YAML syntax corner cases: what libyaml (go-yaml) accepts or rejects, the yaml package must too.

  'a:\tb\n', 'a: b\t# c\n', '\ta: 1\n', 'a:\n\t- 1\n', 'a:\n  - 1\n  -2\n', 'a: [1,2,]\n', 'a: {b: 1,}\n', 'a: [a: 1]\n', 'a: {b}\n', 'a: [b: ]\n',
  '? a\n: 1\n', '? a\n', '&k a: 1\nb: *k\n', 'a: &v\nb: *v\n', 'a: !!str\nb: 1\n', 'a: "x\n  y"\n', "a: 'x\n\n  y'\n", 'a: x\n# c\n  y\n',
  'a: - 1\n', 'a:\n- 1\n- 2\n', 'a:\n  b: 1\n c: 2\n', 'a: b #c\n', 'a: b#c\n', 'a: "b"c\n', 'a: :b\n', 'a: b:\n', 'a: b: \n', 'a: -1:2\n',
  '"a\\nb": 1\n', "'a''b': 1\n", 'a: |2\n   x\n', 'a: >\n x\n\n\n y\n', 'a: |\n x\n  y\n z\n', 'a: {? b : c}\n', 'a: [? b : c]\n',
  'a: @b\n', 'a: `b\n', 'a: %b\n', 'a: !b c\n', 'a: !<!foo> c\n', 'a: [&x 1, *x]\n',
  'a: {&x b: 1}\n', 'a:\n  - &x\n    b: 1\n  - *x\n', 'a: *x\n', 'a: !!merge <<\n', 'a:\n  <<: {b: 1}\n  <<: {c: 2}\n',
  'x' + 'a'.repeat(1100) + ': 1\n', 'a: "\\z"\n', 'a: "\\x"\n', 'a: "\\u12"\n', 'a: "\\U0001F600"\n',
  'a: ...\n', 'a: ---\n', 'a:\n---\n', 'a: \u00a0b\n', 'a: b\u00a0\n', 'a:  \n', 'a: ""\n', "a: ''\n", 'a: [~]\n', 'a: {~}\n',
  '- - a\n', 'a: [[[]]]\n', 'a: {{}: 1}\n', 'a: [{}: 1]\n', 'a:\n  ? |\n    x\n  : 1\n', 'a: !!omap [x: 1]\n',
  'a: 1\n b: 2\n', 'a:\n  b: 1\n   c: 2\n', 'a: b\n  c: d\n', 'a: >-\n\n  x\n', 'a: |-\n\n', 'a: |\n', 'a: >\n\n', 'a: "\\\n  b"\n',
  'a: \'x\'\'\n', 'key with spaces: 1\n', 'a\tb: 1\n', 'a: !!binary |\n  aGVs\n  bG8=\n', 'a: 0x_1F\n', 'a: 0o_17\n', 'a: 1_000_\n',
];

const sameValue = (ours: unknown, theirs: unknown): void => expect(ours).toEqual(theirs);

describe('differential: helm reads the same values', () => {
  it('single documents, through fromYaml (batched in one helm run per version)', async () => {
    const files: Record<string, string> = {};
    FROM_YAML_CASES.forEach((text, i) => {
      files[`cases/${String(i).padStart(3, '0')}.yaml`] = text;
    });
    const chart = makeChart(files, FROM_YAML_TEMPLATE);
    const results = await Promise.all(HELM_MAJORS.map((m) => helmFromYaml(m, chart)));
    for (const [mi, helm] of results.entries()) {
      FROM_YAML_CASES.forEach((text, i) => {
        const name = `${String(i).padStart(3, '0')}.yaml`;
        const theirs = helm.get(name);
        expect(theirs, `helm ${HELM_MAJORS[mi]} ${name}`).toBeDefined();
        const theirValue = theirs!.value as Record<string, unknown>;
        const theirError = Object.keys(theirValue).length === 1 && typeof theirValue['Error'] === 'string';
        let ours: unknown;
        try {
          ours = plain(parseValuesYaml(text, name).values);
        } catch (e) {
          if (!(e instanceof ValuesYamlError)) throw e;
          expect(theirError, `${JSON.stringify(text)}: we reject (${e.message}) but helm ${HELM_MAJORS[mi]} reads ${JSON.stringify(plain(theirs!.value))}`).toBe(true);
          return;
        }
        expect(theirError, `${JSON.stringify(text)}: helm ${HELM_MAJORS[mi]} rejects: ${String(theirValue['Error'])}`).toBe(false);
        expect(theirs!.int64Paths.size).toBe(0); // every number from a file is a float64
        sameValue(ours, plain(theirs!.value));
      });
    }
  });

  /** Whole files through the real -f path: multi-document handling, root type, BOM, separators. */
  const WHOLE_FILES: [string, string | Buffer][] = [
    ['multi', 'a: 1\nb: 1\n---\nb: 2\nc: 3\n'],
    ['multi-null', 'a: {x: 1}\n---\na: {y: 2}\n---\na: null\n'],
    ['leading-seps', '---\n---\na: 1\n---\n'],
    ['sep-comment', 'a: 1\n--- # c\nb: 2\n'],
    ['sep-content', '--- {a: 1}\n'],
    ['sep-dashes', 'a: 1\n----\n'],
    ['doc-end', 'a: 1\n...\nb: 2\n'],
    ['root-list', '- a\n'],
    ['root-string', 'hello\n'],
    ['root-bool', 'true\n'],
    ['root-null', '~\n'],
    ['later-list', 'a: 1\n---\n- x\n'],
    ['comment-only', '# only\n'],
    ['empty', ''],
    ['bom', Buffer.from('\uFEFFa: 1\n', 'utf8')],
    ['crlf', 'a: 1\r\nb: [1,\r\n 2]\r\nc: |\r\n  x\r\n  y\r\n'],
    ['block-dashes', 'a: |\n  x\n  ---\n  y\n'],
    ['inf-later', 'a: 1\n---\nb: .inf\n'],
    ['tabs-sep', '---\t\na: 1\n'],
    ['no-newline', 'a: 1\n---\nb: 2'],
    ['directive', '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n'], // helm 4 cuts the directive off its document
    ['yaml-directive', '%YAML 1.1\n---\na: 1\n'],
  ];

  it('whole -f files (multi-document: helm 4 merges documents; helm 3 keeps the first)', async () => {
    const chart = makeChart({});
    const tasks = WHOLE_FILES.flatMap(([name, text]) => {
      const path = writeTemp(`${name}.yaml`, text);
      return HELM_MAJORS.map((major) => async () => ({ name, text, major, helm: await helmValues(major, chart, ['-f', path]) }));
    });
    for (const { name, text, major, helm } of await pool(2, tasks)) {
      const source = typeof text === 'string' ? text : text.toString('utf8');
      let ours: unknown;
      let ourError: string | undefined;
      try {
        ours = plain(parseValuesYaml(source, `${name}.yaml`).values);
      } catch (e) {
        if (!(e instanceof ValuesYamlError)) throw e;
        ourError = e.message;
      }
      // helm 3 reads only the first document, so it differs on purpose for these files.
      const helm3Differs = ['directive', 'yaml-directive', 'multi', 'multi-null', 'leading-seps', 'sep-comment', 'sep-content', 'later-list', 'inf-later', 'no-newline'];
      if (major === 'v3' && helm3Differs.includes(name)) continue;
      if (ourError !== undefined) {
        expect(helm.ok, `${name}: we reject (${ourError}); helm ${major} accepts`).toBe(false);
      } else {
        expect(helm.ok, `${name}: helm ${major} rejects: ${helm.ok ? '' : helm.error}`).toBe(true);
        if (helm.ok) sameValue(ours, plain(helm.values.value));
      }
    }
  });

  it('helm 3 and helm 4 differ on multi-document files exactly as documented', async () => {
    const chart = makeChart({});
    const path = writeTemp('m.yaml', 'a: 1\nb: 1\n---\nb: 2\nc: 3\n');
    const [h3, h4] = await Promise.all(HELM_MAJORS.map((m) => helmValues(m, chart, ['-f', path])));
    expect(h3!.ok && plain(h3!.values.value)).toEqual({ a: 1, b: 1 });
    expect(h4!.ok && plain(h4!.values.value)).toEqual({ a: 1, b: 2, c: 3 });
    expect(parse('a: 1\nb: 1\n---\nb: 2\nc: 3\n')).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('the chart values.yaml is read the same way', async () => {
    const text = 'a: yes\nb: 0777\nc: [on, "on"]\nd: 1e3\n---\ne: 2\n';
    const chart = makeChart({ 'values.yaml': text });
    const h4 = await helmValues('v4', chart, []);
    expect(h4.ok && plain(h4.values.value)).toEqual(parse(text));
    expect(parse(text)).toEqual(plain(Object.assign(newMap(), { a: true, b: 511, c: [true, 'on'], d: 1000, e: 2 })));
  });
});
