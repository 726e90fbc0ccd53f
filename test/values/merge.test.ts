import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildUserValues, cloneValue, coalesceSources, coalesceValues, goSprintV, mergeUserValues } from '../../src/values/merge.js';
import { parseValuesYaml } from '../../src/values/parse-yaml.js';
import { SetSyntaxError } from '../../src/values/set-parser.js';
import { newMap, type Value, type ValueMap } from '../../src/values/types.js';
import { HELM_MAJORS, type HelmMajor } from '../support/helm.js';
import { canonical, helmValues, makeChart, ourInt64Paths, plain, pool, writeTemp, removeTemp } from './helm-values.js';

afterAll(removeTemp);

const y = (text: string): ValueMap => parseValuesYaml(text, 'v.yaml').values;
const noFlags = { setJson: [], set: [], setString: [], setFile: [], setLiteral: [] };
const noFiles = (p: string): string => {
  throw new Error(`open ${p}: no such file or directory`);
};

describe('mergeUserValues (-f files, left to right)', () => {
  it('merges maps deeply; lists, scalars and null replace', () => {
    const a = y('m: {a: 1, b: {c: 1}}\nl: [1, 2, 3]\ns: x\nnu: 1\n');
    const b = y('m: {b: {d: 2}, e: 3}\nl: [9]\ns: {now: map}\nnu: null\n');
    expect(plain(mergeUserValues([a, b]))).toEqual({ m: { a: 1, b: { c: 1, d: 2 }, e: 3 }, l: [9], s: { now: 'map' }, nu: null });
    expect(plain(mergeUserValues([b, a]))).toEqual({ m: { a: 1, b: { c: 1, d: 2 }, e: 3 }, l: [1, 2, 3], s: 'x', nu: 1 });
  });

  it('never modifies or shares its inputs', () => {
    const a = y('l: [1]\nm: {k: v}\n');
    const before = canonical(a);
    const out = mergeUserValues([a]);
    (out['l'] as Value[]).push(2);
    (out['m'] as ValueMap)['k'] = 'changed';
    expect(canonical(a)).toBe(before);
  });
});

describe('buildUserValues', () => {
  it('applies the set flags in helm’s fixed precedence, whatever the command-line order', () => {
    const files = [parseValuesYaml('def:\n  keep: f\n', 'dk.yaml')];
    const out = buildUserValues({ files, setJson: ['def.keep="j"'], set: ['def.keep=s'], setString: ['def.keep=ss'], setFile: [], setLiteral: [] }, noFiles);
    expect(plain(out.values)).toEqual({ def: { keep: 'ss' } });
    expect(out.sources.get('def.keep')).toEqual({ kind: 'flag', flag: '--set-string', arg: 'def.keep=ss' });
    expect(out.sources.get('def')).toMatchObject({ kind: 'file', file: 'dk.yaml' });
  });

  it('--set edits a list from an earlier -f file', () => {
    const files = [parseValuesYaml('lst: [f1, f2, f3]\n', 'u.yaml')];
    expect(plain(buildUserValues({ files, ...noFlags, set: ['lst[0]=q'] }, noFiles).values)).toEqual({ lst: ['q', 'f2', 'f3'] });
    expect(plain(buildUserValues({ files, ...noFlags, set: ['lst[5]=q'] }, noFiles).values)).toEqual({ lst: ['f1', 'f2', 'f3', null, null, 'q'] });
  });

  it('keeps sources only for paths that still exist', () => {
    const files = [parseValuesYaml('a: {x: 1, y: 2}\n', 'u1.yaml'), parseValuesYaml('a: 5\n', 'u2.yaml')];
    const out = buildUserValues({ files, ...noFlags }, noFiles);
    expect(out.sources.get('a')).toMatchObject({ file: 'u2.yaml', line: 1, col: 4 });
    expect(out.sources.has('a.x')).toBe(false);
  });

  it('reads --set-file through the callback and reports its failure', () => {
    const reader = (p: string): string => (p === 'f' ? 'contents\n' : noFiles(p));
    expect(plain(buildUserValues({ files: [], ...noFlags, setFile: ['k=f'] }, reader).values)).toEqual({ k: 'contents\n' });
    expect(() => buildUserValues({ files: [], ...noFlags, setFile: ['k=g'] }, reader)).toThrow(SetSyntaxError);
  });
});

