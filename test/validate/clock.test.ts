import { describe, expect, it } from 'vitest';
import { monotonicMs } from '../../src/validate/clock.js';

describe('monotonicMs', () => {
  it('counts milliseconds as performance.now() does', async () => {
    const a = monotonicMs();
    const p = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const elapsed = monotonicMs() - a;
    expect(elapsed).toBeGreaterThanOrEqual(29);
    expect(Math.abs(elapsed - (performance.now() - p))).toBeLessThan(5);
  });
});
