// helm's `toYaml`, `indent` and `nindent`, byte for byte (helm v3.17.3 and v4.1.4 agree on all of it).
// toYaml = encoding/json, read back by go-yaml v2, written by go-yaml v2; the pieces live in ./goyaml.
import type { Value } from '../values/types.js';
import { frozenSize } from '../values/frozen.js';
import { emitValueBody } from './goyaml/emitter.js';
import { spaces } from './goyaml/emitter-output.js';

// The text of shared values (deep-frozen by freezeTree, so it cannot change), by indentation: the
// routes of a catalog print the same labels, costs and retry policy hundreds of times, and each is
// written once. Measured on a 500-model catalog in docs/performance.md; a property test holds the
// remembered text equal to a fresh one.
const written = new WeakMap<object, Map<number, string>>();

function remembered(v: Value, indentBy: number, write: () => string): string {
  if (v === null || typeof v !== 'object' || frozenSize(v) === undefined) return write();
  let byIndent = written.get(v);
  if (!byIndent) written.set(v, (byIndent = new Map()));
  let text = byIndent.get(indentBy);
  if (text === undefined) byIndent.set(indentBy, (text = write()));
  return text;
}

export { goFormatFloat } from './goyaml/go-number.js';
export { goQuote } from '../go/quote.js';

/**
 * What `{{ toYaml v }}` prints: go-yaml v2 block style with its natural key order, quoting and
 * folding at column 80, minus exactly one trailing newline. Where helm hits an error along the way
 * (e.g. a control character go-yaml cannot read back) it prints nothing, and so does this.
 */
export function toYaml(v: Value): string {
  return remembered(v, -1, () => emitValueBody(v));
}

/** sprig `indent`: n spaces before the text and after every "\n", so empty lines become n spaces. */
export function indent(n: number, s: string): string {
  const pad = spaces(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/**
 * `nindent n (toYaml v)`, the templates' way to place a value under a key, in one pass: the
 * emitter writes the indentation after each newline itself.
 */
export function nindentToYaml(n: number, v: Value): string {
  return remembered(v, n, () => {
    const pad = spaces(n);
    return `\n${pad}${emitValueBody(v, pad)}`;
  });
}

/** sprig `nindent`: a newline, then `indent`. */
export function nindent(n: number, s: string): string {
  return `\n${indent(n, s)}`;
}
