// The parts of Go's strconv that go-yaml v2 uses to decide whether a plain string would read back as
// a number. Only success/failure matters here (a string that parses must be quoted), so these report
// the outcome, not the value, except where the value decides the outcome (ranges, float overflow).

export type GoParseOutcome = 'ok' | 'syntax' | 'range';

const MAX_UINT64 = 2n ** 64n - 1n;
const INT64_CUTOFF = 2n ** 63n;

const lower = (c: number): number => c | 0x20;
const isDecimalDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** strconv's underscoreOK: '_' only between digits, or between a base prefix and a digit. */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(String.fromCharCode(lower(s.charCodeAt(1))))) {
    i = 2;
    saw = '0';
    hex = lower(s.charCodeAt(1)) === 0x78;
  }
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDecimalDigit(c) || (hex && lower(c) >= 0x61 && lower(c) <= 0x66)) {
      saw = '0';
      continue;
    }
    if (c === 0x5f) {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, base, 64). Base 0 means Go literal syntax: 0b / 0o / 0x prefixes, leading-0 octal, '_'. */
export function goParseUint(s: string, base: number): GoParseOutcome {
  if (s === '') return 'syntax';
  const base0 = base === 0;
  const s0 = s;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? lower(s.charCodeAt(1)) : 0;
      if (p === 0x62) [base, s] = [2, s.slice(2)];
      else if (p === 0x6f) [base, s] = [8, s.slice(2)];
      else if (p === 0x78) [base, s] = [16, s.slice(2)];
      else [base, s] = [8, s.slice(1)];
    }
  }
  const bigBase = BigInt(base);
  const cutoff = MAX_UINT64 / bigBase + 1n;
  let n = 0n;
  let underscores = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c === 0x5f && base0) {
      underscores = true;
      continue;
    } else if (isDecimalDigit(c)) {
      d = c - 0x30;
    } else if (c < 0x80 && lower(c) >= 0x61 && lower(c) <= 0x7a) {
      d = lower(c) - 0x61 + 10;
    } else {
      return 'syntax';
    }
    if (d >= base) return 'syntax';
    // Go stops at the first overflow, even if a later character would be a syntax error.
    if (n >= cutoff) return 'range';
    n = n * bigBase + BigInt(d);
    if (n > MAX_UINT64) return 'range';
  }
  if (underscores && !underscoreOK(s0)) return 'syntax';
  return 'ok';
}

/** strconv.ParseInt(s, base, 64): optional sign, then ParseUint, then the int64 range. */
export function goParseInt(s: string, base: number): GoParseOutcome {
  if (s === '') return 'syntax';
  let neg = false;
  let rest = s;
  if (s[0] === '+') rest = s.slice(1);
  else if (s[0] === '-') [neg, rest] = [true, s.slice(1)];
  const outcome = goParseUint(rest, base);
  if (outcome !== 'ok') return outcome;
  const un = uintValue(rest, base);
  if (!neg && un >= INT64_CUTOFF) return 'range';
  if (neg && un > INT64_CUTOFF) return 'range';
  return 'ok';
}

/** The value of a string goParseUint accepted. */
function uintValue(s: string, base: number): bigint {
  let digits = s.replace(/_/g, '');
  if (base === 0) {
    const p = digits.length >= 3 && digits[0] === '0' ? lower(digits.charCodeAt(1)) : 0;
    if (p === 0x62) return BigInt(`0b${digits.slice(2)}`);
    if (p === 0x6f) return BigInt(`0o${digits.slice(2)}`);
    if (p === 0x78) return BigInt(`0x${digits.slice(2)}`);
    if (digits[0] === '0') return digits.length === 1 ? 0n : BigInt(`0o${digits.slice(1)}`);
    return BigInt(digits);
  }
  let n = 0n;
  for (const ch of digits.toLowerCase()) n = n * BigInt(base) + BigInt(parseInt(ch, 36));
  return n;
}

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
