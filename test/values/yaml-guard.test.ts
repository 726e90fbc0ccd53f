// What a values text must pass before the parser: go-yaml's characters, the token budget, depth.
import { Parser } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MAX_VALUES_DEPTH, MAX_YAML_TOKENS } from '../../src/values/limits.js';
import { characterProblem, depthProblem, tokenProblem } from '../../src/values/yaml-guard.js';

describe('characterProblem (go-yaml readerc.go)', () => {
  it.each(['a: b\n', 'tab:\tx\r\n', 'é: 日本 😀\n', 'nbsp: \u00a0\n', 'private: \ue000\n', 'bom: a\ufeffb\n'])('accepts %j', (text) => {
    expect(characterProblem(text)).toBeUndefined();
  });

  it.each([
    ['a: \x00', 3, /control character U\+0000/],
    ['a: \x7f', 3, /control character U\+007F/],
    ['a: \x9b', 3, /control character U\+009B/],
    ['a: \ufffe', 3, /control character U\+FFFE/],
    ['a: \ud800x', 3, /lone surrogate \(U\+D800\)/],
    ['a: x\u2028', 4, /U\+2028 \(LINE SEPARATOR\), which helm's YAML 1\.1 reader takes for a line break/],
    ['a: \u0085', 3, /U\+0085 \(NEXT LINE\)/],
    ['a: \u2029\x01', 3, /U\+2029/],
  ])('refuses %j at offset %d', (text, offset, reason) => {
    const p = characterProblem(text)!;
    expect(p.code).toBe('characters');
    expect(p.offset).toBe(offset);
    expect(p.reason).toMatch(reason);
  });
});

describe('tokenProblem', () => {
  it('counts line breaks and indicators, and says where the limit was passed', () => {
    expect(tokenProblem(`x: [${Array(MAX_YAML_TOKENS - 10).fill('0').join(',')}]`)).toBeUndefined();
    const text = `x: [${Array(MAX_YAML_TOKENS + 10).fill('0').join(',')}]`;
    const p = tokenProblem(text)!;
    expect(p.code).toBe('too-large');
    expect(p.reason).toContain(`the file has ${(MAX_YAML_TOKENS + 12).toLocaleString('en-US')} YAML tokens`); // ":", "[", the commas, "]"
    expect(text.slice(0, p.offset).split('').filter((c) => ':[,'.includes(c)).length).toBe(MAX_YAML_TOKENS);
  });

  it('does not count plain text', () => {
    expect(tokenProblem(`a: "${'word '.repeat(MAX_YAML_TOKENS)}"\n`)).toBeUndefined();
  });
});

describe('depthProblem', () => {
  const first = (text: string) => [...new Parser().parse(text)][0]!;

  it('allows MAX_VALUES_DEPTH levels and refuses one more, wherever the text is', () => {
    const flow = (n: number) => `a: ${'['.repeat(n - 1)}1${']'.repeat(n - 1)}\n`;
    expect(depthProblem(first(flow(MAX_VALUES_DEPTH)))).toBeUndefined();
    const p = depthProblem(first(flow(MAX_VALUES_DEPTH + 1)))!;
    expect(p.code).toBe('too-deep');
    expect(p.offset).toBe(3 + MAX_VALUES_DEPTH); // the innermost value, one level too deep
  });

  it('walks a document far deeper than the stack allows', () => {
    const text = `a:\n${'- '.repeat(50_000)}x\n`;
    expect(depthProblem(first(text))?.code).toBe('too-deep');
  });
});
