// x-kubernetes-list-type invariants (structurallisttype.ValidateListSetsAndMaps): items of a
// `set` are unique, and items of a `map` are unique by their x-kubernetes-list-map-keys.
import * as fe from './field-error.js';
import type { FieldError } from './field-error.js';
import { child, index, key, toString, type FieldPath } from './path.js';
import { isPlainObject, type Schema } from './schema.js';

export function validateListTypes(value: unknown, schema: Schema, path: FieldPath = []): FieldError[] {
  const out: FieldError[] = [];
  walk(value, schema, path, out);
  return out;
}

function walk(v: unknown, s: Schema | undefined, path: FieldPath, out: FieldError[]): void {
  if (!s) return;
  if (Array.isArray(v)) {
    if (s.listType === 'set') checkSet(v, path, out);
    else if (s.listType === 'map') checkMap(v, s, path, out);
    v.forEach((x, i) => walk(x, s.items, index(path, i), out));
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (s.properties && Object.hasOwn(s.properties, k)) walk(x, s.properties[k], child(path, k), out);
      else if (s.additionalProperties && s.additionalProperties !== true) walk(x, s.additionalProperties, key(path, k), out);
    }
  }
}

/** Canonical JSON (sorted keys) so structurally equal values compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function checkSet(v: unknown[], path: FieldPath, out: FieldError[]): void {
  const seen = new Set<string>();
  v.forEach((x, i) => {
    const c = canonical(x);
    if (seen.has(c)) out.push(fe.duplicate(toString(index(path, i)), x));
    seen.add(c);
  });
}

function checkMap(v: unknown[], s: Schema, path: FieldPath, out: FieldError[]): void {
  const keys = s.listMapKeys ?? [];
  const seen = new Set<string>();
  v.forEach((x, i) => {
    const p = toString(index(path, i));
    if (!isPlainObject(x)) {
      out.push(fe.invalid(p, x, 'must be an object for an array of list-type map'));
      return;
    }
    const tuple: Record<string, unknown> = {};
    for (const k of keys) {
      if (Object.hasOwn(x, k)) tuple[k] = x[k];
      else {
        const d = s.items?.properties?.[k]?.default;
        if (d !== undefined) tuple[k] = d.value;
      }
    }
    const c = canonical(tuple);
    if (seen.has(c)) out.push(fe.duplicate(p, tuple));
    seen.add(c);
  });
}
