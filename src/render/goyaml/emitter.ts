// go-yaml v2's block emitter (emitterc.go) driven straight from a value tree instead of an event
// queue: the queue only served to look ahead for empty collections and key length, which a tree
// answers directly. The order of state changes follows the C-derived original, because indentation
// and folding depend on the exact column / whitespace / indention flags left behind by each step.
import { EmitterOutput } from './emitter-output.js';
import type { GoNode } from './go-node.js';
import { codePoints } from './go-unicode.js';
import { sortKeys } from './key-order.js';
import { analyzeScalar, type ScalarAnalysis } from './scalar-analysis.js';
import { requestedStringStyle, selectScalarStyle, type ScalarStyle } from './scalar-style.js';
import { writeDoubleQuoted, writeLiteral, writePlain, writeSingleQuoted } from './scalar-writers.js';
import { utf8Length } from './yaml-chars.js';

/** Longest key (in UTF-8 bytes) written as `key: value`; longer ones use `? key`. */
const MAX_SIMPLE_KEY_BYTES = 128;

interface NodeContext {
  /** The node is a value inside a mapping (or a `? ` key). */
  mapping: boolean;
  /** The node is an implicit `key:`. */
  simpleKey: boolean;
}

const VALUE_IN_SEQUENCE: NodeContext = { mapping: false, simpleKey: false };
const VALUE_IN_MAPPING: NodeContext = { mapping: true, simpleKey: false };
const SIMPLE_KEY: NodeContext = { mapping: true, simpleKey: true };
const ROOT: NodeContext = { mapping: false, simpleKey: false };

class BlockEmitter {
  readonly out = new EmitterOutput();

  emitNode(node: GoNode, ctx: NodeContext): void {
    switch (node.kind) {
      case 'string':
        this.emitScalar(codePoints(node.value), requestedStringStyle(node.value), ctx);
        return;
      case 'token':
        this.emitScalar(codePoints(node.text), 'plain', ctx);
        return;
      case 'seq':
        if (node.items.length === 0) this.emitEmptyFlow('[', ']');
        else this.emitBlockSequence(node.items, ctx);
        return;
      case 'map':
        if (node.entries.size === 0) this.emitEmptyFlow('{', '}');
        else this.emitBlockMapping(node.entries);
        return;
    }
  }

  /**
   * go-yaml writes only empty collections in flow style (`[]`, `{}`), so nothing is ever nested in a
   * flow collection and every scalar is emitted at flow level 0.
   */
  private emitEmptyFlow(open: string, close: string): void {
    this.out.writeIndicator(open, true, true, false);
    this.out.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(items: readonly GoNode[], ctx: NodeContext): void {
    // A list that is a mapping value starts on its own line at the key's column (`key:\n- a`),
    // unless the key was a `? ` key, after which ':' keeps the line "indention only".
    const indentless = ctx.mapping && !this.out.indention;
    this.out.increaseIndent(false, indentless);
    for (const item of items) {
      this.out.writeIndent();
      this.out.writeIndicator('-', true, false, true);
      this.emitNode(item, VALUE_IN_SEQUENCE);
    }
    this.out.popIndent();
  }

  private emitBlockMapping(entries: ReadonlyMap<string, GoNode>): void {
    this.out.increaseIndent(false, false);
    for (const key of sortKeys([...entries.keys()])) {
      const value = entries.get(key)!;
      this.out.writeIndent();
      const keyCps = codePoints(key);
      const analysis = analyzeScalar(keyCps);
      if (!analysis.multiline && utf8Length(keyCps) <= MAX_SIMPLE_KEY_BYTES) {
        this.emitScalar(keyCps, requestedStringStyle(key), SIMPLE_KEY, analysis);
        this.out.writeIndicator(':', false, false, false);
      } else {
        this.out.writeIndicator('?', true, false, true);
        this.emitScalar(keyCps, requestedStringStyle(key), VALUE_IN_MAPPING, analysis);
        this.out.writeIndent();
        this.out.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, VALUE_IN_MAPPING);
    }
    this.out.popIndent();
  }

  private emitScalar(
    cps: readonly number[],
    requested: ScalarStyle,
    ctx: NodeContext,
    analysis: ScalarAnalysis = analyzeScalar(cps),
  ): void {
    const style = selectScalarStyle(requested, analysis, cps.length === 0, {
      flowLevel: 0,
      simpleKeyContext: ctx.simpleKey,
    });
    this.out.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    switch (style) {
      case 'plain':
        writePlain(this.out, cps, allowBreaks);
        break;
      case 'single':
        writeSingleQuoted(this.out, cps, allowBreaks);
        break;
      case 'double':
        writeDoubleQuoted(this.out, cps, allowBreaks);
        break;
      case 'literal':
        writeLiteral(this.out, cps);
        break;
    }
    this.out.popIndent();
  }
}

/** One YAML document for the value, as go-yaml v2's Marshal writes it (ending in a newline). */
export function emitDocument(root: GoNode): string {
  const emitter = new BlockEmitter();
  emitter.emitNode(root, ROOT);
  // Document end: finish the last line. The document is implicit, so no `---` or `...` is written.
  emitter.out.writeIndent();
  return emitter.out.text();
}
