// go-yaml v2's block emitter (emitterc.go) driven straight from a value tree instead of an event
// queue: the queue only served to look ahead for empty collections and key length, which a tree
// answers directly. The order of state changes follows the C-derived original, because indentation
// and folding depend on the exact column / whitespace / indention flags left behind by each step.
import type { Value } from '../../values/types.js';
import { BEST_WIDTH, EmitterOutput } from './emitter-output.js';
import type { GoNode } from './go-node.js';
import { ALWAYS_SHORT_KEY, roundTripKey, roundTripString, roundTripThroughJson } from './json-roundtrip.js';
import { yamlNumberToken } from './go-number.js';
import { sortAsciiKeysInPlace, sortDigitFreeKeysInPlace, sortKeys } from './key-order.js';
import { codePointsOf, scalarInfo, type ScalarInfo } from './scalar-info.js';
import { selectScalarStyle, type ScalarStyle } from './scalar-style.js';
import { writeDoubleQuoted, writeLiteral, writePlain, writeSingleQuoted } from './scalar-writers.js';

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
  readonly out: EmitterOutput;

  constructor(linePrefix = '') {
    this.out = new EmitterOutput(linePrefix);
  }

  emitNode(node: GoNode, ctx: NodeContext): void {
    switch (node.kind) {
      case 'string': {
        const info = scalarInfo(node.value);
        this.emitScalar(info, info.stringStyle, ctx);
        return;
      }
      case 'token':
        this.emitScalar(scalarInfo(node.text), 'plain', ctx);
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
    for (const key of sortedKeys([...entries.keys()])) {
      this.emitKey(key);
      this.emitNode(entries.get(key)!, VALUE_IN_MAPPING);
    }
    this.out.popIndent();
  }

  /** A mapping key, up to and including its `:`. */
  private emitKey(key: string, info = scalarInfo(key)): void {
    this.out.writeIndent();
    if (!info.analysis.multiline && info.utf8Length <= MAX_SIMPLE_KEY_BYTES) {
      this.emitScalar(info, info.stringStyle, SIMPLE_KEY);
      this.out.writeIndicator(':', false, false, false);
    } else {
      this.out.writeIndicator('?', true, false, true);
      this.emitScalar(info, info.stringStyle, VALUE_IN_MAPPING);
      this.out.writeIndent();
      this.out.writeIndicator(':', true, false, true);
    }
  }

  /**
   * emitNode(roundTripThroughJson(value)) without building the node tree: each scalar goes
   * through the round trip as it is written. Throws ROUND_TRIP_FAILS where the round trip would
   * fail, and KEY_CHANGES where it would change a map key (two keys may then become one), which
   * the node tree handles.
   */
  emitValue(value: Value, ctx: NodeContext): void {
    if (value === null) {
      this.emitScalar(scalarInfo('null'), 'plain', ctx);
      return;
    }
    switch (typeof value) {
      case 'boolean':
        this.emitScalar(scalarInfo(value ? 'true' : 'false'), 'plain', ctx);
        return;
      case 'number':
      case 'bigint': {
        const text = yamlNumberToken(value);
        if (text === undefined) throw ROUND_TRIP_FAILS;
        this.emitScalar(scalarInfo(text), 'plain', ctx);
        return;
      }
      case 'string': {
        // Printable ASCII comes back from the round trip as it is, and scalarInfo knows it.
        let info = scalarInfo(value);
        if (!info.printableAscii) {
          const text = roundTripString(value);
          if (text === undefined) throw ROUND_TRIP_FAILS;
          info = scalarInfo(text);
        }
        this.emitScalar(info, info.stringStyle, ctx);
        return;
      }
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.emitEmptyFlow('[', ']');
        return;
      }
      const indentless = ctx.mapping && !this.out.indention;
      this.out.increaseIndent(false, indentless);
      for (const item of value) {
        this.out.writeIndent();
        this.out.writeIndicator('-', true, false, true);
        this.emitValue(item, VALUE_IN_SEQUENCE);
      }
      this.out.popIndent();
      return;
    }
    const keys = Object.keys(value);
    if (keys.length === 0) {
      this.emitEmptyFlow('{', '}');
      return;
    }
    // Printable ASCII keys (nearly all keys) survive the round trip and sort without code points.
    let ascii = true;
    let digitFree = true;
    for (const key of keys) {
      const info = scalarInfo(key);
      if (key.length <= ALWAYS_SHORT_KEY && info.printableAscii) {
        digitFree &&= info.plainSortable;
        continue;
      }
      if (roundTripKey(key) !== key) throw KEY_CHANGES;
      ascii = false;
    }
    const sorted = !ascii ? sortedKeys(keys) : digitFree && keys.length <= 16 ? sortDigitFreeKeysInPlace(keys) : sortAsciiKeysInPlace(keys);
    this.out.increaseIndent(false, false);
    for (const key of sorted) {
      this.emitKey(key);
      this.emitValue(value[key]!, VALUE_IN_MAPPING);
    }
    this.out.popIndent();
  }

  private emitScalar(info: ScalarInfo, requested: ScalarStyle, ctx: NodeContext): void {
    const style = selectScalarStyle(requested, info.analysis, info.text.length === 0, {
      flowLevel: 0,
      simpleKeyContext: ctx.simpleKey,
    });
    if (info.printableAscii && style !== 'literal' && this.writeUnfolded(info, style)) return;
    const cps = codePointsOf(info);
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

  private writeUnfolded(info: ScalarInfo, style: ScalarStyle): boolean {
    const text = unfoldedText(info, style);
    const out = this.out;
    const separator = out.whitespace ? 0 : 1;
    if (info.hasSpace && out.column + separator + text.length > BEST_WIDTH) return false;
    if (separator) out.put(' ');
    out.writeAscii(text);
    out.whitespace = false;
    out.indention = false;
    return true;
  }
}

