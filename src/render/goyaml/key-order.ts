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
