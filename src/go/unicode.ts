// Character classes as Go (Unicode 15.0) sees them. Node's own \p{...} tables are newer, so a
// character assigned after 15.0 would look like a letter or printable to JS but not to Go.
import { NOT_PRINT_16, NOT_PRINT_32, PRINT_16, PRINT_32 } from './print-tables.js';

/** Index of the last range start <= r in a flat [lo, hi, lo, hi, ...] table, or -1. */
function findRange(pairs: readonly number[], r: number): number {
  let lo = 0;
  let hi = pairs.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[mid * 2]! <= r) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function inRanges(pairs: readonly number[], r: number): boolean {
  const i = findRange(pairs, r);
  return i >= 0 && r <= pairs[i * 2 + 1]!;
}

function contains(sorted: readonly number[], r: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === r) return true;
    if (v < r) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Go's strconv.IsPrint / unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function goIsPrint(r: number): boolean {
  if (r <= 0xff) {
    if (r >= 0x20 && r <= 0x7e) return true;
    if (r >= 0xa1 && r <= 0xff) return r !== 0xad;
    return false;
  }
  if (r < 0x10000) return inRanges(PRINT_16, r) && !contains(NOT_PRINT_16, r);
  if (!inRanges(PRINT_32, r)) return false;
  // The exception list only covers the planes below U+20000; Go does the same shortcut.
  if (r >= 0x20000) return true;
  return !contains(NOT_PRINT_32, r - 0x10000);
}

// Made on first use: V8 builds the Unicode sets of \p{…} when the RegExp is created (~0.25 ms of
// every cold start for the two), and only non-ASCII text needs them.
let LETTER: RegExp | undefined;
let DECIMAL_DIGIT: RegExp | undefined;

// Every Go letter or digit is printable in Go, and categories of characters that already existed in
// 15.0 are stable, so "JS says letter AND Go says printable" is Go's unicode.IsLetter in practice.
/** Go's unicode.IsLetter. */
export function goIsLetter(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return (LETTER ??= /^\p{L}$/u).test(String.fromCodePoint(r)) && goIsPrint(r);
}

/** Go's unicode.IsDigit (any Nd decimal digit, not just 0-9). */
export function goIsDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return (DECIMAL_DIGIT ??= /^\p{Nd}$/u).test(String.fromCodePoint(r)) && goIsPrint(r);
}

/** The code points of s; lone UTF-16 surrogates are kept as their own values. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/**
 * s with every lone surrogate replaced by U+FFFD. Go strings are UTF-8, so a lone surrogate can
 * only be the invalid bytes that Go's JSON encoder turns into U+FFFD.
 */
export function toWellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
