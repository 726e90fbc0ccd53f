// The character classes of go-yaml v2's yamlprivateh.go, on code points instead of UTF-8 bytes.
// They are YAML's, not Go's unicode package: e.g. every character above U+FFFF counts as unprintable.

/** is_printable: what may appear raw in a scalar (emoji, tabs, C1 controls and U+FEFF may not). */
export function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** is_break: the YAML 1.1 line breaks, which include NEL, LS and PS. */
export function isBreak(c: number | undefined): boolean {
  return c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** is_space. */
export function isSpace(c: number | undefined): boolean {
  return c === 0x20;
}

/** is_blank: space or tab. */
export function isBlank(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

/** is_blankz: blank, break, NUL, or past the end. */
export function isBlankz(c: number | undefined): boolean {
  return c === undefined || c === 0 || isBlank(c) || isBreak(c);
}

/** Length of the UTF-8 encoding, which is what go-yaml's byte-based limits measure. */
export function utf8Length(cps: readonly number[]): number {
  let n = 0;
  for (const c of cps) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return n;
}
