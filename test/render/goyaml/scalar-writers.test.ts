import { describe, expect, it } from 'vitest';
import { EmitterOutput } from '../../../src/render/goyaml/emitter-output.js';
import { codePoints } from '../../../src/go/unicode.js';
import { writeDoubleQuoted, writeLiteral, writePlain, writeSingleQuoted } from '../../../src/render/goyaml/scalar-writers.js';

type Writer = (out: EmitterOutput, cps: readonly number[], allowBreaks: boolean) => void;

/** Writes s as the value of `k: ` (indent 2 for continuation lines), like a top-level mapping value. */
function asValue(write: Writer, s: string, allowBreaks = true): string {
  const out = new EmitterOutput();
  for (const ch of 'k:') out.writeChar(ch.codePointAt(0)!);
  out.whitespace = false;
  out.indention = false;
  out.indent = 2;
  write(out, codePoints(s), allowBreaks);
  return out.text();
}

describe('scalar writers', () => {
  it('fold plain text at a space once past column 80', () => {
    // "k: " takes 3 columns: the space after 78 x's is at column 81, after 77 at column 80.
    expect(asValue(writePlain, `${'x'.repeat(78)} y`)).toBe(`k: ${'x'.repeat(78)}\n  y`);
    expect(asValue(writePlain, `${'x'.repeat(77)} y`)).toBe(`k: ${'x'.repeat(77)} y`);
    expect(asValue(writePlain, `${'x'.repeat(78)}  y`)).toBe(`k: ${'x'.repeat(78)}  y`);
    expect(asValue(writePlain, `${'x'.repeat(78)} y`, false)).toBe(`k: ${'x'.repeat(78)} y`);
  });

  it('double single quotes and never fold at the last character', () => {
    expect(asValue(writeSingleQuoted, "it's")).toBe("k: 'it''s'");
    expect(asValue(writeSingleQuoted, `${'x'.repeat(80)} `)).toBe(`k: '${'x'.repeat(80)} '`);
  });

  it('escape in double quotes, folding with a backslash before a second space', () => {
    expect(asValue(writeDoubleQuoted, 'a"\\\t\u0085\u00a0\u2028\ufeff😀\u0000')).toBe('k: "a\\"\\\\\\t\\N\u00a0\\L\\uFEFF\\U0001F600\\0"');
    expect(asValue(writeDoubleQuoted, `${'x'.repeat(78)}  y`)).toBe(`k: "${'x'.repeat(78)}\n  \\ y"`);
    expect(asValue(writeDoubleQuoted, '\ufeffab')).toBe('k: "\\uFEFF\\x61\\x62"');
  });

  it('write literal blocks with indentation and chomping hints', () => {
    const literal = (s: string) => asValue((out, cps) => writeLiteral(out, cps), s);
    expect(literal('a\nb')).toBe('k: |-\n  a\n  b');
    expect(literal('a\n')).toBe('k: |\n  a\n');
    expect(literal('a\n\n')).toBe('k: |+\n  a\n\n');
    expect(literal('\n')).toBe('k: |2+\n\n');
    expect(literal(' a\nb')).toBe('k: |2-\n   a\n  b');
  });
});
