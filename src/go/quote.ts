// Go's strconv.Quote, which is what `%q` (and so sprig's `quote`) prints for a string.
import { goIsPrint } from './unicode.js';

const NAMED_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

function hex(r: number, width: number): string {
  return r.toString(16).padStart(width, '0');
}

/** One character inside Go quotes (`"` for strings, `'` for runes): raw when printable, else escaped. */
function quoteChar(ch: string, quote: number): string {
  let r = ch.codePointAt(0)!;
  // A lone surrogate cannot exist in a Go string; the nearest Go equivalent is U+FFFD.
  if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
  if (r === quote || r === 0x5c) return `\\${String.fromCharCode(r)}`;
  if (goIsPrint(r)) return String.fromCodePoint(r);
  if (NAMED_ESCAPES[r] !== undefined) return NAMED_ESCAPES[r];
  if (r < 0x20 || r === 0x7f) return `\\x${hex(r, 2)}`;
  if (r < 0x10000) return `\\u${hex(r, 4)}`;
  return `\\U${hex(r, 8)}`;
}

/** Go `%q` of a string: printable characters raw (Go's Unicode 15.0 notion), the rest escaped in lowercase hex. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteChar(ch, 0x22);
  return `${out}"`;
}

/** Go's `%q` of a `[]rune`: each rune single-quoted, space separated, in brackets: `['x' 'y']`. */
export function goQuoteRunes(s: string): string {
  return `[${[...s].map((ch) => `'${quoteChar(ch, 0x27)}'`).join(' ')}]`;
}
