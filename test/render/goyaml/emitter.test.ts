import { describe, expect, it } from 'vitest';
import { emitDocument } from '../../../src/render/goyaml/emitter.js';
import type { GoNode } from '../../../src/render/goyaml/go-node.js';

const str = (value: string): GoNode => ({ kind: 'string', value });
const tok = (text: string): GoNode => ({ kind: 'token', text });
const seq = (...items: GoNode[]): GoNode => ({ kind: 'seq', items });
const map = (entries: Record<string, GoNode>): GoNode => ({ kind: 'map', entries: new Map(Object.entries(entries)) });

describe('emitDocument', () => {
  it('writes block collections the go-yaml v2 way', () => {
    expect(emitDocument(map({ b: seq(str('x'), map({ d: tok('1'), c: seq() })), a: map({}) }))).toBe(
      'a: {}\nb:\n- x\n- c: []\n  d: 1\n',
    );
    expect(emitDocument(seq(seq(tok('1'), tok('2')), seq()))).toBe('- - 1\n  - 2\n- []\n');
  });

  it('writes root scalars, with a 2-space continuation indent', () => {
    expect(emitDocument(str('hello'))).toBe('hello\n');
    expect(emitDocument(str('a\nb'))).toBe('|-\n  a\n  b\n');
    expect(emitDocument(str(`${'x'.repeat(85)} y`))).toBe(`${'x'.repeat(85)}\n  y\n`);
  });

  it('uses `? ` for long and multi-line keys', () => {
    const long = 'k'.repeat(129);
    expect(emitDocument(map({ [long]: seq(str('x')) }))).toBe(`? ${long}\n: - x\n`);
    expect(emitDocument(map({ 'a\nb': tok('1') }))).toBe('? |-\n  a\n  b\n: 1\n');
  });

  it('quotes keys like values but never folds them', () => {
    const key = `${'w '.repeat(50)}w`; // 101 bytes: still a simple key
    expect(emitDocument(map({ [key]: tok('1'), true: tok('2') }))).toBe(`"true": 2\n${key}: 1\n`);
  });
});
