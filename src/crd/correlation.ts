// On an UPDATE, the API server pairs each node of the new object with its counterpart in the old
// one (apiserver's CorrelatedObject): object fields and map entries by key, items of
// `x-kubernetes-list-type: map` lists by their map keys, items of `set` lists by value. Items of
// atomic lists have no counterpart. Transition rules see the counterpart as `oldSelf`, and
// ratcheting lets an error through when the node equals its counterpart.
import { isPlainObject, type Schema } from './schema.js';

/** A node's old counterpart (boxed: the old value itself may be undefined or null). */
export interface Old {
  value: unknown;
}

export function correlateChild(k: string, old: Old | undefined): Old | undefined {
  if (!old || !isPlainObject(old.value) || !Object.hasOwn(old.value, k) || old.value[k] === undefined) return undefined;
  return { value: old.value[k] };
}

export function correlateItem(item: unknown, list: Schema, old: Old | undefined): Old | undefined {
  if (!old || !Array.isArray(old.value)) return undefined;
  if (list.listType === 'map') {
    if (!isPlainObject(item)) return undefined;
    const keys = list.listMapKeys ?? [];
    const keyOf = (x: Record<string, unknown>, k: string) => (Object.hasOwn(x, k) ? x[k] : list.items?.properties?.[k]?.default?.value);
    const hit = old.value.find((o) => isPlainObject(o) && keys.every((k) => deepEqual(keyOf(o, k), keyOf(item, k))));
    return hit === undefined ? undefined : { value: hit };
  }
  if (list.listType === 'set') {
    const hit = old.value.find((o) => deepEqual(o, item));
    return hit === undefined ? undefined : { value: hit };
  }
  return undefined;
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export type PathSeg = string | number;

/**
 * Is an error at `segs` ratcheted? Walking from the root, the error's node (or, inside an atomic
 * list, the list itself) is compared with its old counterpart; equal means the update left it as
 * it was. `parent`: judge the enclosing object (a missing required field is the object's error).
 */
export function unchangedAt(newObj: unknown, oldObj: unknown, schema: Schema, segs: readonly PathSeg[], parent = false): boolean {
  const path = parent ? segs.slice(0, -1) : segs;
  let v: unknown = newObj;
  let s: Schema | undefined = schema;
  let old: Old | undefined = { value: oldObj };
  for (const seg of path) {
    if (old === undefined) return false;
    if (typeof seg === 'number') {
      if (!Array.isArray(v) || !s) return false;
      const next = correlateItem(v[seg], s, old);
      // No counterpart for an item of an atomic list: the list as a whole decides.
      if (next === undefined) return s.listType !== 'map' && s.listType !== 'set' && deepEqual(v, old.value);
      v = v[seg];
      s = s.items;
      old = next;
    } else {
      if (!isPlainObject(v)) return false;
      old = correlateChild(seg, old);
      v = v[seg];
      s = s?.properties?.[seg] ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
    }
  }
  return old !== undefined && deepEqual(v, old.value);
}
