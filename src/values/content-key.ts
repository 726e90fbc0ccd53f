/**
 * A string that two values share exactly when they are the same tree: same types, same scalars,
 * same keys in the same order. Lets a computation made from a value be reused for an equal one
 * (a catalog gives hundreds of models the same rate limits, each its own copy). Keys that differ
 * only in key order are different: that costs a reuse, never a wrong result.
 */
import type { Value } from './types.js';

export function contentKey(value: Value): string {
  if (value === null) return 'z';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // String() tells every double apart (NaN and ±Infinity included) except 0 and -0.
      return Object.is(value, -0) ? 'n-0' : `n${value}`;
    case 'bigint':
      return `i${value}`;
    case 'boolean':
      return value ? 't' : 'f';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (const item of value) out += `${contentKey(item)},`;
    return `${out}]`;
  }
  let out = '{';
  for (const key of Object.keys(value)) out += `${JSON.stringify(key)}:${contentKey(value[key]!)},`;
  return `${out}}`;
}
