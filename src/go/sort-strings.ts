/**
 * Go's `sort.Strings` order, which `range` over a map follows: byte order of the UTF-8 text, that
 * is code point order. JavaScript's `<` compares UTF-16 units, which agrees except where a
 * surrogate (a code point above U+FFFF) meets a unit from U+E000 to U+FFFF.
 */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The keys of a map in the order Go's `range` visits them. */
export function goSortedKeys(map: object): string[] {
  return Object.keys(map).sort(compareGoStrings);
}
