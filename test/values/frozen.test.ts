import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freezeTree, frozenSize } from '../../src/values/frozen.js';
import { measureTree } from '../../src/values/limits.js';
import { parseValuesYaml } from '../../src/values/parse-yaml.js';
import { render } from '../../src/render/render.js';
import type { ValueMap } from '../../src/values/types.js';

const production = readFileSync('test/golden/values/seed-production.yaml', 'utf8');

describe('shared values are frozen and measured once', () => {
  it('notes the size measureTree finds, for every subtree', () => {
    const text = 'a: {b: [1, {c: 2}, []], d: {}}\ne: [[[x]]]\nf: 1\n';
    const fresh = parseValuesYaml(text, 'v.yaml').values;
    const frozen = parseValuesYaml(text, 'v.yaml').values;
    freezeTree(frozen);
    expect(frozenSize(frozen)).toEqual(measureTree(fresh));
    expect(frozenSize(frozen['a']!)).toEqual(measureTree(fresh['a']!));
    expect(frozenSize(frozen['e']!)).toEqual(measureTree(fresh['e']!));
    expect(Object.isFrozen((frozen['a'] as ValueMap)['b'])).toBe(true);
    // A fresh map holding frozen ones is measured as if nothing were frozen.
    expect(measureTree({ ...frozen, g: [frozen] } as ValueMap)).toEqual(measureTree({ ...fresh, g: [fresh] } as ValueMap));
  });

  it('a caller cannot change what the next render reads through the values it got back', () => {
    const options = { valuesFiles: [{ name: 'p.yaml', text: production }] };
    const first = render(options);
    const frozen: ValueMap[] = [];
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object') return;
      if (Object.isFrozen(v) && !Array.isArray(v)) frozen.push(v as ValueMap);
      else Object.values(v).forEach(walk);
    };
    walk(first.values);
    // Both the chart's defaults and the production file's own maps are shared.
    expect(frozen.length).toBeGreaterThan(10);
    for (const map of frozen) {
      expect(() => {
        map['changed'] = 1;
      }).toThrow(TypeError);
    }
    expect(render(options).text).toBe(first.text);
  });
});