/**
 * Printable ASCII in one piece, when no line can fold: the writers only break lines at a space,
 * and only once the column has passed BEST_WIDTH. Leaves the cursor as the writers would.
 */
function unfoldedText(info: ScalarInfo, style: ScalarStyle): string {
  switch (style) {
    case 'plain':
      return info.text;
    case 'single':
      return `'${info.text.replaceAll("'", "''")}'`;
    default:
      return `"${info.text.replace(/["\\]/g, '\\$&')}"`;
  }
}

// Key lists repeat (every Deployment-like map has the same keys): sort each distinct list once.
// Only lists with a non-ASCII or long key come here; the others sort on their UTF-16 units.
const MAX_SORTED = 5_000;
const sorted = new Map<string, string[]>();

function sortedKeys(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  // NUL separates keys unambiguously unless a key holds one; those few are sorted every time.
  if (keys.some((k) => k.includes('\0'))) return sortKeys(keys);
  const id = keys.join('\0');
  let out = sorted.get(id);
  if (out === undefined) {
    out = sortKeys(keys);
    if (sorted.size >= MAX_SORTED) sorted.clear();
    sorted.set(id, out);
  }
  return out;
}


const ROUND_TRIP_FAILS = Symbol('go-yaml cannot read the JSON back');
const KEY_CHANGES = Symbol('the round trip changes a key');

/**
 * emitDocument(roundTripThroughJson(value)), or undefined where the round trip fails: what
 * helm's toYaml writes for a value. With a `linePrefix`, every "\n" is followed by it, as
 * sprig's indent would add it.
 */
export function emitValueDocument(value: Value, linePrefix = ''): string | undefined {
  const emitter = new BlockEmitter(linePrefix);
  try {
    emitter.emitValue(value, ROOT);
  } catch (err) {
    if (err === ROUND_TRIP_FAILS) return undefined;
    if (err !== KEY_CHANGES) throw err;
    const node = roundTripThroughJson(value);
    if (node === undefined) return undefined;
    const doc = emitDocument(node);
    return linePrefix === '' ? doc : doc.replaceAll('\n', `\n${linePrefix}`);
  }
  emitter.out.writeIndent();
  return emitter.out.text();
}

/**
 * What toYaml prints: emitValueDocument without one final "\n" (and the `linePrefix` after it),
 * or '' where the round trip fails. The final line break is usually simply not written: cutting
 * it off afterwards would copy the whole text once more.
 */
export function emitValueBody(value: Value, linePrefix = ''): string {
  const emitter = new BlockEmitter(linePrefix);
  try {
    emitter.emitValue(value, ROOT);
  } catch (err) {
    if (err === ROUND_TRIP_FAILS) return '';
    if (err !== KEY_CHANGES) throw err;
    return withoutFinalBreak(emitValueDocument(value, linePrefix) ?? '', linePrefix);
  }
  // The document's end: writeIndent would start a new line, which toYaml would drop again.
  if (emitter.out.breaksAtIndent()) return emitter.out.text();
  // Otherwise the text already ends a line (a kept final line break of a block scalar, say).
  return withoutFinalBreak(emitter.out.text(), linePrefix);
}

function withoutFinalBreak(doc: string, linePrefix: string): string {
  const end = `\n${linePrefix}`;
  return doc.endsWith(end) ? doc.slice(0, doc.length - end.length) : doc;
}

/** One YAML document for the value, as go-yaml v2's Marshal writes it (ending in a newline). */
export function emitDocument(root: GoNode): string {
  const emitter = new BlockEmitter();
  emitter.emitNode(root, ROOT);
  // Document end: finish the last line. The document is implicit, so no `---` or `...` is written.
  emitter.out.writeIndent();
  return emitter.out.text();
}
