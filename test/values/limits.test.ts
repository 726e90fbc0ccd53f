// The run's limits: tree measurement without recursion, the cumulative budget, the depth check.
import { describe, expect, it } from 'vitest';
import { MAX_VALUES_DEPTH, MAX_VALUES_NODES, ValuesBudget, ValuesLimitError, formatBytes, measureTree, pathPastDepth, shortPath } from '../../src/values/limits.js';
import { newMap, type Value } from '../../src/values/types.js';

function nested(depth: number): Value {
  let v: Value = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : Object.assign(newMap(), { k: v });
  return v;
}

describe('measureTree', () => {
  it('counts entries and items, and the depth of containers', () => {
    expect(measureTree('x')).toEqual({ nodes: 1, depth: 0 });
    expect(measureTree(Object.assign(newMap(), { a: 1, b: [1, 2] }))).toEqual({ nodes: 5, depth: 2 });
    expect(measureTree([])).toEqual({ nodes: 1, depth: 0 });
  });

  it('measures a tree far deeper than the stack allows', () => {
    expect(measureTree(nested(200_000)).depth).toBe(200_000);
  });

  it('stops counting once past the budget', () => {
    const wide = Array.from({ length: 1000 }, () => 1);
    expect(measureTree(wide, 10).nodes).toBe(11);
  });
});

describe('ValuesBudget', () => {
  it('adds up what the files and flags of one run hold', () => {
    const budget = new ValuesBudget();
    const half = Array.from({ length: MAX_VALUES_NODES / 2 }, () => 0);
    budget.charge(half, 'a.yaml');
    expect(() => budget.charge(half, 'b.yaml')).toThrow(ValuesLimitError);
    expect(() => new ValuesBudget().charge(half, 'b.yaml')).not.toThrow();
  });

  it('names the input and the limit', () => {
    const e = (() => {
      try {
        new ValuesBudget().charge(nested(MAX_VALUES_DEPTH + 5), 'deep.yaml');
      } catch (err) {
        return err as ValuesLimitError;
      }
      throw new Error('no error');
    })();
    expect(e.limit).toBe('MAX_VALUES_DEPTH');
    expect(e.exitCode).toBe(1);
    // the values path where the limit is crossed, shortened at a segment; the limit in words
    expect(e.message).toMatch(/^deep\.yaml: the values nest deeper than the limit of 100 levels at (k\[0\]\.)+k(\[0\])?… \(values for this chart nest about 10\): flatten them$/);
    expect(e.message).not.toMatch(/MAX_/);
  });

  it('accepts exactly the limits', () => {
    expect(() => new ValuesBudget().charge(nested(MAX_VALUES_DEPTH), 'x')).not.toThrow();
    expect(() => new ValuesBudget().charge(nested(MAX_VALUES_DEPTH + 1), 'x')).toThrow(/the limit of 100 levels/);
  });
});

describe('the values path of a depth message', () => {
  it('is where the values first nest one level too deep', () => {
    const deep = (n: number, key: string): Value => (n === 0 ? 1 : Object.assign(newMap(), { [key]: deep(n - 1, key) }));
    const root = Object.assign(newMap(), { gateway: Object.assign(newMap(), { annotations: Object.assign(newMap(), { ok: 1, k: deep(3, 'a') }) }) });
    expect(pathPastDepth(root, 4)).toBe('gateway.annotations.k.a.a');
    expect(pathPastDepth(root, 6)).toBeUndefined();
    expect(pathPastDepth([[[1]]], 2)).toBe('[0][0][0]');
  });

  it('is shortened at a segment', () => {
    expect(shortPath('gateway.annotations')).toBe('gateway.annotations');
    expect(shortPath(`gateway.annotations.k${'.a'.repeat(40)}`)).toBe(`gateway.annotations.k${'.a'.repeat(19)}…`);
  });
});

it('formatBytes', () => {
  expect([formatBytes(12), formatBytes(2048), formatBytes(1024 * 1024), formatBytes(1536 * 1024)]).toEqual(['12 bytes', '2 KiB', '1 MiB', '1.5 MiB']);
});
