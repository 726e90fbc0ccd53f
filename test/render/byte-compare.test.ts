import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteCompare } from '../../src/render/manifest.js';

const sign = (n: number) => Math.sign(n);
const utf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('byteCompare orders strings as Go does (by UTF-8 bytes)', () => {
  it('agrees with comparing the UTF-8 bytes, astral characters and lone surrogates included', () => {
    const unit = fc.constantFrom('a', 'B', '-', '/', 'é', '\uffff', '\ue000', '😀', '\ud83d', '\ude00', 'z', '');
    const text = fc.array(unit, { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, text, (a, b) => sign(byteCompare(a, b)) === sign(utf8(a, b))), { numRuns: 5000 });
  });

  it('puts a character above U+FFFF after every character below it, unlike UTF-16 order', () => {
    expect(byteCompare('😀', '\uffff')).toBeGreaterThan(0);
    expect('😀' < '\uffff').toBe(true);
    expect(byteCompare('Gateway', 'GatewayClass')).toBeLessThan(0);
  });
});
