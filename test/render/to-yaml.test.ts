import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyLess } from '../../src/render/goyaml/key-order.js';
import { goFormatFloat, goQuote, indent, nindent, toYaml } from '../../src/render/to-yaml.js';
import { isMap, newMap, type Value, type ValueMap } from '../../src/values/types.js';
import { HELM_MAJORS, runHelm, type HelmMajor } from '../support/helm.js';

const map = (entries: Record<string, Value>): ValueMap => Object.assign(newMap(), entries);
const k = (value: Value): ValueMap => map({ k: value });

// ---------------------------------------------------------------------------------------------
// Table cases: [value, exact toYaml output]. Every one of them is also checked against helm below.
// ---------------------------------------------------------------------------------------------

const LAYOUT: [Value, string][] = [
  ['hello', 'hello'],
  [1, '1'],
  [true, 'true'],
  [null, 'null'],
  ['a\nb', '|-\n  a\n  b'],
  [map({}), '{}'],
  [[], '[]'],
  [[[], map({}), [[]]], '- []\n- {}\n- - []'],
  [map({ key: ['a', 'b'] }), 'key:\n- a\n- b'],
  [[map({ b: 1, a: 2 })], '- a: 2\n  b: 1'],
  [[['nested1', 'nested2']], '- - nested1\n  - nested2'],
  [map({ a: map({ b: map({ c: [map({ d: [1] })] }) }) }), 'a:\n  b:\n    c:\n    - d:\n      - 1'],
  [map({ key: null, e: map({}), l: [] }), 'e: {}\nkey: null\nl: []'],
  [map({ ['k'.repeat(128)]: 1 }), `${'k'.repeat(128)}: 1`],
  [map({ ['k'.repeat(129)]: 1 }), `? ${'k'.repeat(129)}\n: 1`],
  [map({ ['é'.repeat(65)]: 1 }), `? ${'é'.repeat(65)}\n: 1`], // 130 bytes: the limit counts UTF-8 bytes
  [map({ ['k'.repeat(129)]: map({ a: 1, b: 2 }) }), `? ${'k'.repeat(129)}\n: a: 1\n  b: 2`],
  [map({ ['k'.repeat(129)]: ['x'] }), `? ${'k'.repeat(129)}\n: - x`],
  [map({ 'a\nb': 1 }), '? |-\n  a\n  b\n: 1'], // a multi-line key is a `? ` literal block, not quoted
  [map({ 'a\rb': 1 }), '? "a\\rb"\n: 1'],
  [
    map({
      containers: [
        map({
          name: 'app',
          image: 'nginx:1.25',
          args: ['--port=8080', '--verbose'],
          env: [map({ name: 'A', value: '1' }), map({ name: 'B', valueFrom: map({ secretKeyRef: map({ name: 's', key: 'k' }) }) })],
          ports: [map({ containerPort: 8080, protocol: 'TCP' })],
        }),
      ],
    }),
    [
      'containers:',
      '- args:',
      '  - --port=8080',
      '  - --verbose',
      '  env:',
      '  - name: A',
      '    value: "1"',
      '  - name: B',
      '    valueFrom:',
      '      secretKeyRef:',
      '        key: k',
      '        name: s',
      '  image: nginx:1.25',
      '  name: app',
      '  ports:',
      '  - containerPort: 8080',
      '    protocol: TCP',
    ].join('\n'),
  ],
];

const KEY_ORDER_KEYS = [
  'a', 'B', '_x', '-x', '.x', 'x-1', 'x_1', 'x.1', 'Z', 'z', 'aZ', 'a_', 'a-', 'é', 'ab', 'AZ', 'A_b', 'app',
  'app-name', 'app.kubernetes.io/instance', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/name', 'app_name',
  'appName', 'apps', 'helm.sh/chart', 'item9', 'item10', 'item1', '1', '2', '10', ' sp', '~t', 'A', 'a b',
];
const KEY_ORDER_EXPECTED = [
  "' sp'", '-x', '.x', '_x', '~t', '"1"', '"2"', '"10"', 'A', 'A_b', 'AZ', 'B', 'Z', 'a', 'a b', 'a-', 'a_', 'aZ', 'ab',
  'app', 'app-name', 'app.kubernetes.io/instance', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/name', 'app_name',
  'appName', 'apps', 'helm.sh/chart', 'item1', 'item9', 'item10', 'x-1', 'x.1', 'x_1', 'z', 'é',
];

