/**
 * Values that many renders share (the chart's defaults, a values file read before) are frozen
 * once, so that merging may share them instead of copying them on every render: a caller who
 * modifies what a render returned gets a TypeError instead of changing the next render. Their
 * sizes are noted while freezing, so that the limits (limits.ts) need not walk them again.
 */
import type { Value } from './types.js';

export interface FrozenSize {
  /** map entries and list items, plus one for the root */
  nodes: number;
  /** 0 for an empty map or list, 1 for a map of scalars, … */
  depth: number;
}

const sizes = new WeakMap<object, FrozenSize>();

/** The size noted when `value` was frozen; undefined for a scalar or a value nobody froze. */
export function frozenSize(value: Value): FrozenSize | undefined {
  return value !== null && typeof value === 'object' ? sizes.get(value) : undefined;
}

function children(node: object): Value[] {
  return Array.isArray(node) ? (node as Value[]) : Object.values(node as Record<string, Value>);
}

/** Freezes `root` and everything under it, without recursion (the tree may be deeper than the stack). */
export function freezeTree(root: Value): void {
  if (root === null || typeof root !== 'object' || sizes.has(root)) return;
  // Post-order on one stack: a node is pushed again (as `true`) to be finished after its children.
  const nodes: object[] = [root];
  const finishing: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    if (finishing.pop()!) {
      let count = 1;
      let depth = 0;
      for (const child of children(node)) {
        const size = child !== null && typeof child === 'object' ? sizes.get(child)! : undefined;
        count += size ? size.nodes : 1;
        depth = Math.max(depth, 1 + (size ? size.depth : 0));
      }
      sizes.set(node, { nodes: count, depth });
      Object.freeze(node);
      continue;
    }
    if (sizes.has(node)) continue;
    nodes.push(node);
    finishing.push(true);
    for (const child of children(node)) {
      if (child !== null && typeof child === 'object' && !sizes.has(child)) {
        nodes.push(child);
        finishing.push(false);
      }
    }
  }
}
