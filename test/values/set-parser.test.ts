import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_INDEX,
  parseSetFileInto,
  parseSetInto,
  parseSetJsonInto,
  parseSetLiteralInto,
  parseSetStringInto,
  SetSyntaxError,
  typedVal,
} from '../../src/values/set-parser.js';
import type { SetFlag, SourceMap } from '../../src/values/source.js';
import { newMap, type ValueMap } from '../../src/values/types.js';
import { plain, pool, writeTemp, removeTemp } from './helm-values.js';
import { compareBoth, compareCases, type FlagArg } from './set-differential.js';

afterAll(removeTemp);

type Parse = (arg: string, dest: ValueMap, sources?: SourceMap) => void;

function run(parseInto: Parse, ...args: string[]): unknown {
  const dest = newMap();
  for (const a of args) parseInto(a, dest);
  return plain(dest);
}
const set = (...args: string[]): unknown => run(parseSetInto, ...args);

function failure(parseInto: Parse, arg: string, dest: ValueMap = newMap()): SetSyntaxError {
  try {
    parseInto(arg, dest);
  } catch (e) {
    if (e instanceof SetSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(arg)} to be rejected`);
}

describe('--set grammar', () => {
  it.each([
    ['a=1,b=2', { a: 1, b: 2 }],
    ['a.b.c=x', { a: { b: { c: 'x' } } }],
    ['esc=a\\,b', { esc: 'a,b' }],
    ['key\\.with\\.dots=v', { 'key.with.dots': 'v' }],
    ['eq=a=b', { eq: 'a=b' }],
    ['x=a\\\\b', { x: 'a\\b' }],
    ['x=1,x=2', { x: 2 }],
    ['name=value with spaces', { name: 'value with spaces' }],
    ['l={a,b,c}', { l: ['a', 'b', 'c'] }],
    ['l={a\\,b,c}', { l: ['a,b', 'c'] }],
    ['l={}', { l: [''] }],
    ['l={a: b}', { l: ['a: b'] }],
    ['l={1,true,null,007}', { l: [1, true, null, '007'] }],
    ['l={x},b=1', { l: ['x'], b: 1 }],
    ['lst[1]=x', { lst: [null, 'x'] }],
    ['arr[0].name=n0,arr[0].port=80,arr[2].name=n2', { arr: [{ name: 'n0', port: 80 }, null, { name: 'n2' }] }],
    ['a[1][0]=x', { a: [null, ['x']] }],
    ['a[0]={x,y}', { a: [['x', 'y']] }],
    ['a[+1]=x', { a: [null, 'x'] }],
    ['a.b=', { a: { b: '' } }],
    ['e1=', { e1: '' }],
    ['a=b\\', { a: 'b' }],
    ['=5', {}],
    ['.a=1', {}],
    ['a.', {}],
    ['', {}],
    ['arr[0].name=', { arr: [] }], // helm: the map is dropped when the value ends the string
    ['a[1', {}], // helm 4: an index cut off by the end is ignored (helm 3 fails)
    ['a[0][1', { a: [] }],
    ['__proto__.x=1,constructor=2', { ['__proto__']: { x: 1 }, constructor: 2 }],
  ])('%j → %j', (arg, expected) => {
    expect(set(arg)).toEqual(expected);
  });

  it('keeps nesting up to helm’s limit of 30 levels', () => {
    const path = Array.from({ length: 31 }, (_, i) => `k${i}`);
    expect(() => set(`${path.join('.')}=v`)).not.toThrow();
    expect(failure(parseSetInto, `${[...path, 'k31'].join('.')}=v`).reason).toBe(
      'value name nested level is greater than maximum supported nested level of 30',
    );
  });

  it(`allows index ${MAX_INDEX} and rejects ${MAX_INDEX + 1}`, () => {
    const out = set(`a[${MAX_INDEX}]=x`) as { a: unknown[] };
    expect(out.a.length).toBe(MAX_INDEX + 1);
    expect(out.a[MAX_INDEX]).toBe('x');
    expect(failure(parseSetInto, `a[${MAX_INDEX + 1}]=1`).message).toBe(
      '--set a[65537]=1: failed parsing --set data: index of 65537 is greater than maximum supported index of 65536',
    );
  });

  it('edits a list that came from a values file, padding with nulls', () => {
    const dest = newMap();
    dest['lst'] = ['f1', 'f2', 'f3'];
    parseSetInto('lst[0]=q', dest);
    expect(plain(dest)).toEqual({ lst: ['q', 'f2', 'f3'] });
    parseSetInto('lst[5]=q', dest);
    expect(plain(dest)).toEqual({ lst: ['q', 'f2', 'f3', null, null, 'q'] });
  });

  it('never touches Object.prototype', () => {
    const dest = newMap();
    parseSetInto('__proto__.polluted=1,constructor.prototype.polluted=2,a.__proto__.polluted=3', dest);
    parseSetJsonInto('{"__proto__":{"polluted":4}}', dest);
    parseSetJsonInto('j={"__proto__":{"polluted":5}}', dest);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(dest)).toBeNull();
    expect(Object.getPrototypeOf(dest['__proto__'])).toBeNull();
    expect(Object.getPrototypeOf(dest['j'])).toBeNull();
  });
});

describe('--set typing', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['tRuE', true],
    ['false', false],
    ['falſe', false], // Go's EqualFold folds U+017F onto "s"
    ['null', null],
    ['NULL', null],
    ['0', 0],
    ['1', 1],
    ['-5', -5],
    ['+5', 5],
    ['-05', -5],
    ['-0', 0],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9007199254740991', 9007199254740991],
    ['9007199254740992', 9007199254740992n],
    ['1.5', '1.5'],
    ['1e3', '1e3'],
    ['0777', '0777'],
    ['00', '00'],
    ['9223372036854775808', '9223372036854775808'],
    ['""', '""'],
    ['', ''],
    ['0x10', '0x10'],
    ['1_000', '1_000'],
    [' 1', ' 1'],
    ['١', '١'],
  ])('%j → %s', (text, expected) => {
    expect(typedVal(text, false)).toEqual(expected);
  });

  it('--set-string keeps everything a string', () => {
    expect(run(parseSetStringInto, 'a=true,b=null,c=1,l={1,true}')).toEqual({ a: 'true', b: 'null', c: '1', l: ['1', 'true'] });
  });
});

describe('--set errors carry helm’s messages', () => {
  it.each([
    ['a', 'key "a" has no value'],
    ['a,', 'key "a" has no value (cannot end with ,)'],
    ['a.,x=1', 'key "" has no value (cannot end with ,)'],
    ['a.b', 'key "b" has no value'],
    ['x=[1,2]', 'key "2]" has no value'],
    ['[1,2]', 'error parsing index: strconv.Atoi: parsing "1,2": invalid syntax'],
    ['a={x', "list must terminate with '}'"],
    ['a={x}y', 'key "y" has no value'],
    ['a[1]x=1', "unexpected data at end of array index: ['x']"],
    ['a[x]=1', 'error parsing index: strconv.Atoi: parsing "x": invalid syntax'],
    ['a[]=1', 'error parsing index: strconv.Atoi: parsing "": invalid syntax'],
    ['a[99999999999999999999]=1', 'error parsing index: strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['a[-1]=1', 'negative -1 index not allowed'],
    ['a=1,a.b=2', 'unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}'],
    ['a=x,a[0]=1', 'unable to parse key: interface conversion: interface {} is string, not []interface {}'],
    ['a[0]=1,a[0][0]=2', 'unable to parse key: interface conversion: interface {} is int64, not []interface {}'],
    ['a=null,a.b=1', 'unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}'],
    ['a=true,a[0]=1', 'unable to parse key: interface conversion: interface {} is bool, not []interface {}'],
    ['a={x},a.b=1', 'unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}'],
    ['a.b=1,a[0]=1', 'unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}'],
    ['a=\t,a.b=1', 'unable to parse key: interface conversion: interface {} is string, not map[string]interface {}'],
    ['k\n=1,k\n', 'key "k\\n" has no value'],
  ])('%j → %s', (arg, reason) => {
    const e = failure(parseSetInto, arg);
    expect(e.reason).toBe(reason);
    // the flag as written, then helm's message (with the whole key path, below)
    expect(e.message.startsWith(`--set ${arg}: failed parsing --set data: `)).toBe(true);
    if (!reason.includes('has no value')) expect(e.message).toBe(`--set ${arg}: failed parsing --set data: ${reason}`);
    expect(e.flag).toBe('--set');
    expect(e.arg).toBe(arg);
  });

  it.each([
    ['a.b', '--set a.b: failed parsing --set data: key "a.b" has no value'],
    ['gateway.listeners[0].name', '--set gateway.listeners[0].name: failed parsing --set data: key "gateway.listeners[0].name" has no value'],
    ['x=1,a.b,', '--set x=1,a.b,: failed parsing --set data: key "a.b" has no value (cannot end with ,)'],
    ['a.b.=1', '--set a.b.=1: failed parsing --set data: key map "a.b" has no value'],
    // a key that needs quoting in a values path is not how the user wrote it: helm's segment stays
    ['x=[1,2]', '--set x=[1,2]: failed parsing --set data: key "2]" has no value'],
  ])('"has no value" names the whole key path the user wrote: %j', (arg, message) => {
    expect(failure(parseSetInto, arg).message).toBe(message);
  });

  it('a long flag is shortened in the message', () => {
    const arg = `${'k'.repeat(200)}.b`;
    expect(failure(parseSetInto, arg).message).toMatch(/^--set k{117}\.\.\.: failed parsing --set data: key "k{200}\.b" has no value$/);
  });

  it('names float64 for numbers that came from a values file', () => {
    const dest = newMap();
    dest['a'] = 1;
    expect(failure(parseSetInto, 'a.b=2', dest).reason).toBe(
      'unable to parse key: interface conversion: interface {} is float64, not map[string]interface {}',
    );
  });
});

describe('--set-json', () => {
  it.each([
    ['j={"a":1,"b":[1,2.5,"x"],"c":null,"d":1e3}', { j: { a: 1, b: [1, 2.5, 'x'], c: null, d: 1000 } }],
    ['a=1 b=2', { a: 1, b: 2 }],
    ['a="x"y=1', { a: 'x', y: 1 }],
    ['a=-0', { a: -0 }],
    ['a=', { a: null }],
    ['a= ,b=1', { a: null, b: 1 }],
    ['a[1]={"k":1}', { a: [null, { k: 1 }] }],
    ['a="\\ud800"', { a: '\ufffd' }],
    ['a=\u00a01', { a: 1 }],
    ['{"top":{"x":1}}', { top: { x: 1 } }],
    [' {"top":1} ', { top: 1 }],
  ])('%j → %j', (arg, expected) => {
    expect(run(parseSetJsonInto, arg)).toEqual(expected);
  });

  it('merges a whole object into existing maps (helm 4)', () => {
    const dest = newMap();
    parseSetInto('top.keep=1,top.x.y=2', dest);
    parseSetJsonInto('{"top":{"x":{"z":3},"n":null}}', dest);
    expect(plain(dest)).toEqual({ top: { keep: 1, x: { y: 2, z: 3 }, n: null } });
  });

  it.each([
    ['a=01', 'failed parsing --set-json data a=01'],
    ['a=truex', 'failed parsing --set-json data a=truex'],
    ['a=1e400', 'failed parsing --set-json data a=1e400'],
    ['a=1.', 'failed parsing --set-json data a=1.'],
    ['a=nul', 'failed parsing --set-json data a=nul'],
    ['a=[1,', 'failed parsing --set-json data a=[1,'],
    ['{"top":1} x', 'failed parsing --set-json data JSON: {"top":1} x'],
    ['{"a":1e400}', 'failed parsing --set-json data JSON: {"a":1e400}'],
  ])('%j fails: %s', (arg, message) => {
    expect(failure(parseSetJsonInto, arg).message).toBe(message);
  });
});

describe('--set-file and --set-literal', () => {
  const files: Record<string, string> = { f1: 'file contents\nline2\n', f2: 'two' };
  const reader = (p: string): string => {
    if (!(p in files)) throw new Error(`open ${p}: no such file or directory`);
    return files[p]!;
  };
  const withFiles: Parse = (arg, dest, sources) => parseSetFileInto(arg, dest, reader, sources);

  it('reads raw contents, list items included', () => {
    expect(run(withFiles, 'sf=f1,l={f1,f2}')).toEqual({ sf: 'file contents\nline2\n', l: ['file contents\nline2\n', 'two'] });
    expect(run(withFiles, 'e=')).toEqual({ e: '' });
  });

  it('reports a file it cannot read the way helm does', () => {
    expect(failure(withFiles, 'a=nope').message).toBe('--set-file a=nope: failed parsing --set-file data: open nope: no such file or directory');
    expect(failure(withFiles, 'a=,b=f1').message).toBe('--set-file a=,b=f1: failed parsing --set-file data: open : no such file or directory');
  });

  it('--set-literal takes the rest of the argument unparsed', () => {
    expect(run(parseSetLiteralInto, 'lit=a,b=c\\,d')).toEqual({ lit: 'a,b=c\\,d' });
    expect(run(parseSetLiteralInto, 'a,b.c[1]=x=y')).toEqual({ 'a,b': { c: [null, 'x=y'] } });
    expect(run(parseSetLiteralInto, 'a=')).toEqual({ a: '' });
    expect(failure(parseSetLiteralInto, 'a').message).toBe('--set-literal a: failed parsing --set-literal data: key "a" has no value');
    expect(failure(parseSetLiteralInto, 'a.b').message).toBe('--set-literal a.b: failed parsing --set-literal data: key "a.b" has no value');
  });
});

describe('sources', () => {
  it('records the flag and argument for every path a flag writes', () => {
    const dest = newMap();
    const sources: SourceMap = new Map();
    dest['file'] = newMap();
    (dest['file'] as ValueMap)['keep'] = 1;
    sources.set('file', { kind: 'file', file: 'u.yaml', line: 1, col: 1 });
    parseSetInto('file.new=1,arr[2].name=x,l={a,b}', dest, sources);
    const flag = { kind: 'flag', flag: '--set', arg: 'file.new=1,arr[2].name=x,l={a,b}' };
    expect(sources.get('file')).toEqual({ kind: 'file', file: 'u.yaml', line: 1, col: 1 });
    for (const p of ['file.new', 'arr', 'arr[0]', 'arr[1]', 'arr[2]', 'arr[2].name', 'l', 'l[0]', 'l[1]']) {
      expect(sources.get(p), p).toEqual(flag);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Differential tests against helm.

const file1 = writeTemp('f1.txt', 'file contents\nline2\n');
const file2 = writeTemp('f2.txt', 'two');

const TABLE: FlagArg[][] = [
  ...[
    'a=1,b=true,c=1.5,d=9223372036854775808,e=null,f={x,y},g[2]=z,h.i=0777',
    'esc=a\\,b,key\\.with\\.dots=v,eq=a=b,x=a\\\\b',
    'l={},m={a\\,b,c},n={a: b}',
    'arr[0].name=n0,arr[0].port=80,arr[2].name=n2',
    'a[1][0]=x,b[0]={p,q}',
    'a=tRuE,b=falſe,c=NULL,d=0,e=-0,f=+5,g=-05,h=9223372036854775807,i=-9223372036854775808,j=9007199254740993',
    'a=1,a.b=2',
    'a=x,a[0]=1',
    'a[1]x=1',
    'a[x]=1',
    'a[99999999999999999999]=1',
    'a[65537]=1',
    'a[-1]=1',
    'a[1',
    'a[0][1',
    'a.',
    'a.,x=1',
    'a',
    'a,',
    'a={x',
    'a={x}y',
    'arr[0].name=',
    'a=b\\',
    '=5',
    '.a=1',
    'a.b=',
    '[1,2]',
    `${Array.from({ length: 31 }, (_, i) => `k${i}`).join('.')}.k31=v`,
    'k\n=1,k\n',
    '__proto__.x=1,constructor=2,prototype[0]=3',
  ].map((arg) => [{ flag: '--set' as const, arg }]),
  [{ flag: '--set-string', arg: 'a=true,b=null,c=1,l={1,true}' }],
  ...['j={"a":1,"b":[1,2.5,"x"],"c":null,"d":1e3}', 'a=1 b=2', 'a="x"y=1', 'a=-0', 'a=', 'a= ,b=1', 'a[1]={"k":1}', 'a="\\ud800"',
    'a=01', 'a=truex', 'a=1e400', 'a=1.', 'a=nul', 'a=[1,', '{"top":1} x', '{"a":1e400}', 'a=\u00a01', 'a={"__proto__":{"x":1}}'].map(
    (arg) => [{ flag: '--set-json' as const, arg }],
  ),
  [{ flag: '--set-file', arg: `sf=${file1},l={${file1},${file2}}` }],
  [{ flag: '--set-file', arg: 'sf=/nonexistent/file' }],
  [{ flag: '--set-file', arg: `a=,b=${file1}` }],
  [{ flag: '--set-file', arg: `a=${file1},` }],
  [{ flag: '--set-literal', arg: 'lit=a,b=c\\,d' }],
  [{ flag: '--set-literal', arg: 'a,b.c[1]=x=y' }],
  [{ flag: '--set-literal', arg: 'a' }],
  // precedence: fixed by flag kind, not by command-line order
  [
    { flag: '--set-string', arg: 'p=ss' },
    { flag: '--set', arg: 'p=s' },
    { flag: '--set-json', arg: 'p="j"' },
  ],
  [
    { flag: '--set-literal', arg: 'q=lit' },
    { flag: '--set-file', arg: `q=${file2}` },
    { flag: '--set', arg: 'q=1,r.s=2' },
    { flag: '--set-json', arg: '{"r":{"t":3}}' },
  ],
  [
    { flag: '--set', arg: 'm.a=1' },
    { flag: '--set', arg: 'm=str' },
  ],
];

describe('differential: helm parses the same flags', () => {
  it('table of flag combinations (helm 3 and helm 4)', async () => {
    const problems = (await pool(1, TABLE.map((flags) => () => compareBoth(flags)))).flat();
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing --set (and its siblings) against helm.

const SEGMENTS = ['a', 'b', 'name', 'x1', 'ä', 'k\\.d', 'k\\,c', 'k\\\\', 'sp ace', 'k\\=q', 'k\\[0\\]', '__proto__', 'port', 'c'];
const GOOD_INDEXES = ['0', '1', '2', '3'];
const ODD_INDEXES = ['-1', 'x', '', '+1', '007', '65537', ' 1', '1,2'];
const VALUES = [
  'true', 'True', 'tRuE', 'false', 'FALSE', 'falſe', 'null', 'NULL', 'Null', '0', '00', '007', '-5', '+5', '-0', '1.5', '1e3',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809', '9007199254740993', '', 'a b',
  ' lead', 'trail ', 'x=y', '{a,b}', '{}', '{a\\,b,c}', '{1,true,null,007}', '\\,', 'a\\\\b', '"q"', 'ſ', 'é☃', '[1,2]', '{a: b}',
  'a\\.b', '1000000', '12345678901234567890',
];
const JSON_VALUES = ['1', '1.5', '-0', '1e3', '"s"', 'true', 'null', '[1,"x",null]', '{"k":{"n":1}}', '', ' 2 ', '"a,b"', '1000000', '{"__proto__":1}', '"\\u00e9"', '12345678901234567890'];

const segment = fc.constantFrom(...SEGMENTS);
const rest = fc.array(
  fc.oneof(
    { arbitrary: segment.map((s) => `.${s}`), weight: 6 },
    { arbitrary: fc.constantFrom(...GOOD_INDEXES).map((i) => `[${i}]`), weight: 4 },
    { arbitrary: fc.constantFrom(...ODD_INDEXES).map((i) => `[${i}]`), weight: 1 },
  ),
  { maxLength: 3 },
);
const root = fc.constantFrom('a', 'b', 'name', 'x1', 'ä', 'k\\.d', 'k\\,c', 'sp ace', '__proto__', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6');
const freeText = fc.string({ unit: fc.constantFrom(...'ab0179.,=[]{}\\ -_ſ"é'.split('')), maxLength: 8 });

interface Pair {
  root: string;
  rest: string;
  value: string;
}
interface StructuredFlag {
  flag: SetFlag;
  pairs: Pair[];
}
type FuzzCase = { kind: 'structured'; flags: StructuredFlag[] } | { kind: 'garbage'; flags: FlagArg[] };

const pairFor = (values: fc.Arbitrary<string>): fc.Arbitrary<Pair> =>
  fc.record({ root, rest: rest.map((r) => r.join('')), value: values });
const typedValues = fc.oneof({ arbitrary: fc.constantFrom(...VALUES), weight: 8 }, { arbitrary: freeText, weight: 1 });
const structuredFlag: fc.Arbitrary<StructuredFlag> = fc.oneof(
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set'), pairs: fc.array(pairFor(typedValues), { minLength: 1, maxLength: 3 }) }), weight: 6 },
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set-string'), pairs: fc.array(pairFor(typedValues), { minLength: 1, maxLength: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set-json'), pairs: fc.array(pairFor(fc.constantFrom(...JSON_VALUES)), { minLength: 1, maxLength: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set-literal'), pairs: fc.tuple(pairFor(typedValues)).map((p) => [...p]) }), weight: 1 },
);
const garbageFlag: fc.Arbitrary<FlagArg> = fc.record({
  flag: fc.constantFrom<SetFlag>('--set', '--set', '--set', '--set-string', '--set-json', '--set-literal'),
  arg: fc.string({ unit: fc.constantFrom(...'abx01.,=[]{}\\ -ſ"'.split('')), maxLength: 14 }),
});
const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { arbitrary: fc.array(structuredFlag, { minLength: 1, maxLength: 3 }).map((flags) => ({ kind: 'structured' as const, flags })), weight: 4 },
  { arbitrary: fc.array(garbageFlag, { minLength: 1, maxLength: 2 }).map((flags) => ({ kind: 'garbage' as const, flags })), weight: 1 },
);

/** A structured case's flags, with every pair's first key segment put under `prefix` so that
 *  several cases can share one helm run without touching each other's keys. */
function render(c: FuzzCase, prefix: string): FlagArg[] {
  if (c.kind === 'garbage') return c.flags;
  return c.flags.map(({ flag, pairs }) => ({ flag, arg: pairs.map((p) => `${prefix}${p.root}${p.rest}=${p.value}`).join(',') }));
}

const FUZZ_RUNS = Number(process.env['SET_FUZZ_RUNS'] ?? 200);
const FUZZ_SEED = Number(process.env['SET_FUZZ_SEED'] ?? 20240917);
const BATCH = 10;

describe('differential fuzz: --set strings against helm', () => {
  it(`${FUZZ_RUNS} random cases (seed ${FUZZ_SEED}): same values, or both reject with the same message`, async () => {
    const cases = fc.sample(fuzzCase, { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
    // Each task runs helm 3 and helm 4 side by side.
    const run = await compareCases(cases.map((c, i) => ({ flags: render(c, `n${i}_`), batchable: c.kind === 'structured' })), BATCH, 1);
    expect(run.problems, `seed ${FUZZ_SEED}`).toEqual([]);
    // Make sure the generator really produces both outcomes.
    expect(run.singles).toBeGreaterThan(FUZZ_RUNS / 10);
    expect(run.accepted).toBeGreaterThan(FUZZ_RUNS / 4);
    console.log(`set fuzz: ${FUZZ_RUNS} cases (seed ${FUZZ_SEED}): ${run.accepted} accepted, compared in ${run.batches} batched helm runs; ${run.singles} run alone`);
  });
});