const KEY_ORDER: [Value, string][] = [
  [map(Object.fromEntries(KEY_ORDER_KEYS.map((key) => [key, 1]))), KEY_ORDER_EXPECTED.map((key) => `${key}: 1`).join('\n')],
  [map({ '-y': 1, '10': 1, '9': 1, B: 1, _x: 1, a: 1, item10: 1, item9: 1 }), '-y: 1\n_x: 1\n"9": 1\n"10": 1\nB: 1\na: 1\nitem9: 1\nitem10: 1'],
  [map({ a01: 1, a1: 1, a001: 1, a10: 1, a010: 1 }), 'a1: 1\na01: 1\na001: 1\na10: 1\na010: 1'],
  [map({ x10y: 1, x1y0: 1, x100: 1, x1000: 1 }), 'x100: 1\nx1000: 1\nx10y: 1\nx1y0: 1'],
];

// Strings from the doc's quoting table, each as the value of `k`.
const QUOTING: [string, string][] = [
  ['true', '"true"'], ['yes', '"yes"'], ['on', '"on"'], ['null', '"null"'], ['~', '"~"'], ['1.2', '"1.2"'],
  ['0x1F', '"0x1F"'], ['1e3', '"1e3"'], ['50Mi', '50Mi'], ['', '""'], [' leading', "' leading'"], ['a: b', "'a: b'"],
  ['#x', "'#x'"], ['- x', "'- x'"], ['*x', "'*x'"], ['&x', "'&x'"], ['!x', "'!x'"], ['%x', "'%x'"], ['@x', "'@x'"],
  ['`x', "'`x'"], ['{x', "'{x'"], ['[x', "'[x'"], ['x]', 'x]'], ['tab\t', '"tab\\t"'], ['é', 'é'], ['0777', '"0777"'],
  ['+1', '"+1"'], ['.5', '".5"'], ['2024-01-01', '"2024-01-01"'], ['2001:db8::1', '2001:db8::1'], ['y', '"y"'],
  ['n', '"n"'], ['Y', '"Y"'], ['NO', '"NO"'], ['trailing ', "'trailing '"], ['a #b', "'a #b'"], ['a#b', 'a#b'],
  ["it's", "it's"], ['say "hi"', 'say "hi"'], ["'x", "'''x'"], ['"x', `'"x'`], ['?x', '?x'], ['|x', "'|x'"], ['>x', "'>x'"],
  ['-', "'-'"], ['---', "'---'"], ['...', "'...'"], ['*', "'*'"], ['*.example.com', "'*.example.com'"],
  ['{{ .Values }}', "'{{ .Values }}'"], ['${VAR}', '${VAR}'], ['12:30', '"12:30"'], ['1.2.3', '1.2.3'], ['v1', 'v1'],
  ['a\rb', '"a\\rb"'], ['a\u0001b', '"a\\x01b"'], ['😀', '"\\U0001F600"'], ['http://x.y/z?a=1&b=2', 'http://x.y/z?a=1&b=2'],
  ['C:\\path', 'C:\\path'], ['0.0.0.0/0', '0.0.0.0/0'], ['[]', "'[]'"], ['{}', "'{}'"], ['a:', "'a:'"], ['a: ', "'a: '"],
  ['tRUE', 'tRUE'], ['yES', 'yES'], ['Infinity', 'Infinity'], ['nan', 'nan'], ['<<', '<<'], ['-x', '-x'], [':x', ':x'],
  ['1,000', '1,000'], ['a,b', 'a,b'], ['1_000', '"1_000"'], ['1_', '"1_"'], ['1.', '"1."'], ['08', '"08"'],
  ['012345678', '"012345678"'], ['0o17', '"0o17"'], ['0b101', '"0b101"'], ['0b-101', '"0b-101"'], ['0x', '0x'],
  ['80:80', '80:80'], ['8080:80', '8080:80'], ['1:20', '"1:20"'], ['22:22', '"22:22"'], ['00:00', '"00:00"'],
  ['190:20:30', '"190:20:30"'], ['.inf', '".inf"'], ['-.Inf', '"-.Inf"'], ['.NaN', '".NaN"'], ['.iNf', '.iNf'],
  ['1e400', '1e400'], ['1e-400', '"1e-400"'], ['.5_5', '".5_5"'], ['._5', '._5'], ['0x10000000000000000', '0x10000000000000000'],
  ['18446744073709551615', '"18446744073709551615"'], ['99999999999999999999', '"99999999999999999999"'],
  ['2024-01-01T10:00:00', '2024-01-01T10:00:00'], ['2024-01-01T10:00:00Z', '"2024-01-01T10:00:00Z"'],
  ['2024-01-01 10:00:00', '"2024-01-01 10:00:00"'], ['2024-1-2t3:4:5.5+01:00', '"2024-1-2t3:4:5.5+01:00"'],
  ['2024-02-30', '2024-02-30'], ['2024-02-29', '"2024-02-29"'], ['2023-02-29', '2023-02-29'], ['2024-13-01', '2024-13-01'],
  ['2024-01-01  10:00:00,5', '"2024-01-01  10:00:00,5"'], ['2024-01-01 24:00:00', '2024-01-01 24:00:00'],
  ['\u00a0', '\u00a0'], ['a\u00a0b', 'a\u00a0b'], ['\ufeff', '"\\uFEFF"'], ['a\u0085b', 'a b'],
  ['a\u2028b', "'a\u2028  b'"], ['a\ufeff', '"a\\uFEFF"'],
  // go-yaml's is_bom looks at the first character whatever the position, so a leading BOM escapes everything.
  ['\ufeff- é\n', '"\\uFEFF\\x2D\\x20\\xE9\\n"'], ['\u001b[0m', '"\\e[0m"'], ['\u0000', '"\\0"'], ['\u00ad', '\u00ad'],
];

