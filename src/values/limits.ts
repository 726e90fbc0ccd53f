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
import { formatPath } from './source.js';

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

  /**
   * Counts `value` (what `what` produced); throws when the run is over MAX_VALUES_NODES or
   * MAX_VALUES_DEPTH. `known` is measureTree(value), when the reader counted it already.
   */
  charge(value: Value, what: string, known?: TreeSize): void {
    const size = known ?? measureTree(value, MAX_VALUES_NODES - this.used);
    this.used += size.nodes;
    if (this.used > MAX_VALUES_NODES) {
      throw new ValuesLimitError(
        'MAX_VALUES_NODES',
        `${what}: the values hold more than ${formatCount(MAX_VALUES_NODES)} map entries and list items (the limit; this chart needs a few hundred): remove what the chart does not use`,
      );
    }
    if (size.depth > MAX_VALUES_DEPTH) {
      throw new ValuesLimitError('MAX_VALUES_DEPTH', `${what}: ${tooDeep(pathPastDepth(value, MAX_VALUES_DEPTH))}: flatten them`);
    }
  }
}

/** The depth limit in words: messages never name the constant. */
export const DEPTH_LIMIT = `the limit of ${MAX_VALUES_DEPTH} levels`;

/** A values path for a message, its start kept when it is long (`gateway.annotations.k.a.a…`). */
export function shortPath(path: string, max = 60): string {
  if (path.length <= max) return path;
  // Cut before a segment, not in one: `…k.a.a…`, not `…k.a.a.…`.
  const cut = Math.max(path.lastIndexOf('.', max), path.lastIndexOf('[', max));
  return `${path.slice(0, cut > 0 ? cut : max)}…`;
}

/** The one phrasing of every depth message: the limit in words, then where the values cross it. */
export function tooDeep(path: string | undefined, note?: string): string {
  const where = path === undefined || path === '' ? 'here' : `at ${shortPath(path)}`;
  return `the values nest deeper than ${DEPTH_LIMIT} ${where} (${note ? `${note}; ` : ''}values for this chart nest about 10)`;
}

/**
 * The values path where `root` first nests deeper than `max` levels: only called once a limit
 * was crossed, so its cost does not matter; iterative, as the value may be deeper than the stack.
 */
export function pathPastDepth(root: Value, max: number): string | undefined {
  const stack: { value: Value; level: number; path: (string | number)[] }[] = [{ value: root, level: 0, path: [] }];
  while (stack.length > 0) {
    const { value, level, path } = stack.pop()!;
    const children: [string | number, Value][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : isMap(value) ? Object.keys(value).map((k) => [k, value[k]!]) : [];
    if (children.length === 0) continue;
    if (level + 1 > max) return formatPath([...path, children[0]![0]]); // the first key one level too deep
    for (const [seg, child] of children) stack.push({ value: child, level: level + 1, path: [...path, seg] });
  }
  return undefined;
}
