/**
 * The schema's `plainKeys` rule (no `__proto__`, `constructor` or `prototype` key at any depth),
 * checked without ajv: ajv's code for a `not` builds and drops an error object per key, which was
 * a fifth of a render's schema check. Values shared between renders are frozen (values/frozen.ts),
 * so each of them is walked once, not once per render.
 */
import type { Value } from '../values/types.js';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

// Frozen maps and lists found free of reserved keys, all the way down.
const plain = new WeakSet<object>();

/** Whether `root` holds a reserved key anywhere; without recursion (values may nest deeply). */
export function hasReservedKeys(root: Value): boolean {
  const stack: Value[] = [root];
  // Frozen nodes are remembered as plain once the walk is over and nothing reserved was found.
  const frozen: object[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === null || typeof node !== 'object' || plain.has(node)) continue;
    if (Object.isFrozen(node)) frozen.push(node);
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else {
      for (const key of Object.keys(node)) {
        if (RESERVED.has(key)) return true;
        stack.push(node[key]!);
      }
    }
  }
  for (const node of frozen) plain.add(node);
  return false;
}