// Column-80 folding, from the doc's examples.
const FOLDING: [Value, string][] = [
  [
    map({ k1: `${'x'.repeat(77)} y`, k2: `${'x'.repeat(78)} y`, k3: `${'x'.repeat(78)}  y` }),
    `k1: ${'x'.repeat(77)}\n  y\nk2: ${'x'.repeat(78)}\n  y\nk3: ${'x'.repeat(78)}  y`,
  ],
  [
    map({
      plain: 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww',
      sq: ': aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt',
      dq: 'tab\taaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt',
      json: `{"a": "${'b'.repeat(90)}", "c": 1}`,
      nested: map({ deeper: map({ str: 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt' }) }),
      nospace: 'a'.repeat(100),
    }),
    [
      'dq: "tab\\taaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo',
      '  pppp qqqq rrrr ssss tttt"',
      `json: '{"a": "${'b'.repeat(90)}",`,
      `  "c": 1}'`,
      'nested:',
      '  deeper:',
      '    str: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo',
      '      pppp qqqq rrrr ssss tttt',
      `nospace: ${'a'.repeat(100)}`,
      'plain: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo',
      '  pppp qqqq rrrr ssss tttt uuuu vvvv wwww',
      "sq: ': aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo",
      "  pppp qqqq rrrr ssss tttt'",
    ].join('\n'),
  ],
  [`${'x'.repeat(85)} y`, `${'x'.repeat(85)}\n  y`],
  [[`${'x'.repeat(85)} y`], `- ${'x'.repeat(85)}\n  y`],
  [`"${'x'.repeat(85)}  y"\t`, `"\\"${'x'.repeat(85)}\n  \\ y\\"\\t"`],
  [map({ [`${'w '.repeat(80)}w`]: 1 }), `? ${'w '.repeat(39)}w\n  ${'w '.repeat(39)}w\n  w\n: 1`], // `? ` keys do fold
];

const MULTILINE: [Value, string][] = [
  [k('a\nb\n\n'), 'k: |+\n  a\n  b\n'],
  [k('a\nb\n'), 'k: |\n  a\n  b'],
  [k('a\nb'), 'k: |-\n  a\n  b'],
  [k(' a\nb'), 'k: |2-\n   a\n  b'],
  [k('  a\nb'), 'k: |2-\n    a\n  b'],
  [k('\n'), 'k: |2+\n'],
  [k('\na'), 'k: |2-\n\n  a'],
  [k(['x\ny', 'z']), 'k:\n- |-\n  x\n  y\n- z'],
  [k('a\n\nb'), 'k: |-\n  a\n\n  b'],
  [k('a \nb'), 'k: "a \\nb"'],
  [k('a\nb '), 'k: "a\\nb "'],
  [k('a\tb\nc'), 'k: "a\\tb\\nc"'],
  [k('a\r\nb'), 'k: "a\\r\\nb"'],
  [k('😀\nx'), 'k: "\\U0001F600\\nx"'],
  [k('a\n b'), 'k: |-\n  a\n   b'],
  [k('a\u2028b\n'), 'k: |\n  a\u2028  b'],
  ['a\n\n', '|+\n  a\n'],
  [k(`${'x '.repeat(59)}x\ny`), `k: |-\n  ${'x '.repeat(59)}x\n  y`], // literal blocks never fold
];

const NUMBERS: [Value, string][] = [
  [1, '1'], [1.5, '1.5'], [100000, '100000'], [999999, '999999'], [1e6, '1000000'], [12345678, '12345678'],
  [1e10, '10000000000'], [9007199254740993, '9007199254740992'], [123456789012345678901, '1.2345678901234568e+20'],
  [1e21, '1e+21'], [0.5, '0.5'], [0.1, '0.1'], [0.0001, '0.0001'], [0.00001, '1e-05'], [123456.5, '123456.5'],
  [1234567.5, '1.2345675e+06'], [-0, '0'], [1e19, '10000000000000000000'], [-1e19, '-1e+19'],
  // encoding/json writes 2^63 as 9223372036854776000: still a uint64 for go-yaml, but -2^63 is not an int64.
  [2 ** 63, '9223372036854776000'], [-(2 ** 63), '-9.223372036854776e+18'], [2 ** 64, '1.8446744073709552e+19'],
  [-(2 ** 62), '-4611686018427388000'], [2 ** 53 + 2, '9007199254740994'], [5e-324, '5e-324'], [1e-7, '1e-07'],
  [1.7976931348623157e308, '1.7976931348623157e+308'], [-1.5e-7, '-1.5e-07'], [1e20, '1e+20'], [-12.25, '-12.25'],
];

// helm prints nothing when go-yaml fails to read back the JSON.
const FAILURES: [Value, string][] = [
  [k('a\u007fb'), ''],
  [k('a\u0080b'), ''],
  [k('a\u009fb'), ''],
  [k('a\ufffeb'), ''],
  [[1, 'ok', 'a\uffffb'], ''],
  [map({ ['a'.repeat(1022)]: 1 }), `? ${'a'.repeat(1022)}\n: 1`],
  [map({ ['a'.repeat(1023)]: 1 }), ''], // the key's JSON text passes 1024 characters
  [map({ ['<'.repeat(170)]: 1 }), `? ${'<'.repeat(170)}\n: 1`], // '<' is 6 JSON characters
  [map({ ['<'.repeat(171)]: 1 }), ''],
  [map({ 'a\u0085b': 1 }), ''], // NEL is a line break: the key no longer fits on one line
  [k('x\u0085---'), 'k: x ---'],
  [k('x\u0085--- y'), ''], // a document marker at the start of a line
  [k('x\u0085... y'), ''],
  [k('x \u0085 \u0085\u0085 y'), 'k: |-\n  x\n\n  y'],
  [k('x\u0085 --- y'), 'k: x --- y'],
];

const TABLE: [Value, string][] = [
  ...LAYOUT,
  ...KEY_ORDER,
  ...QUOTING.map(([s, out]): [Value, string] => [k(s), `k: ${out}`]),
  // As keys, the same strings get the same quoting, except that line breaks make a `? ` key.
  ...QUOTING.filter(([s]) => !/[\r\n\u0085\u2028\u2029]/.test(s)).map(([s, out]): [Value, string] => [map({ [s]: 1 }), `${out}: 1`]),
  ...FOLDING,
  ...MULTILINE,
  ...NUMBERS,
  ...NUMBERS.map(([n, out]): [Value, string] => [[n], `- ${out}`]),
  ...FAILURES,
];

describe('toYaml (table)', () => {
  it.each(TABLE.map(([v, out], i) => [i, v, out] as const))('case %i', (_i, v, out) => {
    expect(toYaml(v)).toBe(out);
  });

  it('prints int64 values from --set as plain integers', () => {
    expect(toYaml([9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n])).toBe(
      '- 9007199254740993\n- -9223372036854775808\n- 9223372036854775807',
    );
  });

  it('replaces lone surrogates with U+FFFD, as encoding/json does with invalid UTF-8', () => {
    expect(toYaml(k('a\ud800b'))).toBe('k: a\ufffdb');
    expect(toYaml(map({ '\udc00': 1 }))).toBe('\ufffd: 1');
  });
});

describe('indent / nindent', () => {
  it('pads after every newline, so empty lines become padding', () => {
    expect(indent(2, '')).toBe('  ');
    expect(indent(2, 'a\n')).toBe('  a\n  ');
    expect(indent(4, 'a\n\nb')).toBe('    a\n    \n    b');
    expect(indent(0, 'a\nb')).toBe('a\nb');
    expect(nindent(2, 'a\nb')).toBe('\n  a\n  b');
    expect(nindent(4, toYaml(map({ script: 'line1\n\nline3\n' })))).toBe('\n    script: |\n      line1\n    \n      line3');
  });
});

describe('goQuote / goFormatFloat (table)', () => {
  it.each([
    ['a"b', '"a\\"b"'], ['a\\b', '"a\\\\b"'], ['a\tb', '"a\\tb"'], ['a\nb', '"a\\nb"'], ['a\u0001b', '"a\\x01b"'],
    ['a\u00a0b', '"a\\u00a0b"'], ['é😀', '"é😀"'], ['\u007f', '"\\x7f"'], ['\u0085', '"\\u0085"'], ['\u00ad', '"\\u00ad"'],
    ['\u2028', '"\\u2028"'], ['\u{2EBF0}', '"\\U0002ebf0"'], ['\u{E0001}', '"\\U000e0001"'], ['\u0007\b\f\r\v', '"\\a\\b\\f\\r\\v"'],
    ['\ud800', '"\ufffd"'], ['', '""'],
  ])('goQuote(%j) = %s', (s, out) => {
    expect(goQuote(s)).toBe(out);
  });

  it.each([
    [1, '1'], [1.5, '1.5'], [1e6, '1e+06'], [999999, '999999'], [12345678, '1.2345678e+07'], [1e10, '1e+10'],
    [9007199254740993, '9.007199254740992e+15'], [123456789012345678901, '1.2345678901234568e+20'], [1e21, '1e+21'],
    [0.5, '0.5'], [0.0001, '0.0001'], [0.00001, '1e-05'], [123456.5, '123456.5'], [1234567.5, '1.2345675e+06'],
    [-0, '-0'], [0, '0'], [5e-324, '5e-324'], [1e100, '1e+100'], [-2.5e-300, '-2.5e-300'], [NaN, 'NaN'],
    [Infinity, '+Inf'], [-Infinity, '-Inf'], [100000, '100000'], [0.000123, '0.000123'],
  ])('goFormatFloat(%d) = %s', (n, out) => {
    expect(goFormatFloat(n)).toBe(out);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test: the same values through both real helm binaries, in one run per version.
// ---------------------------------------------------------------------------------------------

/** A YAML double-quoted scalar that go-yaml reads back as exactly s (every non-ASCII char escaped). */
function yamlQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) throw new Error('lone surrogates cannot be written for helm');
    if (c === 0x22 || c === 0x5c) out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xff) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A number as YAML text that helm reads back as the same float64. */
function yamlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error('helm cannot load non-finite numbers');
  return Object.is(n, -0) ? '-0.0' : String(n);
}

/**
 * Block YAML for a value: scalars inline, collections on the following lines. Keys are explicit
 * (`? "key"`), so keys of any length and content stay valid YAML for helm's values loader.
 */
function valuesYaml(v: Value, pad: string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return yamlNumber(v);
  if (typeof v === 'bigint') throw new Error('int64 values can only come from --set');
  if (typeof v === 'string') return yamlQuoted(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return v.map((item) => `\n${pad}- ${valuesYaml(item, `${pad}  `)}`).join('');
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  return keys.map((key) => `\n${pad}? ${yamlQuoted(key)}\n${pad}: ${valuesYaml(v[key]!, `${pad}  `)}`).join('');
}

const TEMPLATE = `
{{- range $i, $v := .Values.cases }}
c{{ $i }}: {{ toYaml $v | b64enc }}
n{{ $i }}: {{ toYaml $v | nindent 2 | b64enc }}
{{- end }}
{{- range $i, $v := .Values.quotes }}
q{{ $i }}: {{ quote $v | b64enc }}
{{- end }}
{{- range $i, $v := .Values.floats }}
f{{ $i }}: {{ printf "%v" $v | b64enc }}
{{- end }}
ints: {{ toYaml .Values.ints | b64enc }}
`;

const SET_INTS = [9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n, 12345678901234567n];

interface HelmRun {
  /** Decoded outputs by line key: c0, n0, q3, f7, ints. */
  outputs: Map<string, string>;
}

async function renderWithHelm(major: HelmMajor, dir: string): Promise<HelmRun> {
  const res = await runHelm(major, ['template', 'r', join(dir, 'chart'), '-f', join(dir, 'values.yaml'), '--set', `ints={${SET_INTS.join(',')}}`]);
  if (res.code !== 0) throw new Error(`helm ${major} failed: ${res.stderr}`);
  const outputs = new Map<string, string>();
  for (const m of res.stdout.matchAll(/^([a-z]+\d*): ?(.*)$/gm)) {
    outputs.set(m[1]!, Buffer.from(m[2]!, 'base64').toString('utf8'));
  }
  return { outputs };
}

// --- random values ---------------------------------------------------------------------------

const KEY_CHARS = [...'abcxyzABCXYZ0123456789_-./~ é', 'Ω', '中', '٣', '²', '$'];
const KEY_WORDS = ['true', 'y', 'null', '~', '1.5', '<<', '', ' sp', '#c', '-', 'a: b', 'é', '0777', 'on', '12:30', 'app.kubernetes.io/name'];
const STRING_WORDS = [
  'y', 'Y', 'n', 'N', 'yes', 'no', 'on', 'off', 'On', 'OFF', 'true', 'false', 'True', 'FALSE', 'null', 'Null', '~', '',
  '0777', '1e3', '.5', '12:30', '2024-01-01', '0x1F', '1_000', '+1', '-1', '1.', '0b101', '0o17', '.inf', '-.inf', '.nan',
  '<<', '2001:db8::1', '1:20', '190:20:30', '2024-01-01T10:00:00Z', '2024-01-01 10:00:00', '0.0.0.0/0', '50Mi', '-', '---',
  '...', '*', '&a', '!tag', '|', '>', '%', '@', '`', '{}', '[]', '- x', '? x', ': x', 'a: b', 'a #b', "'", '"', ' ', '1e400',
];
const STRING_FRAGMENTS = [
  'a', 'word', 'Z', '9', ' ', '  ', ': ', ' #', '#', ':', '\n', '\n\n', '\t', '\r', "'", '"', '-', '- ', '---', '...', '*',
  '&', '!', '|', '>', '%', '@', '`', '{', '}', '[', ']', ',', '?', '\\', '\u00a0', '\u2028', '\u2029', '😀', 'é', '中',
  '\u0001', '\u001b', '\u0000', '\u0085', '\ufeff', '\u00ad', 'x'.repeat(30), 'y', 'on', '1', '0', '.5', 'e3',
];
const LONG_WORDS = ['lorem', 'ipsum', 'dolor', 'sit', '', ' ', 'x'.repeat(20), ':', '#', "'", '\t', 'é', '😀', '\n'];

const keyArb = fc.oneof(
  { weight: 10, arbitrary: fc.array(fc.constantFrom(...KEY_CHARS), { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...KEY_WORDS) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('key', 'x', ' ', '-', 'é'), { minLength: 50, maxLength: 90 }).map((a) => a.join('')) },
);

// Strings close to YAML 1.1 numbers, base-60 numbers and timestamps, to exercise resolve().
const numericLikeArb = fc
  .array(fc.constantFrom(...'0123456789_.-+eExXoObBaAfF:'), { minLength: 1, maxLength: 10 })
  .map((a) => a.join(''));
const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));
const dateLikeArb = fc
  .tuple(
    digits(3, 5),
    digits(1, 3),
    digits(1, 3),
    fc.constantFrom('', 'T', 't', ' ', '  ', 'x'),
    fc.tuple(digits(1, 3), digits(1, 2), digits(1, 2)).map((t) => t.join(':')),
    fc.constantFrom('', '.5', ',123456789123', '.', '.x'),
    fc.constantFrom('', 'Z', 'z', '+01:00', '-25:00', '+0100', '+01:61'),
  )
  .map(([y, m, d, sep, time, frac, zone]) => (sep === '' ? `${y}-${m}-${d}` : `${y}-${m}-${d}${sep}${time}${frac}${zone}`));

const stringArb = fc.oneof(
  { weight: 2, arbitrary: numericLikeArb },
  { weight: 2, arbitrary: dateLikeArb },
  { weight: 3, arbitrary: fc.constantFrom(...STRING_WORDS) },
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...STRING_FRAGMENTS), { maxLength: 12 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...LONG_WORDS), { minLength: 15, maxLength: 60 }).map((a) => a.join(' ')) },
);

const numberArb = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e6, 999999, 12345678, 1e21, 1e20, 1e19, 2 ** 63, 2 ** 64, -(2 ** 63), 1234567.5, 123456.5, 0.1, 1e-5, 1e-7, 5e-324),
  fc.integer().map((x) => x * 1000.5),
);

