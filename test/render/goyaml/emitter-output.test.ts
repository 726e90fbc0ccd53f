import { describe, expect, it } from 'vitest';
import { EmitterOutput } from '../../../src/render/goyaml/emitter-output.js';

describe('EmitterOutput', () => {
  it('counts columns in code points and breaks only when the line is not just indentation', () => {
    const out = new EmitterOutput();
    out.writeIndent(); // at the very start: nothing to break
    out.writeChar(0x1f600);
    out.indention = false; // the scalar writers clear it after content
    expect(out.column).toBe(1);
    out.indent = 2;
    out.writeIndent();
    out.writeChar(0x61);
    expect(out.text()).toBe('😀\n  a');
  });

  it('adds a space before an indicator unless whitespace was just written', () => {
    const out = new EmitterOutput();
    out.writeIndicator('-', true, false, true);
    out.writeIndicator('[', true, true, false);
    out.writeIndicator(']', false, false, false);
    expect(out.text()).toBe('- []');
    expect(out.indention).toBe(false);
  });

  it('indents flow contexts from the root by 2, block ones to 0, and keeps indentless levels', () => {
    const out = new EmitterOutput();
    out.increaseIndent(true, false);
    expect(out.indent).toBe(2);
    out.popIndent();
    out.increaseIndent(false, false);
    expect(out.indent).toBe(0);
    out.increaseIndent(false, true);
    expect(out.indent).toBe(0);
    out.increaseIndent(false, false);
    expect(out.indent).toBe(2);
  });

  it('ends a line on a raw LS but copies it', () => {
    const out = new EmitterOutput();
    out.writeBreakChar(0x2028);
    expect(out.column).toBe(0);
    expect(out.text()).toBe('\u2028');
  });
});
