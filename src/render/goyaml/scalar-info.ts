// What the emitter needs to know about one scalar's text, worked out once per distinct text: the
// same keys and values (labels, names, `app.kubernetes.io/name`…) recur in every document and
// every render, and analysing them character by character was most of toYaml's time.
import { codePoints } from './go-unicode.js';
import { analyzeScalar, type ScalarAnalysis } from './scalar-analysis.js';
import { requestedStringStyle, type ScalarStyle } from './scalar-style.js';
import { utf8Length } from './yaml-chars.js';

export interface ScalarInfo {
  text: string;
  cps: readonly number[];
  analysis: ScalarAnalysis;
  /** The style go-yaml's encoder asks for when the text is a string (tokens are always plain). */
  stringStyle: ScalarStyle;
  utf8Length: number;
  /**
   * Printable ASCII only: one code point per UTF-16 unit, no line breaks, nothing escaped but `"`
   * and `\` in double quotes. Such text can be written in one piece unless a line could fold.
   */
  printableAscii: boolean;
  hasSpace: boolean;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Bounded, so that a process rendering endless distinct values does not grow without limit.
const MAX_ENTRIES = 20_000;
const cache = new Map<string, ScalarInfo>();

export function scalarInfo(text: string): ScalarInfo {
  let info = cache.get(text);
  if (info === undefined) {
    const cps = codePoints(text);
    info = {
      text,
      cps,
      analysis: analyzeScalar(cps),
      stringStyle: requestedStringStyle(text),
      utf8Length: utf8Length(cps),
      printableAscii: PRINTABLE_ASCII.test(text),
      hasSpace: text.includes(' '),
    };
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, info);
  }
  return info;
}
