// Decoding-time pruning, as apiextensions-apiserver does it before validation:
//  - fields the schema does not know are removed (and reported: strict field validation turns
//    them into errors, Warn into warnings);
//  - `null` in a non-nullable field without a default is removed.
// Root apiVersion/kind/metadata are left to the metadata module.
import { isPlainObject, type Schema } from './schema.js';
import { child, index, key, toString, type FieldPath } from './path.js';

export interface PruneResult {
  value: unknown;
  /** Paths of removed unknown fields, e.g. `spec.connection.connectionTimeout`. */
  unknownFields: string[];
}

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** Returns a pruned deep copy; the input is not modified. */
export function prune(doc: unknown, schema: Schema): PruneResult {
  const unknownFields: string[] = [];
  const value = pruneNode(doc, schema, [], true, unknownFields);
  return { value, unknownFields };
}

function pruneNode(v: unknown, s: Schema | undefined, path: FieldPath, isResourceRoot: boolean, unknown: string[]): unknown {
  if (Array.isArray(v)) return v.map((x, i) => pruneNode(x, s?.items, index(path, i), false, unknown));
  if (!isPlainObject(v)) return v;
  if (s === undefined) return structuredClone(v);
  const out: Record<string, unknown> = {};
  const props = s.properties;
  const keepRoot = isResourceRoot || s.embeddedResource === true;
  for (const [k, x] of Object.entries(v)) {
    if (keepRoot && ROOT_FIELDS.has(k) && !(props && Object.hasOwn(props, k) && k !== 'metadata')) {
      out[k] = structuredClone(x); // metadata is decoded as ObjectMeta, checked separately
      continue;
    }
    if (props && Object.hasOwn(props, k)) {
      const ps = props[k]!;
      if (x === null && !ps.nullable && ps.default === undefined) continue;
      out[k] = pruneNode(x, ps, child(path, k), false, unknown);
    } else if (s.additionalProperties !== undefined) {
      const as = s.additionalProperties === true ? undefined : s.additionalProperties;
      if (x === null && as && !as.nullable && as.default === undefined) continue;
      out[k] = pruneNode(x, as, key(path, k), false, unknown);
    } else if (s.preserveUnknownFields) {
      out[k] = structuredClone(x);
    } else {
      unknown.push(toString(child(path, k)));
    }
  }
  return out;
}
