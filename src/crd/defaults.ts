// Applies `default:` values the way structuraldefaulting.Default does at decode time, so schema
// validation and CEL rules see the defaulted object (e.g. `self.type == 'LoadBalancer'` when
// `type` was omitted).
import { isPlainObject, type Schema } from './schema.js';

/** Returns a defaulted deep copy; the input is not modified. */
export function applyDefaults(value: unknown, schema: Schema): unknown {
  const copy = structuredClone(value);
  defaultInPlace(copy, schema);
  return copy;
}

function defaultInPlace(x: unknown, s: Schema | undefined): void {
  if (s === undefined) return;
  if (Array.isArray(x)) {
    const items = s.items;
    if (!items) return;
    x.forEach((v, i) => {
      if (v === null && !items.nullable && items.default !== undefined) x[i] = structuredClone(items.default.value);
      defaultInPlace(x[i], items);
    });
    return;
  }
  if (!isPlainObject(x)) return;
  for (const [k, prop] of Object.entries(s.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (!(k in x) || (x[k] === null && !prop.nullable)) x[k] = structuredClone(prop.default.value);
  }
  for (const k of Object.keys(x)) {
    const prop = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
    if (prop) {
      defaultInPlace(x[k], prop);
    } else if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
      const ap = s.additionalProperties;
      if (x[k] === null && !ap.nullable && ap.default !== undefined) x[k] = structuredClone(ap.default.value);
      defaultInPlace(x[k], ap);
    }
  }
}
