import { describe, expect, it } from 'vitest';
import { appendPath, collectPaths, describeSource, formatPath, layerSources, pruneSources, type SourceMap } from '../../src/values/source.js';
import { newMap } from '../../src/values/types.js';

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['gateway', 'listeners', 0, 'port'], 'gateway.listeners[0].port'],
    [['a.b', 'c'], '["a.b"].c'],
    [['x', 'a[0]'], 'x["a[0]"]'],
    [['x', ''], 'x[""]'],
    [['x', 'say "hi"'], 'x["say \\"hi\\""]'],
    [['l', 0, 1], 'l[0][1]'],
    [['with space', 'ü'], 'with space.ü'],
  ] as [(string | number)[], string][])('%j → %s', (segments, path) => {
    expect(formatPath(segments)).toBe(path);
    expect(segments.reduce<string>((p, s) => appendPath(p, s), '')).toBe(path);
  });
});

describe('source maps', () => {
  const values = newMap();
  values['a'] = [newMap(), 'x'];
  values['b.c'] = null;

  it('collects every path of a value tree', () => {
    expect([...collectPaths(values)].sort()).toEqual(['', 'a', 'a[0]', 'a[1]', '["b.c"]'].sort());
  });

  it('prunes and layers', () => {
    const file = { kind: 'file', file: 'u.yaml', line: 1, col: 1 } as const;
    const flag = { kind: 'flag', flag: '--set', arg: 'a[1]=x' } as const;
    const s: SourceMap = new Map([
      ['a', file],
      ['a[1]', file],
      ['a[2]', file],
    ]);
    expect([...pruneSources(new Map(s), values).keys()]).toEqual(['a', 'a[1]']);
    expect(layerSources([s, new Map([['a[1]', flag]])], values).get('a[1]')).toEqual(flag);
    expect(describeSource(file)).toBe('u.yaml:1:1');
    expect(describeSource(flag)).toBe('--set a[1]=x');
  });
});
