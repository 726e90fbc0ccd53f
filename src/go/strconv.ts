/**
 * The pieces of Go's `strconv` whose exact behaviour leaks into what helm accepts or prints: integer
 * and float parsing (which plain scalars are numbers when values are read, and which strings
 * go-yaml must quote when it writes them; which error a bad `--set` index gets) and `%v` / `%g`
 * printing of floats.
 */
import { goQuote } from './quote.js';

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

// Float syntax: what strconv.ParseFloat(s, 64) accepts.

const lower = (c: number): number => c | 0x20;
const isDecimalDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Length of the common prefix of s and a lowercase word, ignoring ASCII case. */
function prefixLenIgnoreCase(s: string, word: string): number {
  let n = 0;
  while (n < s.length && n < word.length && lower(s.charCodeAt(n)) === word.charCodeAt(n)) n++;
  return n;
}

/** strconv's special(): the whole of s is [+-]inf, [+-]infinity or nan, ignoring case. */
function isSpecialFloat(s: string): boolean {
  let body = s;
  if (s[0] === '+' || s[0] === '-') body = s.slice(1);
  const inf = prefixLenIgnoreCase(body, 'infinity');
  if ((inf === 3 && body.length === 3) || (inf === 8 && body.length === 8)) return true;
  return body === s && s.length === 3 && prefixLenIgnoreCase(s, 'nan') === 3;
}

interface ReadFloat {
  hex: boolean;
  /** Mantissa digits (without '.' and '_'), in the float's base. */
  mantissa: string;
  /** Digits before the point. */
  intDigits: number;
  exp: number;
}

/** strconv's readFloat over the whole string; undefined for a syntax error. */
function readFloat(s: string): ReadFloat | undefined {
  let i = 0;
  if (s[i] === '+' || s[i] === '-') i++;
  let hex = false;
  if (i + 2 < s.length && s[i] === '0' && lower(s.charCodeAt(i + 1)) === 0x78) {
    hex = true;
    i += 2;
  }
  let underscores = false;
  let sawdot = false;
  let sawdigits = false;
  let mantissa = '';
  let intDigits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      underscores = true;
    } else if (c === 0x2e) {
      if (sawdot) break;
      sawdot = true;
      intDigits = mantissa.length;
    } else if (isDecimalDigit(c) || (hex && lower(c) >= 0x61 && lower(c) <= 0x66)) {
      sawdigits = true;
      mantissa += s[i];
    } else {
      break;
    }
  }
  if (!sawdigits) return undefined;
  if (!sawdot) intDigits = mantissa.length;
  let exp = 0;
  if (i < s.length && lower(s.charCodeAt(i)) === (hex ? 0x70 : 0x65)) {
    i++;
    if (i >= s.length) return undefined;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') [esign, i] = [-1, i + 1];
    if (i >= s.length || !isDecimalDigit(s.charCodeAt(i))) return undefined;
    let e = 0;
    for (; i < s.length && (isDecimalDigit(s.charCodeAt(i)) || s[i] === '_'); i++) {
      if (s[i] === '_') {
        underscores = true;
        continue;
      }
      if (e < 10000) e = e * 10 + s.charCodeAt(i) - 0x30;
    }
    exp = e * esign;
  } else if (hex) {
    return undefined; // a hex float must have a 'p' exponent
  }
  if (i !== s.length) return undefined;
  if (underscores && !underscoreOK(s)) return undefined;
  return { hex, mantissa, intDigits, exp };
}

/** Whether m * 2^e2 rounds (to nearest even, 53 bits) to a finite float64. */
function binaryFits(m: bigint, e2: number): boolean {
  if (m === 0n) return true;
  const bits = m.toString(2).length;
  const top = bits - 1 + e2;
  if (top !== 1023) return top < 1023;
  if (bits <= 53) return true;
  const shift = BigInt(bits - 53);
  let q = m >> shift;
  const rem = m & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  return q < 2n ** 53n;
}

/** Whether strconv.ParseFloat(s, 64) succeeds: valid Go float syntax that does not overflow to ±Inf. */
export function goParseFloatOk(s: string): boolean {
  if (s === '') return false;
  if (isSpecialFloat(s)) return true;
  const f = readFloat(s);
  if (!f) return false;
  if (f.hex) {
    const fracDigits = f.mantissa.length - f.intDigits;
    return binaryFits(BigInt(`0x${f.mantissa}`), f.exp - 4 * fracDigits);
  }
  // Both Go and JS round correctly, so JS overflows to Infinity exactly when Go reports ErrRange.
  const text = `${f.mantissa.slice(0, f.intDigits) || '0'}.${f.mantissa.slice(f.intDigits)}0e${f.exp}`;
  return Number.isFinite(Number(text));
}
