// Go's strconv.Quote, which is what `%q` (and so sprig's `quote`) prints for a string.
import { goIsPrint } from './go-unicode.js';

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

/** Go `%q` of a string: printable characters raw (Go's Unicode 15.0 notion), the rest escaped in lowercase hex. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let r = ch.codePointAt(0)!;
    // A lone surrogate cannot exist in a Go string; the nearest Go equivalent is U+FFFD.
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    if (r === 0x22 || r === 0x5c) {
      out += `\\${String.fromCharCode(r)}`;
    } else if (goIsPrint(r)) {
      out += String.fromCodePoint(r);
    } else if (NAMED_ESCAPES[r] !== undefined) {
      out += NAMED_ESCAPES[r];
    } else if (r < 0x20 || r === 0x7f) {
      out += `\\x${hex(r, 2)}`;
    } else if (r < 0x10000) {
      out += `\\u${hex(r, 4)}`;
    } else {
      out += `\\U${hex(r, 8)}`;
    }
  }
  return `${out}"`;
}
