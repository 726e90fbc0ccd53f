// go-yaml v2's yaml_emitter_analyze_scalar: which scalar styles can represent a value faithfully.
import { isBlank, isBlankz, isBreak, isPrintable, isSpace } from './yaml-chars.js';

export interface ScalarAnalysis {
  /** Contains a YAML line break (\n, \r, NEL, LS or PS). */
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  /** Literal / folded block style. */
  blockAllowed: boolean;
}

const FIRST_CHAR_INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
const INNER_FLOW_INDICATORS = new Set([...',?[]{}'].map((c) => c.charCodeAt(0)));
const [HASH, COLON, QUESTION, DASH] = ['#', ':', '?', '-'].map((c) => c.charCodeAt(0));

export function analyzeScalar(cps: readonly number[]): ScalarAnalysis {
  const n = cps.length;
  if (n === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  const head = String.fromCodePoint(...cps.slice(0, 3));
  if (head === '---' || head === '...') {
    blockIndicators = true;
    flowIndicators = true;
  }

  let precededByWhitespace = true;
  for (let i = 0; i < n; i++) {
    const c = cps[i]!;
    // Only a blank (not a line break) after ':' '?' '-' makes them indicators.
    const followedByWhitespace = i + 1 >= n || isBlank(cps[i + 1]);
    if (i === 0) {
      if (FIRST_CHAR_INDICATORS.has(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === QUESTION || c === COLON) {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === DASH && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (INNER_FLOW_INDICATORS.has(c)) {
      flowIndicators = true;
    } else if (c === COLON) {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === HASH && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }

    if (!isPrintable(c)) specialCharacters = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }

  const result: ScalarAnalysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
  }
  if (trailingSpace) result.blockAllowed = false;
  if (breakSpace) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
    result.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
    result.singleQuotedAllowed = false;
    result.blockAllowed = false;
  }
  if (lineBreaks) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
  }
  if (flowIndicators) result.flowPlainAllowed = false;
  if (blockIndicators) result.blockPlainAllowed = false;
  return result;
}