describe('coalesceValues (user values over chart defaults, helm 4 rules)', () => {
  const defaults = y(
    [
      'top: {a: 1}',
      'tscalar: 5',
      'tmap: {k: v}',
      'nested:',
      '  tomap: scalar',
      '  toscalar: {k: v, num: 1000000, l: [1, x, null], m: {z: 1.5}}',
      '  keep: 1',
      '  gone: 2',
      '  nnull: null',
      '  nullmap: {a: 1}',
      'nullnested:',
      '  inner: null',
      '  deep: {x: null}',
      'dnull: null',
      'lst: [1, 2, 3]',
      'untouched: {a: [1]}',
    ].join('\n'),
  );
  const user = y(
    [
      'top: null',
      'tscalar: {a: 1}',
      'tmap: 7',
      'nested:',
      '  tomap: {a: 1}',
      '  toscalar: 3',
      '  gone: null',
      '  nnull: {q: 1}',
      '  nullmap: null',
      '  new: null',
      'nullnested:',
      '  inner: null',
      '  deep: {x: null, w: null}',
      'dnull: null',
      'newtop: null',
      'lst: [9]',
    ].join('\n'),
  );

  it('merges, replaces and deletes like helm 4', () => {
    const { values } = coalesceValues(defaults, user);
    expect(plain(values)).toEqual({
      tscalar: { a: 1 },
      tmap: 7,
      nested: { tomap: { a: 1 }, toscalar: 3, keep: 1, nnull: { q: 1 }, new: null },
      nullnested: { inner: null, deep: { x: null, w: null } }, // helm 3 would delete inner and deep.x
      newtop: null,
      lst: [9],
      untouched: { a: [1] },
    });
  });

  it('returns helm’s warnings', () => {
    const { warnings } = coalesceValues(defaults, user, { chartName: 'x' });
    expect(warnings.sort()).toEqual(
      [
        'warning: skipped value for x.tscalar: Not a table.',
        'warning: destination for x.nested.tomap is a table. Ignoring non-table value (scalar)',
        'warning: cannot overwrite table with non table for x.nested.toscalar (map[k:v l:[1 x <nil>] m:map[z:1.5] num:1e+06])',
      ].sort(),
    );
  });

  it('keeps a chart null when the user says nothing, and does not mutate its inputs', () => {
    const d = y('a: null\nb: {c: null, l: [1]}\n');
    const u = y('b: {d: 1}\n');
    const [dBefore, uBefore] = [canonical(d), canonical(u)];
    const { values } = coalesceValues(d, u);
    expect(plain(values)).toEqual({ a: null, b: { c: null, l: [1], d: 1 } });
    (values['b'] as ValueMap)['l'] = [];
    expect([canonical(d), canonical(u)]).toEqual([dBefore, uBefore]);
    // What only one side has is shared, not copied: callers must not modify the result there.
    expect(coalesceValues(d, newMap()).values['b']).toBe(d['b']);
  });

  it('coalesceSources prefers the user’s source and drops deleted paths', () => {
    const dp = parseValuesYaml('a: {x: 1, w: 2}\nb: 1\n', 'values.yaml', { sourceKind: 'default' });
    const up = parseValuesYaml('a: {x: 3}\nb: null\n', 'u.yaml');
    const { values } = coalesceValues(dp.values, up.values);
    const s = coalesceSources(dp.sources, up.sources, values);
    expect(s.get('a.x')).toMatchObject({ kind: 'file', file: 'u.yaml' });
    expect(s.get('a.w')).toMatchObject({ kind: 'default', file: 'values.yaml' });
    expect(s.has('b')).toBe(false);
  });
});

