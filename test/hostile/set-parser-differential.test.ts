// A differential fuzz of hostile --set strings against helm's own parser (the real helm 3 and
// helm 4 binaries): the same values, with the same Go types, or both reject with the same message.
// test/values/set-parser.test.ts fuzzes the grammar's ordinary corners; this one feeds what a
// hostile or careless hand writes: reserved keys, Unicode and control characters, escapes,
// indexes at and past helm's limits, deep [0][0]… nesting, odd JSON, unbalanced brackets.
//
// SET_HOSTILE_RUNS (default 120) and SET_HOSTILE_SEED choose the cases.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { SetFlag } from '../../src/values/source.js';
import { removeTemp, writeTemp } from '../values/helm-values.js';
import { compareCases, type FlagArg } from '../values/set-differential.js';

afterAll(removeTemp);

const RUNS = Number(process.env['SET_HOSTILE_RUNS'] ?? 120);
const SEED = Number(process.env['SET_HOSTILE_SEED'] ?? 20251126);

const SEGMENTS = ['a', 'b', 'é', '日本', '😀', '__proto__', 'constructor', 'prototype', 'toString', 'k\\.d', 'k\\,c', 'k\\=e', 'k\\[0\\]', 'k\\\\', 'sp ace', 'tab\tx', 'ls\u2028x', 'nel\u0085', 'ctl\u0001', 'K\u212a', 'ſ'];
const GOOD_INDEXES = ['0', '1', '2', '7', '300', '+1', '00'];
const ODD_INDEXES = ['65537', '99999999999999999999', '-1', 'x', '', ' 1', '1 ', '٣', '0x1', '1_0'];
const VALUES = [
  '', 'true', 'TRUE', 'tRUE', 'null', 'Null', '0', '-0', '+0', '007', '1e3', '0.5', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '9007199254740993', 'ls\u2028x', 'a\\,b', '{a,b}', '{}', '{,}', '{a\\,b}', '[x]', 'x=y', '==', '日本', '😀', 'ctl\u0001', '\t', ' lead', 'trail ', 'back\\', 'ſ', 'K\u212a', '__proto__',
  '{{ .Values }}', '<no value>', '---', '# c', 'a: b', "'q'", '"q"',
];
const JSON_VALUES = [
  '1', '-0', '1e308', '1e309', '-1e-400', '1.0', '01', '"a"b', '"\\ud800"', '"\\u0000"', '"\\u2028"', '"ls\u2028x"', '{"a":1,"a":2}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":1}}',
  '[[[[[]]]]]', `${'['.repeat(40)}${']'.repeat(40)}`, '[1,]', '{"a":}', 'null', 'true', ' {"x":1} ', '"\\\\"', '{"k.d":1,"k,c":2}', '[]', '{}', '"', 'tru', '9223372036854775807',
];

const segment = fc.constantFrom(...SEGMENTS);
const index = fc.oneof({ arbitrary: fc.constantFrom(...GOOD_INDEXES), weight: 5 }, { arbitrary: fc.constantFrom(...ODD_INDEXES), weight: 1 }).map((i) => `[${i}]`);
const rest = fc.oneof(
  { arbitrary: fc.array(fc.oneof({ arbitrary: segment.map((s) => `.${s}`), weight: 3 }, { arbitrary: index, weight: 2 }), { maxLength: 5 }).map((r) => r.join('')), weight: 6 },
  // deep list nesting, well within our limit (MAX_VALUES_DEPTH) and unbounded in helm
  { arbitrary: fc.integer({ min: 5, max: 40 }).map((n) => '[0]'.repeat(n)), weight: 1 },
);

interface Pair {
  root: string;
  rest: string;
  value: string;
}
interface Flag {
  flag: SetFlag;
  pairs: Pair[];
}
type HostileCase = { kind: 'structured'; flags: Flag[] } | { kind: 'raw'; flags: FlagArg[] };

const pair = (values: fc.Arbitrary<string>): fc.Arbitrary<Pair> => fc.record({ root: segment, rest, value: values });
const flag: fc.Arbitrary<Flag> = fc.oneof(
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set'), pairs: fc.array(pair(fc.constantFrom(...VALUES)), { minLength: 1, maxLength: 3 }) }), weight: 5 },
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set-string'), pairs: fc.array(pair(fc.constantFrom(...VALUES)), { minLength: 1, maxLength: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set-json'), pairs: fc.array(pair(fc.constantFrom(...JSON_VALUES)), { minLength: 1, maxLength: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ flag: fc.constant<SetFlag>('--set-literal'), pairs: fc.tuple(pair(fc.constantFrom(...VALUES, 'a,b=c', 'x\ny'))).map((p) => [...p]) }), weight: 1 },
);

const files = [writeTemp('empty.txt', ''), writeTemp('unicode.txt', 'é\u2028日本\r\n'), writeTemp('yaml.txt', 'a: b\n---\n- c\n')];
const raw: fc.Arbitrary<FlagArg> = fc.oneof(
  fc.record({ flag: fc.constantFrom<SetFlag>('--set', '--set-string', '--set-json', '--set-literal'), arg: fc.string({ unit: fc.constantFrom(...'a_.,=[]{}\\ 0-1"é\u2028\u0001_'.split('')), maxLength: 16 }) }),
  fc.constantFrom(...JSON_VALUES).map((json) => ({ flag: '--set-json' as SetFlag, arg: `{"top":${json}}` })),
  fc.tuple(segment, fc.constantFrom(...files)).map(([k, f]) => ({ flag: '--set-file' as SetFlag, arg: `${k}=${f}` })),
);

const hostileCase: fc.Arbitrary<HostileCase> = fc.oneof(
  { arbitrary: fc.array(flag, { minLength: 1, maxLength: 3 }).map((flags) => ({ kind: 'structured' as const, flags })), weight: 4 },
  { arbitrary: fc.array(raw, { minLength: 1, maxLength: 2 }).map((flags) => ({ kind: 'raw' as const, flags })), weight: 1 },
);

/** The case's flags, each pair's first key under `prefix`, so accepted cases can share a helm run. */
function flagsOf(c: HostileCase, prefix: string): FlagArg[] {
  if (c.kind === 'raw') return c.flags;
  return c.flags.map(({ flag: f, pairs }) => ({ flag: f, arg: pairs.map((p) => `${prefix}${p.root}${p.rest}=${p.value}`).join(',') }));
}

describe('differential fuzz: hostile --set strings against helm 3 and helm 4', () => {
  it(`${RUNS} cases (seed ${SEED}): the same values and types, or the same rejection`, async () => {
    const cases = fc.sample(hostileCase, { numRuns: RUNS, seed: SEED });
    const run = await compareCases(cases.map((c, i) => ({ flags: flagsOf(c, `h${i}_`), batchable: c.kind === 'structured' })), 8, 2);
    expect(run.problems, `seed ${SEED}`).toEqual([]);
    expect(run.accepted).toBeGreaterThan(RUNS / 5);
    expect(run.singles).toBeGreaterThan(RUNS / 5);
    console.log(`hostile --set fuzz: ${RUNS} cases (seed ${SEED}) against helm 3 and 4: ${run.accepted} accepted (same values and types, ${run.batches} batched helm runs), ${run.singles} rejected or raw (same outcome, run alone)`);
  });
});