/** Whether go-yaml's comparison orders these sibling keys consistently (helm's order is random otherwise). */
function orderIsTransitive(keys: readonly string[]): boolean {
  const sorted = [...keys].sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) if (!keyLess(sorted[i]!, sorted[j]!)) return false;
  }
  return true;
}

const leafArb: fc.Arbitrary<Value> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: numberArb },
  { weight: 8, arbitrary: stringArb },
);

const { value: valueArb, map: mapArb } = fc.letrec<{ value: Value; list: Value[]; map: ValueMap }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 5, depthSize: 'large', depthIdentifier: 'value' },
    { weight: 4, arbitrary: leafArb },
    { weight: 1, arbitrary: tie('list') },
    { weight: 2, arbitrary: tie('map') },
  ),
  list: fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'value' }),
  map: fc
    .uniqueArray(fc.tuple(keyArb, tie('value')), { maxLength: 6, selector: ([key]) => key, depthIdentifier: 'value' })
    .filter((entries) => orderIsTransitive(entries.map(([key]) => key)))
    .map((entries) => map(Object.fromEntries(entries))),
}));

/** Mostly whole documents (maps), sometimes any value at the root. */
const caseArb: fc.Arbitrary<Value> = fc.oneof({ weight: 3, arbitrary: mapArb }, { weight: 1, arbitrary: valueArb });