describe('goSprintV', () => {
  it.each([
    [null, '<nil>'],
    [true, 'true'],
    ['s', 's'],
    [1, '1'],
    [1.5, '1.5'],
    [1000000, '1e+06'],
    [123456, '123456'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-0, '-0'],
    [1e21, '1e+21'],
    [['a', null, 1], '[a <nil> 1]'],
  ] as [Value, string][])('%j → %s', (v, out) => {
    expect(goSprintV(v)).toBe(out);
  });

  it('prints maps with sorted keys', () => {
    const m = newMap();
    m['b'] = 1;
    m['a'] = cloneValue(y('z: [1]\n'));
    expect(goSprintV(m)).toBe('map[a:map[z:[1]] b:1]');
  });
});

// ---------------------------------------------------------------------------------------------
// Differential: chart defaults + -f files + set flags, against helm 3 and helm 4.

const DEFAULTS = [
  'top: {a: 1, b: [1, 2]}',
  'tscalar: 5',
  'tmap: {k: v}',
  'nested:',
  '  tomap: scalar',
  '  toscalar: {k: v, n: 1000000, l: [1, x, null], m: {z: 1.5}}',
  '  keep: 1',
  '  gone: 2',
  '  nnull: null',
  '  nullmap: {a: 1}',
  'nullnested:',
  '  inner: null',
  '  deep: {x: null}',
  'dnull: null',
  'lst: [1, 2, 3]',
  'def: {keep: d, gone: d}',
  'num: 1e3',
  'yes: on',
].join('\n');

interface Scenario {
  name: string;
  files?: string[];
  flags?: string[]; // e.g. ['--set', 'a=1']
  /** helm 3 differs here on purpose (nested null over a null default, multi-document files) */
  helm3Differs?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'defaults only' },
  {
    name: 'nulls, type changes, lists (helm 3 also deletes nested null-over-null)',
    files: ['top: null\ntscalar: {a: 1}\ntmap: 7\nnested:\n  tomap: {a: 1}\n  toscalar: 3\n  gone: null\n  nnull: {q: 1}\n  nullmap: null\n  new: null\nnullnested:\n  inner: null\n  deep: {x: null, y2: null}\ndnull: null\nnewtop: null\nlst: [9]\n'],
    helm3Differs: true,
  },
  { name: 'same, without nested null-over-null', files: ['top: null\ntscalar: {a: 1}\ntmap: 7\nnested:\n  tomap: {a: 1}\n  toscalar: 3\n  gone: null\n  nullmap: null\n  new: null\ndnull: null\nnewtop: null\nlst: [9]\n'] },
  { name: 'two files, left to right', files: ['top: {a: 2, c: 3}\nlst: [f1, f2, f3]\n', 'top: {a: 4}\nlst: [g]\nextra: null\n'] },
  { name: 'later file nulls an earlier value', files: ['def: {keep: u1}\n', 'def: {keep: null}\n'] },
  { name: 'set edits a file list', files: ['lst: [f1, f2, f3]\n'], flags: ['--set', 'lst[0]=q', '--set', 'lst[5]=q'] },
  { name: 'set index replaces the chart list', flags: ['--set', 'lst[1]=x'] },
  { name: 'precedence regardless of order', files: ['def: {keep: f}\n'], flags: ['--set-string', 'def.keep=ss', '--set', 'def.keep=s', '--set-json', 'def.keep="j"'] },
  { name: 'set null deletes defaults', flags: ['--set', 'def.gone=null,nested=null'] },
  { name: 'set-json null deletes', flags: ['--set-json', 'def.keep=null'] },
  { name: 'set-json whole object (helm 4)', flags: ['--set-json', '{"top":{"x":1,"b":null},"def":{"new":[1,2.5]}}'], helm3Differs: true },
  { name: 'typed set values', flags: ['--set', 'i=1000000,big=9223372036854775807,f=1.5,b=TRUE,s=007,z=0,neg=-5,e='] },
  { name: 'set-string and literal', flags: ['--set-string', 'ss=true', '--set-literal', 'lit=a,b=c\\,d'] },
  { name: 'multi-document -f file (helm 4 merges)', files: ['a: 1\nb: 1\n---\nb: 2\nc: 3\n'], helm3Differs: true },
  { name: 'user map over default scalar and back', files: ['num: {x: 1}\nyes: [1]\ntop: 3\n'] },
  { name: 'set-file', flags: ['--set-file', 'sf=@FILE@'] },
  { name: 'type conflict in set', files: ['tscalar2: 1\n'], flags: ['--set', 'tscalar2.x=1'] },
];

