/**
 * The few pieces of Go's `strconv` and `fmt` whose exact behaviour leaks into what helm accepts or
 * prints while reading values: integer parsing (which inputs are numbers, and which error a bad
 * index gets), `%q` quoting in error messages, and `%v` / `%g` printing of floats in warnings.
 */

export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);
export const UINT64_MAX = (1n << 64n) - 1n;

/** Why a Go number parse failed, as Go's `strconv.NumError` would say it. */
export type NumFailure = 'invalid syntax' | 'value out of range';

export type NumResult = { ok: true; value: bigint } | { ok: false; reason: NumFailure };

const syntax: NumResult = { ok: false, reason: 'invalid syntax' };
const range: NumResult = { ok: false, reason: 'value out of range' };

function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 122) return lower - 97 + 10;
  return 99;
}

/**
 * Go's `strconv.ParseUint(s, base, 64)`. With base 0 the prefix picks the base (`0x`, `0o`, `0b`, or a
 * bare leading `0` for octal) and `_` may separate digits. Like Go, an overflow is reported as soon
 * as it happens, even if a later character would have been a syntax error.
 */
export function parseUint64(s: string, base: number): NumResult {
  if (s === '') return syntax;
  const base0 = base === 0;
  let digits = s;
  let b = base;
  if (base0) {
    b = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1]!.toLowerCase() : '';
      if (p === 'b') [b, digits] = [2, s.slice(2)];
      else if (p === 'o') [b, digits] = [8, s.slice(2)];
      else if (p === 'x') [b, digits] = [16, s.slice(2)];
      else [b, digits] = [8, s.slice(1)];
    }
  }
  const big = BigInt(b);
  const cutoff = UINT64_MAX / big + 1n;
  let n = 0n;
  let underscores = false;
  for (const ch of digits) {
    if (ch === '_' && base0) {
      underscores = true;
      continue;
    }
    const d = digitValue(ch);
    if (d >= b) return syntax;
    if (n >= cutoff) return range;
    n = n * big + BigInt(d);
    if (n > UINT64_MAX) return range;
  }
  if (underscores && !underscoreOK(s)) return syntax;
  return { ok: true, value: n };
}

/** Go's `strconv.ParseInt(s, base, 64)`: an optional sign, then `parseUint64`, then the int64 range. */
export function parseInt64(s: string, base: number): NumResult {
  if (s === '') return syntax;
  let rest = s;
  let neg = false;
  if (s[0] === '+') rest = s.slice(1);
  else if (s[0] === '-') [neg, rest] = [true, s.slice(1)];
  const un = parseUint64(rest, base);
  if (!un.ok && un.reason === 'invalid syntax') return un;
  if (!un.ok) return range;
  if (!neg && un.value > INT64_MAX) return range;
  if (neg && un.value > -INT64_MIN) return range;
  return { ok: true, value: neg ? -un.value : un.value };
}

/** Go's `strconv.Atoi` on a 64-bit platform, with Go's error text (`strconv.Atoi: parsing "x": invalid syntax`). */
export function atoi(s: string): { ok: true; value: bigint } | { ok: false; message: string } {
  const r = parseInt64(s, 10);
  if (r.ok) return r;
  return { ok: false, message: `strconv.Atoi: parsing ${goQuote(s)}: ${r.reason}` };
}

/** Go's rule for where `_` may appear in a base-0 literal: only between digits, or after a base prefix. */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1]!.toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1]!.toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function quoteRuneBody(ch: string, quote: '"' | "'"): string {
  switch (ch) {
    case quote:
    case '\\':
      return `\\${ch}`;
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  if (PRINTABLE.test(ch)) return ch;
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd'; // a lone surrogate is invalid UTF-8 for Go
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Go's `%q` of a string (`strconv.Quote`). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRuneBody(ch, '"');
  return `${out}"`;
}

/** Go's `%q` of a `[]rune`: each rune single-quoted, space separated, in brackets: `['x' 'y']`. */
export function goQuoteRunes(s: string): string {
  return `[${[...s].map((ch) => `'${quoteRuneBody(ch, "'")}'`).join(' ')}]`;
}

/** Decimal digits and the decimal-point position of a finite, non-zero number (0.0123 → "123", -1). */
function shortestDigits(x: number, digitsOverride?: string): { digits: string; point: number } {
  const exp = digitsOverride ?? Math.abs(x).toExponential(); // shortest round-trip digits
  const [mant, e] = exp.split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, point: Number(e) + 1 };
}

function formatG(neg: boolean, digits: string, point: number): string {
  const sign = neg ? '-' : '';
  const exp = point - 1;
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Go's `strconv.FormatFloat(x, 'g', -1, 64)`, which is also what `%v` prints for a float64. */
export function formatFloatG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const { digits, point } = shortestDigits(x);
  return formatG(x < 0, digits, point);
}

/** Go's `strconv.FormatFloat(x, 'g', -1, 32)`: the value rounded to float32, then its shortest digits. */
export function formatFloat32G(x: number): string {
  const f = Math.fround(x);
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let text = '';
  for (let p = 1; p <= 9; p++) {
    text = Math.abs(f).toExponential(p - 1);
    if (Math.fround(Number(text)) === Math.abs(f)) break;
  }
  const { digits, point } = shortestDigits(f, text);
  return formatG(f < 0, digits, point);
}