/**
 * Code points from every plane that has characters, as strings (for escaping and `quote`) and as
 * single-character keys (whose order depends on Go's IsLetter / IsDigit for that character).
 */
function unicodeSweep(stride: number): Value[] {
  const cps: number[] = [];
  for (let c = 0x80; c < 0x40000; c += stride) if (c < 0xd800 || c > 0xdfff) cps.push(c);
  for (let c = 0xe0000; c < 0xe0200; c += 3) cps.push(c);
  const readable = cps.filter((c) => !(c >= 0x7f && c <= 0x9f && c !== 0x85) && c !== 0xfffe && c !== 0xffff);
  const chunks = <T>(a: T[], n: number) => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));
  return [
    ...chunks(cps, 8).map((run) => String.fromCodePoint(...run)),
    ...chunks(readable, 60).map((run) => map(Object.fromEntries(run.map((c, i) => [`x${String.fromCodePoint(c)}`, i])))),
  ];
}

/** Every string (keys included) and number in v, to check `quote` and `%v` on them too. */
function leaves(v: Value, strings: string[], numbers: number[]): void {
  if (typeof v === 'string') strings.push(v);
  else if (typeof v === 'number') numbers.push(v);
  else if (Array.isArray(v)) v.forEach((item) => leaves(item, strings, numbers));
  else if (isMap(v)) {
    for (const [key, item] of Object.entries(v)) {
      strings.push(key);
      leaves(item, strings, numbers);
    }
  }
}