const chart = makeChart({ 'values.yaml': `${DEFAULTS}\n` });
const setFile = writeTemp('sf.txt', 'file contents\nline2\n');

type Outcome = { ok: true; values: ValueMap; int64: string[]; warnings: string[] } | { ok: false; error: string };

function oursFor(s: Scenario, fileNames: string[]): Outcome {
  const flags = (s.flags ?? []).map((f) => f.replace('@FILE@', setFile));
  const pick = (name: string): string[] => flags.filter((_, i) => i % 2 === 1 && flags[i - 1] === name);
  try {
    const files = (s.files ?? []).map((text, i) => parseValuesYaml(text, fileNames[i]!));
    const user = buildUserValues(
      { files, setJson: pick('--set-json'), set: pick('--set'), setString: pick('--set-string'), setFile: pick('--set-file'), setLiteral: pick('--set-literal') },
      (p) => readFileSync(p, 'utf8'),
    );
    const defaults = parseValuesYaml(`${DEFAULTS}\n`, 'values.yaml', { sourceKind: 'default' });
    const { values, warnings } = coalesceValues(defaults.values, user.values, { chartName: 'x' });
    return { ok: true, values, int64: [...ourInt64Paths(values, user.sources)].sort(), warnings };
  } catch (e) {
    if (e instanceof SetSyntaxError) return { ok: false, error: `Error: ${e.helmMessage}` };
    throw e;
  }
}

/** helm 3 prints `coalesce.go:NNN: warning: …`, helm 4 `level=INFO msg="warning: …"`. */
function helmWarnings(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => /^coalesce\.go:\d+: (warning: .*)$/.exec(l)?.[1] ?? /^level=INFO msg="(warning: .*)"$/.exec(l)?.[1])
    .filter((w): w is string => w !== undefined)
    .map((w) => w.replace(/\\"/g, '"'));
}

describe('differential: final .Values against helm', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const paths = (s.files ?? []).map((text, i) => writeTemp(`u${i}.yaml`, text));
    const args = [...paths.flatMap((p) => ['-f', p]), ...(s.flags ?? []).map((f) => f.replace('@FILE@', setFile))];
    const mine = oursFor(s, paths);
    const results = await pool(2, HELM_MAJORS.map((m) => () => helmValues(m, chart, args)));
    HELM_MAJORS.forEach((major: HelmMajor, i) => {
      if (major === 'v3' && s.helm3Differs) return;
      const theirs = results[i]!;
      if (!theirs.ok) {
        expect(mine.ok ? 'we accept' : mine.error, `helm ${major}`).toBe(theirs.error);
        return;
      }
      expect(mine.ok, `helm ${major} accepts; we say ${mine.ok ? '' : mine.error}`).toBe(true);
      if (!mine.ok) return;
      expect(canonical(mine.values), `helm ${major}`).toBe(canonical(theirs.values.value));
      expect(mine.int64, `helm ${major} int64 paths`).toEqual([...theirs.values.int64Paths].sort());
      expect([...mine.warnings].sort(), `helm ${major} warnings`).toEqual(helmWarnings(theirs.stderr).sort());
    });
  });

  it('helm 3 deletes a nested null-over-null that helm 4 keeps', async () => {
    const path = writeTemp('n.yaml', 'nullnested:\n  inner: null\n');
    const [h3, h4] = await Promise.all(HELM_MAJORS.map((m) => helmValues(m, chart, ['-f', path])));
    const nested = (r: typeof h3): unknown => (r!.ok ? plain((r!.values.value as ValueMap)['nullnested']!) : r!.error);
    expect(nested(h3)).toEqual({ deep: { x: null } });
    expect(nested(h4)).toEqual({ inner: null, deep: { x: null } });
    const ours = coalesceValues(y(`${DEFAULTS}\n`), y('nullnested:\n  inner: null\n')).values;
    expect(plain(ours['nullnested']!)).toEqual({ inner: null, deep: { x: null } });
  });
});
