// go-yaml v2 sorts map keys with keyList.Less (sorter.go), a "natural" order, not byte order.
// helm's toYaml only ever sorts string keys (they come back from JSON), so only that branch exists here.
import { codePoints, goIsDigit, goIsLetter } from '../../go/unicode.js';

const ZERO = 0x30;

/** The number Go accumulates over the digit run starting at i, with Go's int64 wrap-around. */
function digitRun(cps: readonly number[], i: number, start: bigint): { value: bigint; end: number } {
  let value = start;
  let end = i;
  for (; end < cps.length && goIsDigit(cps[end]!); end++) {
    // Non-ASCII digits contribute (code point - '0'), exactly as Go's rune arithmetic does.
    value = BigInt.asIntN(64, value * 10n + BigInt(cps[end]! - ZERO));
  }
  return { value, end };
}

/** keyList.Less for two string keys, given as code points. */
export function keyLessCodePoints(ar: readonly number[], br: readonly number[]): boolean {
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const a = ar[i]!;
    const b = br[i]!;
    if (a === b) continue;
    const al = goIsLetter(a);
    const bl = goIsLetter(b);
    if (al && bl) return a < b;
    // Exactly one letter: the non-letter sorts first.
    if (al || bl) return bl;
    // Neither is a letter: compare the digit runs here as numbers. A '0' that continues a run which
    // already had a non-zero digit must not look like a leading zero, so both runs start from 1.
    let seed = 0n;
    if (a === ZERO || b === ZERO) {
      for (let j = i - 1; j >= 0 && goIsDigit(ar[j]!); j--) {
        if (ar[j] !== ZERO) {
          seed = 1n;
          break;
        }
      }
    }
    const an = digitRun(ar, i, seed);
    const bn = digitRun(br, i, seed);
    if (an.value !== bn.value) return an.value < bn.value;
    if (an.end !== bn.end) return an.end < bn.end;
    return a < b;
  }
  return ar.length < br.length;
}

/** keyList.Less for two string keys. */
export function keyLess(a: string, b: string): boolean {
  return keyLessCodePoints(codePoints(a), codePoints(b));
}

/**
 * Keys in go-yaml v2's order. The comparison is a strict order for distinct keys, but not transitive
 * for some mixes of digit runs and letters (v1 / v10 / v1beta1); helm's own order is random then,
 * and this returns one of the orders helm can print.
 */
export function sortKeys(keys: readonly string[]): string[] {
  const decorated = keys.map((key) => ({ key, cps: codePoints(key) }));
  decorated.sort((x, y) => (keyLessCodePoints(x.cps, y.cps) ? -1 : keyLessCodePoints(y.cps, x.cps) ? 1 : 0));
  return decorated.map((d) => d.key);
}

const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** Digit runs of at most this many digits (after a leading 1) are exact as doubles. */
const EXACT_RUN = 15;

/**
 * keyLess for two ASCII keys, on their UTF-16 units without making code point arrays (for ASCII,
 * Go's letters are A–Z and a–z, its digits 0–9). Digit runs too long to add up exactly in a
 * double go to keyLess.
 */
export function keyLessAscii(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const al = isAsciiLetter(x);
    const bl = isAsciiLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let seed = 0;
    if (x === ZERO || y === ZERO) {
      for (let j = i - 1; j >= 0 && isAsciiDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== ZERO) {
          seed = 1;
          break;
        }
      }
    }
    let ea = i;
    let va = seed;
    for (; ea < a.length && isAsciiDigit(a.charCodeAt(ea)); ea++) va = va * 10 + (a.charCodeAt(ea) - ZERO);
    let eb = i;
    let vb = seed;
    for (; eb < b.length && isAsciiDigit(b.charCodeAt(eb)); eb++) vb = vb * 10 + (b.charCodeAt(eb) - ZERO);
    if (ea - i > EXACT_RUN || eb - i > EXACT_RUN) return keyLess(a, b);
    if (va !== vb) return va < vb;
    if (ea !== eb) return ea < eb;
    return x < y;
  }
  return a.length < b.length;
}

/** sortKeys for ASCII keys: the same comparisons, so the same order; sorts `keys` in place. */
export function sortAsciiKeysInPlace(keys: string[]): string[] {
  return keys.sort((x, y) => (keyLessAscii(x, y) ? -1 : keyLessAscii(y, x) ? 1 : 0));
}

/**
 * sortKeys for distinct printable ASCII keys without digits, in place. Without digit runs,
 * keyList.Less is a lexicographic order over one total order of characters (non-letters by code,
 * then letters by code), so every correct sort gives the one sorted order; a few keys are
 * sorted faster by insertion than by Array.prototype.sort.
 */
export function sortDigitFreeKeysInPlace(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keyLessAscii(key, keys[j]!); j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}