describe('toYaml against helm 3.17.3 and 4.1.4', () => {
  const runs = Number(process.env.TOYAML_FUZZ_RUNS ?? 300);
  const seed = Number(process.env.TOYAML_FUZZ_SEED ?? 20250601);
  const randomCases = fc.sample(caseArb, { numRuns: runs, seed });
  const sweep = unicodeSweep(31);
  const cases: Value[] = [...TABLE.map(([v]) => v), ...sweep, ...randomCases];
  const strings: string[] = [];
  const numbers: number[] = [];
  for (const v of cases) leaves(v, strings, numbers);
  const quotes = [...new Set(strings.filter((s) => !/[\ud800-\udfff]/.test(s)))];
  // Deduplicated by their text, so -0 survives next to 0.
  const floats = [...new Map(numbers.map((n) => [Object.is(n, -0) ? '-0' : String(n), n])).values()];

  let dir = '';
  const helm = new Map<HelmMajor, HelmRun>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-yaml-'));
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: x\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart', 'templates', 't.yaml'), TEMPLATE);
    const values = map({ cases, quotes, floats });
    writeFileSync(join(dir, 'values.yaml'), `${valuesYaml(values, '').slice(1)}\n`);
    const results = await Promise.all(HELM_MAJORS.map(async (major) => [major, await renderWithHelm(major, dir)] as const));
    for (const [major, run] of results) helm.set(major, run);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gets one output line per case from each helm, and both helms agree', () => {
    for (const run of helm.values()) expect(run.outputs.size).toBe(2 * cases.length + quotes.length + floats.length + 1);
    const [first, ...others] = [...helm.values()];
    for (const other of others) expect(other.outputs).toEqual(first!.outputs);
  });

  it(`prints every case like helm (${TABLE.length} table + ${sweep.length} Unicode + ${runs} random, seed ${seed})`, () => {
    const mismatches: string[] = [];
    cases.forEach((v, i) => {
      const ours = toYaml(v);
      for (const [major, run] of helm) {
        const theirs = run.outputs.get(`c${i}`);
        if (theirs !== ours) mismatches.push(`case ${i} (${major}) value=${JSON.stringify(v)}\n helm: ${JSON.stringify(theirs)}\n ours: ${JSON.stringify(ours)}`);
        if (run.outputs.get(`n${i}`) !== nindent(2, ours)) mismatches.push(`case ${i} (${major}) nindent differs`);
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('quotes strings like %q', () => {
    const mismatches: string[] = [];
    quotes.forEach((s, i) => {
      for (const [major, run] of helm) {
        const theirs = run.outputs.get(`q${i}`);
        if (theirs !== goQuote(s)) mismatches.push(`${major} ${JSON.stringify(s)}: helm ${theirs} ours ${goQuote(s)}`);
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('prints floats like %v', () => {
    const mismatches: string[] = [];
    floats.forEach((n, i) => {
      for (const [major, run] of helm) {
        const theirs = run.outputs.get(`f${i}`);
        if (theirs !== goFormatFloat(n)) mismatches.push(`${major} ${n}: helm ${theirs} ours ${goFormatFloat(n)}`);
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('prints --set int64 values as integers', () => {
    for (const run of helm.values()) expect(run.outputs.get('ints')).toBe(toYaml(SET_INTS));
  });
});

describe('toYaml of strings (remembered by string)', () => {
  it('is the emitter text, the first time and every time after', async () => {
    const { emitValueBody } = await import('../../src/render/goyaml/emitter.js');
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('null', 'yes', '1', '', ' a', 'a: b', '- x', '\n')), (s) => {
        const fresh = emitValueBody(s);
        expect(toYaml(s)).toBe(fresh);
        expect(toYaml(s)).toBe(fresh);
      }),
      { numRuns: 1000 },
    );
  });
});
