// Two decisions pick a scalar's style: the encoder asks for one (encode.go stringv), then the emitter
// downgrades it if the text cannot be written that way there (emitterc.go select_scalar_style).
import { canUsePlain } from './resolve.js';
import type { ScalarAnalysis } from './scalar-analysis.js';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** The style go-yaml's encoder requests for an untagged string. */
export function requestedStringStyle(s: string): ScalarStyle {
  // Note: only '\n' asks for a literal block; '\r' or U+2028 alone do not.
  if (s.includes('\n')) return 'literal';
  return canUsePlain(s) ? 'plain' : 'double';
}

export interface StyleContext {
  /** Inside a flow collection. */
  flowLevel: number;
  /** Writing an implicit `key:` rather than a value or a `? ` key. */
  simpleKeyContext: boolean;
}

/** The style the emitter actually writes, given what was requested and what the text allows. */
export function selectScalarStyle(
  requested: ScalarStyle,
  analysis: ScalarAnalysis,
  isEmpty: boolean,
  ctx: StyleContext,
): ScalarStyle {
  let style = requested;
  if (ctx.simpleKeyContext && analysis.multiline) style = 'double';
  if (style === 'plain') {
    const plainAllowed = ctx.flowLevel > 0 ? analysis.flowPlainAllowed : analysis.blockPlainAllowed;
    if (!plainAllowed) style = 'single';
    if (isEmpty && (ctx.flowLevel > 0 || ctx.simpleKeyContext)) style = 'single';
  }
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || ctx.flowLevel > 0 || ctx.simpleKeyContext)) {
    style = 'double';
  }
  return style;
}
