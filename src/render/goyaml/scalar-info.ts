// What the emitter needs to know about one scalar's text, worked out once per distinct text: the
// same keys and values (labels, names, `app.kubernetes.io/name`…) recur in every document and
// every render, and analysing them character by character was most of toYaml's time.
import { codePoints } from '../../go/unicode.js';
import { analyzeScalar, type ScalarAnalysis } from './scalar-analysis.js';
import { requestedStringStyle, type ScalarStyle } from './scalar-style.js';
import { utf8Length } from './yaml-chars.js';

export interface ScalarInfo {
  text: string;
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
  /** Printable ASCII without digits: as a key, it sorts by a plain total order (key-order.ts). */
  plainSortable: boolean;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const DIGIT = /[0-9]/;
// Bounded, so that a process rendering endless distinct values does not grow without limit.
const MAX_ENTRIES = 20_000;
const cache = new Map<string, ScalarInfo>();

export function scalarInfo(text: string): ScalarInfo {
  let info = cache.get(text);
  if (info === undefined) {
    const ascii = PRINTABLE_ASCII.test(text);
    const cps = ascii ? undefined : codePoints(text);
    info = {
      text,
      analysis: ascii ? analyzeAsciiScalar(text) : analyzeScalar(cps!),
      stringStyle: requestedStringStyle(text),
      utf8Length: ascii ? text.length : utf8Length(cps!),
      printableAscii: ascii,
      hasSpace: text.includes(' '),
      plainSortable: ascii && !DIGIT.test(text),
    };
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, info);
  }
  return info;
}

// analyzeScalar's indicator rules, for printable ASCII (where the only blank is the space and
// nothing is a break or a special character), as a few patterns instead of a loop per character.
const FLOW_INDICATORS = /^(?:[#,[\]{}&*!|>'"%@`?:]|-(?: |$)|---|\.\.\.)|.[,?[\]{}:]| #/;
const BLOCK_INDICATORS = /^(?:[#,[\]{}&*!|>'"%@`]|[?:-](?: |$)|---|\.\.\.)|.:(?: |$)| #/;

/** analyzeScalar(codePoints(text)) for printable ASCII text; a test holds them equal. */
export function analyzeAsciiScalar(text: string): ScalarAnalysis {
  if (text === '') return analyzeScalar([]);
  const edgeSpace = text.charCodeAt(0) === 0x20 || text.charCodeAt(text.length - 1) === 0x20;
  const trailingSpace = text.charCodeAt(text.length - 1) === 0x20;
  return {
    multiline: false,
    flowPlainAllowed: !edgeSpace && !FLOW_INDICATORS.test(text),
    blockPlainAllowed: !edgeSpace && !BLOCK_INDICATORS.test(text),
    singleQuotedAllowed: true,
    blockAllowed: !trailingSpace,
  };
}

/** The code points the character-by-character writers need. */
export function codePointsOf(info: ScalarInfo): number[] {
  return codePoints(info.text);
}
