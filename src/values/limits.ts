/**
 * The limits that keep one run bounded in memory, time and stack, whatever the input. helm has
 * almost none of its own (Go grows its stacks and has gigabytes to spare); a renderer in a
 * deployment pipeline must fail fast and say why instead. Every limit is far above what values
 * need: a core production values file is a few kilobytes, a few hundred entries and about ten
 * levels deep; a models catalog of 5,000 models is about 1.6 MB and 100,000 entries. Each
 * rejection names the limit and how big the input was.
 *
 * The README ("Security and limits") lists them; change both together.
 */
import { AiGatewayCoreError } from '../errors.js';
import { isMap, type Value } from './types.js';
import { frozenSize } from './frozen.js';

/** Bytes of all values files, standard input and `--set-file` files of one run, together. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * Line breaks and YAML indicators (`[ ] { } , : - ? & * !`) in a values file that the full YAML
 * parser reads. That parser needs about a kilobyte per token, so this is what bounds its memory
 * (~50 MB). Files in the plain block subset (fast-values-yaml.ts, which needs no token tree) are
 * not counted against it: that is how catalogs of thousands of models are read.
 */
export const MAX_YAML_TOKENS = 40_000;

/** Map entries and list items of the values of one run (after aliases are expanded). */
export const MAX_VALUES_NODES = 150_000;

/**
 * Nesting of maps and lists. The reading, merging and printing code is recursive: this keeps it
 * far from the JavaScript stack's end (helm's own bound is about 10,000).
 */
export const MAX_VALUES_DEPTH = 100;

export type LimitName = 'MAX_INPUT_BYTES' | 'MAX_YAML_TOKENS' | 'MAX_VALUES_NODES' | 'MAX_VALUES_DEPTH';

/** Input over one of the limits above: invalid input (exit 1), with the limit and the size in the message. */
export class ValuesLimitError extends AiGatewayCoreError {
  override readonly name = 'ValuesLimitError';
  constructor(
    readonly limit: LimitName,
    message: string,
  ) {
    super(message, 1);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} bytes`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export interface TreeSize {
  /** map entries and list items, plus one for the root */
  nodes: number;
  /** 0 for a scalar, 1 for a map of scalars, … */
  depth: number;
}

/**
 * Size and depth of a value, without recursion (the value may be deeper than the stack allows),
 * stopping early once both limits are exceeded.
 */
export function measureTree(root: Value, stopAfterNodes = Infinity): TreeSize {
  let nodes = 0;
  let depth = 0;
  // Two parallel stacks rather than one of [value, level] pairs: this runs on every render, and
  // a pair per node was a good part of its garbage.
  const values: Value[] = [root];
  const levels: number[] = [0];
  while (values.length > 0 && nodes <= stopAfterNodes) {
    const value = values.pop()!;
    const level = levels.pop()!;
    // Shared values were measured once, when they were frozen.
    const known = frozenSize(value);
    if (known !== undefined) {
      nodes += known.nodes;
      depth = Math.max(depth, level + known.depth);
      continue;
    }
    nodes++;
    if (Array.isArray(value)) {
      if (value.length > 0) depth = Math.max(depth, level + 1);
      for (const item of value) {
        values.push(item);
        levels.push(level + 1);
      }
    } else if (isMap(value)) {
      let any = false;
      for (const key in value) {
        any = true;
        values.push(value[key]!);
        levels.push(level + 1);
      }
      if (any) depth = Math.max(depth, level + 1);
    }
  }
  return { nodes, depth };
}

/**
 * The values of one run, charged as they are read (each values file, then the flags), so that
 * many files cannot add up to what one file may not hold.
 */
export class ValuesBudget {
  private used = 0;

  /** Counts `value` (what `what` produced); throws when the run is over MAX_VALUES_NODES or MAX_VALUES_DEPTH. */
  charge(value: Value, what: string): void {
    const size = measureTree(value, MAX_VALUES_NODES - this.used);
    this.used += size.nodes;
    if (this.used > MAX_VALUES_NODES) {
      throw new ValuesLimitError(
        'MAX_VALUES_NODES',
        `${what}: the values hold more than ${formatCount(MAX_VALUES_NODES)} map entries and list items (the limit MAX_VALUES_NODES; this chart needs a few hundred): remove what the chart does not use`,
      );
    }
    checkDepth(size.depth, what);
  }
}

/** Throws when `depth` is over MAX_VALUES_DEPTH. */
export function checkDepth(depth: number, what: string): void {
  if (depth > MAX_VALUES_DEPTH) {
    throw new ValuesLimitError(
      'MAX_VALUES_DEPTH',
      `${what}: the values nest ${formatCount(depth)} levels deep, more than ${MAX_VALUES_DEPTH} (the limit MAX_VALUES_DEPTH; this chart's values nest about 10): flatten them`,
    );
  }
}
