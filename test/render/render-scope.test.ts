import { describe, expect, it } from 'vitest';
import { inRenderScope, oncePerRender } from '../../src/render/render-scope.js';

describe('oncePerRender', () => {
  const counting = () => {
    let calls = 0;
    const fn = oncePerRender((v: { n: number }) => {
      calls++;
      return v.n * 2;
    });
    return { fn, calls: () => calls };
  };

  it('computes once per argument within one render', () => {
    const { fn, calls } = counting();
    const v = { n: 2 };
    inRenderScope(() => {
      expect(fn(v)).toBe(4);
      expect(fn(v)).toBe(4);
      expect(calls()).toBe(1);
      expect(fn({ n: 3 })).toBe(6);
      expect(calls()).toBe(2);
    });
  });

  it('remembers nothing across renders or outside one, so changed values are seen', () => {
    const { fn, calls } = counting();
    const v = { n: 2 };
    inRenderScope(() => fn(v));
    v.n = 5;
    expect(inRenderScope(() => fn(v))).toBe(10);
    expect(fn(v)).toBe(10);
    expect(fn(v)).toBe(10);
    expect(calls()).toBe(4);
  });
});
