/**
 * The shape of values as helm sees them after reading YAML or JSON.
 *
 * - Numbers read from a YAML or JSON file (or `--set-json`) are Go float64: a JS `number`.
 * - Integers from `--set` are Go int64: a `number` when it is a safe integer, otherwise a `bigint`.
 *   (Printed through `toYaml` both look the same; `bigint` keeps int64 digits a float would lose.)
 * - Maps are plain objects created with a null prototype, so a key named `__proto__` or
 *   `constructor` is an ordinary own key and can never reach `Object.prototype`.
 */
export type Value = null | boolean | number | bigint | string | Value[] | ValueMap;

export interface ValueMap {
  [key: string]: Value;
}

/**
 * A fresh map with no prototype: the only kind of map the value pipeline creates.
 *
 * Made as `{}` whose prototype is then removed, not with Object.create(null): V8 gives the latter
 * a hash table for its properties from the start, while these maps are small records with
 * recurring keys (name, labels, spec…), which V8 reads, enumerates and copies several times
 * faster as ordinary objects with hidden classes. Either way the map has no prototype at all.
 */
export function newMap(): ValueMap {
  return Object.setPrototypeOf({}, null) as ValueMap;
}

export function isMap(v: unknown): v is ValueMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
