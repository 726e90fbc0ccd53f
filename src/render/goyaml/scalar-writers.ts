// go-yaml v2's four scalar writers. Plain and quoted scalars fold at a space once the column passes
// 80 (continuing at the current indent); literal blocks never fold.
import { BEST_INDENT, BEST_WIDTH, EmitterOutput } from './emitter-output.js';
import { isBreak, isPrintable, isSpace } from './yaml-chars.js';

const QUOTE = 0x27;

export function writePlain(out: EmitterOutput, cps: readonly number[], allowBreaks: boolean): void {
  if (!out.whitespace) out.put(' ');
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (isSpace(c)) {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && !isSpace(cps[i + 1])) out.writeIndent();
      else out.writeChar(c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === 0x0a) out.putBreak();
      out.writeBreakChar(c);
      out.indention = true;
      breaks = true;
    } else {
      if (breaks) out.writeIndent();
      out.writeChar(c);
      out.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  out.whitespace = false;
  out.indention = false;
}

export function writeSingleQuoted(out: EmitterOutput, cps: readonly number[], allowBreaks: boolean): void {
  out.writeIndicator("'", true, false, false);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (isSpace(c)) {
      // Never at the first or last character, where the space would be lost.
      const foldable = allowBreaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < cps.length - 1;
      if (foldable && !isSpace(cps[i + 1])) out.writeIndent();
      else out.writeChar(c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === 0x0a) out.putBreak();
      out.writeBreakChar(c);
      out.indention = true;
      breaks = true;
    } else {
      if (breaks) out.writeIndent();
      if (c === QUOTE) out.put("'");
      out.writeChar(c);
      out.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  out.writeIndicator("'", false, false, false);
  out.whitespace = false;
  out.indention = false;
}

const SHORT_ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function escapeFor(c: number): string {
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) return short;
  const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
  return letter + c.toString(16).toUpperCase().padStart(width, '0');
}

export function writeDoubleQuoted(out: EmitterOutput, cps: readonly number[], allowBreaks: boolean): void {
  out.writeIndicator('"', true, false, false);
  // go-yaml's is_bom(value, i) tests the first character, not the i-th: a value that starts with a
  // BOM gets every character escaped, and a BOM elsewhere is escaped only as unprintable.
  const escapeAll = cps[0] === 0xfeff;
  let spaces = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (escapeAll || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
      out.put('\\');
      for (const ch of escapeFor(c)) out.put(ch);
      spaces = false;
    } else if (isSpace(c)) {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
        out.writeIndent();
        // A space right after the fold would be eaten on reading, so it is protected with '\'.
        if (isSpace(cps[i + 1])) out.put('\\');
      } else {
        out.writeChar(c);
      }
      spaces = true;
    } else {
      out.writeChar(c);
      spaces = false;
    }
  }
  out.writeIndicator('"', false, false, false);
  out.whitespace = false;
  out.indention = false;
}

/** The `|` header hints: an indentation indicator for leading whitespace, then the chomping indicator. */
function blockScalarHints(cps: readonly number[]): string {
  let hints = '';
  if (isSpace(cps[0]) || isBreak(cps[0])) hints += String(BEST_INDENT);
  const n = cps.length;
  if (n === 0 || !isBreak(cps[n - 1])) hints += '-';
  else if (n === 1 || isBreak(cps[n - 2])) hints += '+';
  return hints;
}

export function writeLiteral(out: EmitterOutput, cps: readonly number[]): void {
  out.writeIndicator('|', true, false, false);
  const hints = blockScalarHints(cps);
  if (hints !== '') out.writeIndicator(hints, false, false, false);
  out.putBreak();
  out.indention = true;
  out.whitespace = true;
  let breaks = true;
  for (const c of cps) {
    if (isBreak(c)) {
      out.writeBreakChar(c);
      out.indention = true;
      breaks = true;
    } else {
      if (breaks) out.writeIndent();
      out.writeChar(c);
      out.indention = false;
      breaks = false;
    }
  }
}
