/**
 * The schema's `plainKeys` rule (no `__proto__`, `constructor` or `prototype` key at any depth),
 * checked without ajv: ajv's code for a `not` builds and drops an error object per key, which was
 * a fifth of a render's schema check. Values shared between renders are frozen (values/frozen.ts),
 * so each of them is walked once, not once per render.
 */
import type { Value } from '../values/types.js';

/** `__proto__`, `constructor` or `prototype`; by length first, as nearly every key is none. */
function isReserved(key: string): boolean {
  return key.length === 9 ? key === '__proto__' || key === 'prototype' : key.length === 11 && key === 'constructor';
}

// Frozen maps and lists found free of reserved keys, all the way down.
const plain = new WeakSet<object>();

/** Whether `root` holds a reserved key anywhere; without recursion (values may nest deeply). */
export function hasReservedKeys(root: Value): boolean {
  if (root === null || typeof root !== 'object') return false;
  // Only maps and lists go on the stack; scalars need no visit.
  const stack: object[] = [root];
  // Frozen nodes are remembered as plain once the walk is over and nothing reserved was found.
  const frozen: object[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // Only a frozen node can have been remembered: the others skip the WeakSet.
    if (Object.isFrozen(node)) {
      if (plain.has(node)) continue;
      frozen.push(node);
    }
    if (Array.isArray(node)) {
      for (const item of node as Value[]) if (item !== null && typeof item === 'object') stack.push(item);
    } else {
      const map = node as Record<string, Value>;
      for (const key of Object.keys(map)) {
        if (isReserved(key)) return true;
        const child = map[key]!;
        if (child !== null && typeof child === 'object') stack.push(child);
      }
    }
  }
  for (const node of frozen) plain.add(node);
  return false;
}
