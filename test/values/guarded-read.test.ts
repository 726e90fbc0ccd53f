// One values file through any reader, within the limits.
import { readValuesYaml } from '../../src/values/fast-values-yaml.js';
import { describe, expect, it } from 'vitest';
import { readValuesGuarded } from '../../src/values/guarded-read.js';
import { MAX_VALUES_DEPTH, ValuesBudget, ValuesLimitError } from '../../src/values/limits.js';
import { ValuesYamlError, parseValuesYaml } from '../../src/values/parse-yaml.js';

const deep = (n: number): string => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:\n`).join('') + `${' '.repeat(n)}v: 1\n`;

describe('readValuesGuarded', () => {
  it('checks the text before any reader sees it', () => {
    let called = false;
    const reader = () => {
      called = true;
      return parseValuesYaml('a: 1\n', 'x');
    };
    expect(() => readValuesGuarded('a: \x01\n', 'bad.yaml', new ValuesBudget(), reader)).toThrow(/bad\.yaml:1:4: the file contains the control character U\+0001/);
    expect(called).toBe(false);
  });

  it('hands a reader that runs out of stack over to the full parser', () => {
    const overflow = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    expect(readValuesGuarded('a: 1\n', 'ok.yaml', new ValuesBudget(), overflow).values).toEqual(Object.assign(Object.create(null), { a: 1 }));
    expect(() => readValuesGuarded(deep(MAX_VALUES_DEPTH + 5), 'deep.yaml', new ValuesBudget(), overflow)).toThrow(ValuesYamlError);
  });

  it('asks the full parser where a fast reader nested too deep', () => {
    // A reader that reads the nesting but keeps no positions, as the fast reader for simple files.
    const fast = () => {
      let values = Object.assign(Object.create(null), { v: 1 });
      for (let i = 0; i < MAX_VALUES_DEPTH + 5; i++) values = Object.assign(Object.create(null), { k: values });
      return { values, sources: new Map(), duplicates: [] };
    };
    const e = (() => {
      try {
        readValuesGuarded(deep(MAX_VALUES_DEPTH + 5), 'deep.yaml', new ValuesBudget(), fast);
      } catch (err) {
        return err as Error;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(ValuesYamlError);
    expect(e.message).toMatch(/^deep\.yaml:\d+:\d+: the values nest deeper than the limit of 100 levels at (k\.)+k…/);
  });

  it('charges what it read to the run', () => {
    const budget = new ValuesBudget();
    const big = `x:\n${'- 0\n'.repeat(80_000)}`;
    // Plain block YAML: the fast reader takes it whole (the full parser's token bound does not apply).
    readValuesGuarded(big, 'a.yaml', budget, readValuesYaml);
    expect(() => readValuesGuarded(big, 'b.yaml', budget, readValuesYaml)).toThrow(ValuesLimitError);
  });
});
